// Beheer: one client's page with contact data, placements/products and actuele relaties.
import type { MeResponse } from "@portaal/shared/auth";
import { can } from "@portaal/shared/roles";
import { useTranslation } from "react-i18next";
import { Link, useOutletContext, useParams } from "react-router";
import { Alert } from "../../../components/ui/alert";
import { ErrorState } from "../../../components/ui/error-state";
import { telHref } from "../../../components/ui/phone-text";
import { Loading } from "../../../components/ui/spinner";
import { paths } from "../../../config/paths";
import { formatDate } from "../../../lib/format";
import { useClient } from "../api/get-client";
import { AccessPanel } from "../components/access-panel";
import { AppointmentsPanel } from "../components/appointments-panel";
import { AssignmentsPanel } from "../components/assignments-panel";
import { CarePanel } from "../components/care-panel";
import { DocumentsPanel } from "../components/documents-panel";
import { AddRelationForm, LinkRelationForm } from "../components/relation-forms";
import { SharedDiaryPanel } from "../components/shared-diary-panel";

export function ClientPageRoute() {
  const { t } = useTranslation();
  const me = useOutletContext<MeResponse>();
  const { clientId = "" } = useParams();
  const client = useClient(clientId);
  const canManage = can(me.user.staffRole, "access.manage");
  // Need to know: the secretariaat manages access and appointments, not dossier content (the BFF refuses it too).
  const careWork = me.user.staffRole !== "secretariaat";

  return (
    <main id="inhoud" className="page page-wide">
      <p>
        <Link to={paths.beheer.clients.getHref()}>← {t("beheer.backToList")}</Link>
      </p>
      {client.isPending && <Loading />}
      {client.isError && <ErrorState error={client.error} />}
      {client.data && (
        <>
          <div className="page-head">
            <h1>
              {client.data.firstName} {client.data.lastName}
            </h1>
            {careWork && (
              <Link className="button button-secondary" to={`${paths.beheer.inbox.getHref()}?client=${encodeURIComponent(clientId)}`}>
                {t("nav.berichten")}
              </Link>
            )}
          </div>
          <div className="grid-2">
            <section className="panel" aria-labelledby="h-contact">
              <h2 id="h-contact">{t("beheer.contact")}</h2>
              <dl className="details">
                <dt>{t("beheer.number")}</dt>
                <dd>{client.data.clientNumber}</dd>
                <dt>{t("beheer.birthDate")}</dt>
                <dd>{client.data.birthDate ? formatDate(client.data.birthDate) : t("beheer.unknown")}</dd>
                <dt>{t("beheer.email")}</dt>
                <dd>{client.data.email ?? t("beheer.unknown")}</dd>
                <dt>{t("beheer.phone")}</dt>
                <dd>{client.data.phone ? <a href={telHref(client.data.phone)}>{client.data.phone}</a> : t("beheer.unknown")}</dd>
                <dt>{t("beheer.address")}</dt>
                <dd>{client.data.address ?? t("beheer.unknown")}</dd>
              </dl>
            </section>
            <section className="panel" aria-labelledby="h-placements">
              <h2 id="h-placements">{t("beheer.placements")}</h2>
              <ul className="plain-list">
                {client.data.placements.map((p) => (
                  <li key={p.id}>
                    <strong>{p.name}</strong>{" "}
                    <span className={`badge ${p.active ? "badge-ok" : "badge-muted"}`}>
                      {p.active ? t("beheer.active") : t("beheer.ended")}
                    </span>
                    <div className="muted">
                      {t("beheer.start")}: {formatDate(p.startDate)}
                      {p.endDate && ` · ${t("beheer.end")}: ${formatDate(p.endDate)}`}
                      {p.location && ` · ${p.location}`}
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          </div>
          <section className="panel" aria-labelledby="h-relations">
            <h2 id="h-relations">{t("beheer.relations")}</h2>
            {client.data.relations.length === 0 ? (
              <p className="empty-state">{t("beheer.noRelations")}</p>
            ) : (
              <ul className="card-list">
                {client.data.relations.map((r) => (
                  <li key={r.id} className="card">
                    <strong>{r.name}</strong> · {r.role}
                    {r.gezag && <span className="badge badge-ok">{t("beheer.gezag")}</span>}
                    <div className="muted">
                      {r.email}
                      {r.email && r.phone && " · "}
                      {r.phone && <a href={telHref(r.phone)}>{r.phone}</a>}
                    </div>
                    {r.otherClients.length > 0 && (
                      <div className="muted">
                        {t("beheer.alsoRelationOf")}:{" "}
                        {r.otherClients.map((o, i) => (
                          <span key={o.id}>
                            {i > 0 && ", "}
                            <Link to={paths.beheer.client.getHref(o.id)}>{o.name}</Link>
                          </span>
                        ))}
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <CarePanel client={client.data} canManage={canManage} />
          {canManage && <AccessPanel clientId={clientId} />}
          {careWork ? <DocumentsPanel clientId={clientId} /> : <Alert>{t("beheer.needToKnow")}</Alert>}
          <AppointmentsPanel clientId={clientId} practitioner={me.user.displayName} />
          {careWork && <AssignmentsPanel clientId={clientId} careWork={careWork} />}
          {careWork && <SharedDiaryPanel clientId={clientId} />}
          {canManage && (
            <div className="grid-2">
              <AddRelationForm clientId={clientId} />
              <LinkRelationForm clientId={clientId} linkedContactIds={client.data.relations.map((r) => r.contactId)} />
            </div>
          )}
        </>
      )}
    </main>
  );
}
