// A portal section whose feature has not landed yet: an honest empty state, no fake data.
import type { MeResponse } from "@portaal/shared/auth";
import { useTranslation } from "react-i18next";
import { Navigate, useOutletContext, useParams } from "react-router";
import { PortalOf } from "../../../components/portal-of";
import { PORTAL_SECTIONS, type PortalSection, paths } from "../../../config/paths";

export function PortalSectionRoute() {
  const me = useOutletContext<MeResponse>();
  const { clientId, section } = useParams();
  const { t } = useTranslation();
  if (!me.portals.some((p) => p.clientId === clientId) || !PORTAL_SECTIONS.includes(section as PortalSection)) {
    return <Navigate to={paths.home.getHref()} replace />;
  }
  const title = t(`nav.${section as PortalSection}`);
  return (
    <main id="inhoud" className="page">
      <PortalOf />
      <h1>{title}</h1>
      <p className="empty-state">{t("portal.emptySection", { section: title.toLowerCase() })}</p>
    </main>
  );
}
