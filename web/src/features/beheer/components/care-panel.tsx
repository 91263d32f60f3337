// Beheer → client page: the state of care (end of care closes the portal when the policy says so), the age
// rules (from 16 parents and guardians with gezag keep access only with the client's consent) and the
// consent a relation without gezag needs: of a gezag holder under 16, of the client from 16.
import type { ClientDetail } from "@portaal/shared/beheer";
import { CONSENT_AGE } from "@portaal/shared/care";
import { useState } from "react";
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
  const actual = client.relations.filter((r) => r.endDate === null);
  const holders = actual.filter((r) => r.gezag);
  // Gezag holders (their access after 16), then relations without gezag (they always need consent).
  const people = [...holders, ...actual.filter((r) => !r.gezag)];
  const adult = care.age !== null && care.age >= CONSENT_AGE;
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
      {care.age !== null && people.length > 0 && (
        <>
          <h3 className="care-consent-title">{t("careRules.consentTitle")}</h3>
          <p className="muted">{adult ? t("careRules.consentIntroOld") : t("careRules.consentIntroYoung")}</p>
          {error && <Alert tone="error">{error.message}</Alert>}
          <ul className="plain-list consent-list">
            {people.map((r) => (
              <RelationConsent
                key={r.id}
                relation={r}
                client={client}
                holders={holders.filter((h) => h.id !== r.id)}
                canManage={canManage}
                pending={consent.isPending}
                onSet={(body) => consent.mutate({ relationId: r.id, ...body })}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

type RelationRow = ClientDetail["relations"][number];

/** One relation's consent: whose it is and since when, what is missing, and (for staff who manage access) record or revoke. */
function RelationConsent({
  relation: r,
  client,
  holders,
  canManage,
  pending,
  onSet,
}: {
  relation: RelationRow;
  client: ClientDetail;
  holders: RelationRow[];
  canManage: boolean;
  pending: boolean;
  onSet: (body: { given: boolean; gezagRelationId?: string }) => void;
}) {
  const { t } = useTranslation();
  const adult = client.care.age !== null && client.care.age >= CONSENT_AGE;
  // Whose consent can be recorded: the client's own (any age for gezag holders; from 16 for the others), or a gezag holder's.
  const byHolder = !r.gezag && !adult;
  const [holderId, setHolderId] = useState(holders[0]?.id ?? "");
  const selectId = `consent-by-${r.id}`;
  const given = r.consent;
  return (
    <li className="consent-row">
      <div className="consent-who">
        <strong>{r.name}</strong> ({r.role}
        {r.gezag ? `, ${t("careRules.withGezag")}` : `, ${t("careRules.withoutGezag")}`}){" "}
        {given ? (
          <span className="badge badge-ok">
            {t("careRules.consentGiven", {
              date: formatDate(new Date(given.givenAt).toISOString()),
              by:
                given.decidedBy === "gezaghouder"
                  ? t("careRules.byHolder", { name: given.gezagHolder ?? "" })
                  : t(`careRules.by.${given.givenBy}`),
            })}
          </span>
        ) : (
          <span className="badge badge-muted">{r.consentMissing ? t("careRules.consentMissing") : t("careRules.consentNone")}</span>
        )}
      </div>
      {r.consentMissing && !given && <p className="consent-missing">{r.consentMissing}</p>}
      {canManage &&
        (given ? (
          <button
            type="button"
            className="button button-secondary"
            disabled={pending}
            onClick={() => onSet({ given: false, ...(given.gezagRelationId ? { gezagRelationId: given.gezagRelationId } : {}) })}
          >
            {t("careRules.revoke", { name: r.name })}
          </button>
        ) : byHolder ? (
          holders.length > 0 && (
            <div className="consent-record">
              <label htmlFor={selectId}>{t("careRules.consentBy")}</label>
              <select id={selectId} value={holderId} onChange={(e) => setHolderId(e.target.value)}>
                {holders.map((h) => (
                  <option key={h.id} value={h.id}>
                    {h.name} ({h.role})
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button button-secondary"
                disabled={pending || !holderId}
                onClick={() => onSet({ given: true, gezagRelationId: holderId })}
              >
                {t("careRules.record", { name: r.name })}
              </button>
            </div>
          )
        ) : (
          <button type="button" className="button button-secondary" disabled={pending} onClick={() => onSet({ given: true })}>
            {adult || r.gezag
              ? t("careRules.recordClient", { name: r.name, client: client.firstName })
              : t("careRules.record", { name: r.name })}
          </button>
        ))}
    </li>
  );
}
