// Beheer: one client's page with contact data, placements/products and actuele relaties.
import type { MeResponse } from "@portaal/shared/auth";
import { can } from "@portaal/shared/roles";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useOutletContext, useParams } from "react-router";
import { Alert } from "../../../components/ui/alert";
import { ErrorState } from "../../../components/ui/error-state";
import { Loading } from "../../../components/ui/spinner";
import { paths } from "../../../config/paths";
import { useClient } from "../api/get-client";
import { AccessPanel } from "../components/access-panel";
import { AppointmentsPanel } from "../components/appointments-panel";
import { AssignmentsPanel } from "../components/assignments-panel";
import { CarePanel } from "../components/care-panel";
import { ContactPanel } from "../components/contact-panel";
import { DocumentsPanel } from "../components/documents-panel";
import { PlacementsPanel } from "../components/placements-panel";
import { AddRelationForm, LinkRelationForm } from "../components/relation-forms";
import { RelationsPanel } from "../components/relations-panel";
import { SharedDiaryPanel } from "../components/shared-diary-panel";

export function ClientPageRoute() {
  const { t } = useTranslation();
  const me = useOutletContext<MeResponse>();
  const { clientId = "" } = useParams();
  const client = useClient(clientId);
  const canManage = can(me.user.staffRole, "access.manage");
  const canEditRecords = can(me.user.staffRole, "clients.manage");
  const created = (useLocation().state as { created?: boolean } | null)?.created === true;
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
          {created && <Alert tone="success">{t("clientRecords.created")}</Alert>}
          <div className="grid-2">
            <ContactPanel client={client.data} canEdit={canEditRecords} />
            <PlacementsPanel clientId={clientId} placements={client.data.placements} canManage={canEditRecords} />
          </div>
          <RelationsPanel clientId={clientId} relations={client.data.relations} canManage={canEditRecords} />
          <CarePanel client={client.data} canManage={canManage} />
          {canManage && <AccessPanel clientId={clientId} />}
          {careWork ? <DocumentsPanel clientId={clientId} /> : <Alert>{t("beheer.needToKnow")}</Alert>}
          <AppointmentsPanel clientId={clientId} practitioner={me.user.displayName} />
          {careWork && <AssignmentsPanel clientId={clientId} careWork={careWork} />}
          {careWork && <SharedDiaryPanel clientId={clientId} />}
          {canManage && (
            <div className="grid-2">
              <AddRelationForm clientId={clientId} />
              <LinkRelationForm
                clientId={clientId}
                linkedContactIds={client.data.relations.filter((r) => r.endDate === null).map((r) => r.contactId)}
              />
            </div>
          )}
        </>
      )}
    </main>
  );
}
