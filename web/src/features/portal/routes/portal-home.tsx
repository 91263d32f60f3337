// Home of one client's portal. The activity overview arrives with the shell issue; this shows who and where.
import type { MeResponse } from "@portaal/shared/auth";
import { useTranslation } from "react-i18next";
import { Navigate, useOutletContext, useParams } from "react-router";
import { Alert } from "../../../components/ui/alert";
import { paths } from "../../../config/paths";

export function PortalHomeRoute() {
  const me = useOutletContext<MeResponse>();
  const { clientId } = useParams();
  const { t } = useTranslation();
  const portal = me.portals.find((p) => p.clientId === clientId);
  if (!portal) return <Navigate to={paths.home.getHref()} replace />;
  return (
    <main id="inhoud" className="page">
      <p className="eyebrow">{portal.relation === "eigen" ? t("portal.own") : t("portal.portalOf", { name: portal.name })}</p>
      <h1>{t("portal.welcome", { name: me.user.displayName })}</h1>
      <Alert tone="info">{t("portal.crisis", { phone: me.organization.phone })}</Alert>
    </main>
  );
}
