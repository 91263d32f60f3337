// The list of portals an account can reach (its own and each client it is a relation of), and logout.
import type { MeResponse } from "@portaal/shared/auth";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { paths } from "../../config/paths";
import { useLogout } from "../../features/auth/api/logout";

export function PortalLinks({
  me,
  currentClientId,
  onChoose,
}: {
  me: MeResponse;
  currentClientId: string | undefined;
  onChoose?: () => void;
}) {
  const { t } = useTranslation();
  if (me.portals.length === 0) return null;
  return (
    <nav aria-label={t("nav.portals")}>
      <ul className="portal-list">
        {me.portals.map((p) => (
          <li key={p.clientId}>
            <Link
              to={paths.portal.home.getHref(p.clientId)}
              aria-current={p.clientId === currentClientId ? "page" : undefined}
              onClick={onChoose}
            >
              <span>{p.name}</span>
              <small>{p.relation === "eigen" ? t("portal.own") : t("portal.relation", { relation: p.relation })}</small>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function useLogoutAndLeave(): () => void {
  const logout = useLogout();
  const navigate = useNavigate();
  // The login page confirms the logout ("U bent uitgelogd"), so nobody wonders whether it worked.
  return () =>
    logout.mutate(undefined, { onSettled: () => navigate(paths.login.getHref(), { replace: true, state: { loggedOut: true } }) });
}
