// Mijn account → "Wie kan mijn portaal zien": from 16 the client decides, per parent or guardian with
// gezag, whether they keep access (WGBO). Younger clients see who has access, without switches.
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import { ErrorState } from "../../../components/ui/error-state";
import { Loading } from "../../../components/ui/spinner";
import { ApiRequestError } from "../../../lib/api-client";
import { formatDate } from "../../../lib/format";
import { usePortalViewers, useSetPortalViewer } from "../api/portal-viewers";

export function PortalViewersSection() {
  const { t } = useTranslation();
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
                        checked={v.consent !== null}
                        aria-checked={v.consent !== null}
                        disabled={!viewers.data.decides || change.isPending}
                        aria-describedby={`${id}-state`}
                        onChange={(e) => change.mutate({ relationId: v.relationId, given: e.target.checked })}
                      />
                      <label htmlFor={id}>
                        <strong>{v.name}</strong> ({v.role})
                      </label>
                    </div>
                    <p id={`${id}-state`} className="muted">
                      {v.consent
                        ? t("careRules.viewerOn", { date: formatDate(new Date(v.consent.givenAt).toISOString()) })
                        : t("careRules.viewerOff")}
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
