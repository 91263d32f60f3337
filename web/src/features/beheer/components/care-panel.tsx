// Beheer → client page: the state of care (end of care closes the portal when the policy says so) and
// the age rules: from 16 parents and guardians with gezag keep access only with the client's consent.
import type { ClientDetail } from "@portaal/shared/beheer";
import { CONSENT_AGE } from "@portaal/shared/care";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import { ApiRequestError } from "../../../lib/api-client";
import { formatDate } from "../../../lib/format";
import { useSetConsent } from "../api/set-consent";

export function CarePanel({ client, canManage }: { client: ClientDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const consent = useSetConsent(client.id);
  const error = consent.error instanceof ApiRequestError ? consent.error : null;
  const { care } = client;
  const holders = client.relations.filter((r) => r.gezag);
  const closed = care.state === "beeindigd" && care.closesPortal;
  return (
    <section className="panel" aria-labelledby="h-care">
      <h2 id="h-care">{t("careRules.title")}</h2>
      <dl className="details">
        <dt>{t("careRules.state")}</dt>
        <dd>
          <span className={`badge ${care.state === "actief" ? "badge-ok" : "badge-muted"}`}>{t(`careRules.states.${care.state}`)}</span>
          {care.endedOn && ` ${t("careRules.endedOn", { date: formatDate(care.endedOn) })}`}
        </dd>
        <dt>{t("careRules.portal")}</dt>
        <dd>
          {closed
            ? t("careRules.portalClosed", { date: formatDate(care.endedOn ?? "") })
            : care.state === "beeindigd"
              ? t("careRules.portalOpenByPolicy")
              : t("careRules.portalOpen")}
        </dd>
        {care.age !== null && (
          <>
            <dt>{t("careRules.age")}</dt>
            <dd>
              {t("careRules.years", { count: care.age })}
              {care.sixteenOn && care.age < CONSENT_AGE && ` · ${t("careRules.sixteenOn", { date: formatDate(care.sixteenOn) })}`}
            </dd>
          </>
        )}
      </dl>
      {closed && <Alert tone="info">{t("careRules.reactivateHint")}</Alert>}
      {holders.length > 0 && care.age !== null && (
        <>
          <h3 className="care-consent-title">{t("careRules.consentTitle")}</h3>
          <p className="muted">{care.age >= CONSENT_AGE ? t("careRules.consentIntroOld") : t("careRules.consentIntroYoung")}</p>
          {error && <Alert tone="error">{error.message}</Alert>}
          <ul className="plain-list">
            {holders.map((r) => (
              <li key={r.id} className="consent-row">
                <strong>{r.name}</strong> ({r.role}){" "}
                {r.consent ? (
                  <span className="badge badge-ok">
                    {t("careRules.consentGiven", {
                      date: formatDate(new Date(r.consent.givenAt).toISOString()),
                      by: t(`careRules.by.${r.consent.givenBy}`),
                    })}
                  </span>
                ) : (
                  <span className="badge badge-muted">{t("careRules.consentNone")}</span>
                )}
                {canManage && (
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={consent.isPending}
                    onClick={() => consent.mutate({ relationId: r.id, given: r.consent === null })}
                  >
                    {r.consent ? t("careRules.revoke", { name: r.name }) : t("careRules.record", { name: r.name })}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
