// Mijn account → "Wie kan mijn portaal zien": from 16 the client decides, per relation (parents and
// guardians with gezag, relations without gezag), who may see the portal (WGBO). Younger clients see who
// may, without switches.
import type { PortalViewer } from "@portaal/shared/care";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import { ErrorState } from "../../../components/ui/error-state";
import { Loading } from "../../../components/ui/spinner";
import { ApiRequestError } from "../../../lib/api-client";
import { formatDate } from "../../../lib/format";
import { usePortalViewers, useSetPortalViewer } from "../api/portal-viewers";

/** Under 16 a parent or guardian with gezag sees the portal without consent; everyone else needs it. */
function mayView(v: PortalViewer, decides: boolean): boolean {
  return v.consent !== null || (!decides && v.gezag);
}

export function PortalViewersSection() {
  const { t } = useTranslation();
  const viewerState = (v: PortalViewer, decides: boolean) => {
    if (v.consent) {
      const date = formatDate(new Date(v.consent.givenAt).toISOString());
      return v.consent.decidedBy === "gezaghouder"
        ? t("careRules.viewerOnByHolder", { date, name: v.consent.gezagHolder ?? "" })
        : t("careRules.viewerOn", { date });
    }
    return mayView(v, decides) ? t("careRules.viewerGezag") : t("careRules.viewerOff");
  };
  const viewers = usePortalViewers(true);
  const change = useSetPortalViewer();
  const error = change.error instanceof ApiRequestError ? change.error : null;
  return (
    <section className="panel" aria-labelledby="h-viewers">
      <h2 id="h-viewers">{t("careRules.viewersTitle")}</h2>
      {viewers.isPending && <Loading />}
      {viewers.isError && <ErrorState error={viewers.error} onRetry={() => void viewers.refetch()} />}
      {viewers.data && (
        <>
          <p className="muted">{viewers.data.decides ? t("careRules.viewersIntro") : t("careRules.viewersYoung")}</p>
          {error && <Alert tone="error">{error.message}</Alert>}
          {viewers.data.viewers.length === 0 ? (
            <p className="empty-state">{t("careRules.viewersNone")}</p>
          ) : (
            <ul className="card-list">
              {viewers.data.viewers.map((v) => {
                const id = `viewer-${v.relationId}`;
                return (
                  <li key={v.relationId} className="card viewer-row">
                    <div className="checkbox">
                      <input
                        id={id}
                        type="checkbox"
                        role="switch"
                        checked={mayView(v, viewers.data.decides)}
                        aria-checked={mayView(v, viewers.data.decides)}
                        disabled={!viewers.data.decides || change.isPending}
                        aria-describedby={`${id}-state`}
                        onChange={(e) => change.mutate({ relationId: v.relationId, given: e.target.checked })}
                      />
                      <label htmlFor={id}>
                        <strong>{v.name}</strong> ({v.role}
                        {v.gezag ? `, ${t("careRules.withGezag")}` : `, ${t("careRules.withoutGezag")}`})
                      </label>
                    </div>
                    <p id={`${id}-state`} className="muted">
                      {viewerState(v, viewers.data.decides)}
                    </p>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
