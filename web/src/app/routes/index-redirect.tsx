// "/" sends staff to Beheer and COV users to their first portal.
import type { MeResponse } from "@portaal/shared/auth";
import { useTranslation } from "react-i18next";
import { Navigate, useOutletContext } from "react-router";
import { Alert } from "../../components/ui/alert";
import { paths } from "../../config/paths";

export function IndexRedirect() {
  const me = useOutletContext<MeResponse>();
  const { t } = useTranslation();
  if (me.user.kind === "staff") return <Navigate to={paths.beheer.clients.getHref()} replace />;
  const first = me.portals[0];
  if (first) return <Navigate to={paths.portal.home.getHref(first.clientId)} replace />;
  return (
    <main id="inhoud" className="page">
      <Alert tone="warning">{t("portal.noPortals")}</Alert>
    </main>
  );
}
