// The frame of every Organisatie page: the heading and the sub-navigation between Instellingen,
// Beveiligingsbeleid, Medewerkers, Gebruiksvoorwaarden and Logboek. Only beheerders see the part;
// the BFF refuses the routes to anyone else (requireCan), this only keeps the menu honest.
import { can } from "@portaal/shared/roles";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { paths } from "../../../config/paths";
import { useMe } from "../../auth/api/get-me";

const PARTS = [
  { key: "settings", href: paths.organisatie.settings.getHref(), capability: "organization.manage" },
  { key: "policy", href: paths.organisatie.policy.getHref(), capability: "policy.manage" },
  { key: "staff", href: paths.organisatie.staff.getHref(), capability: "staff.manage" },
  { key: "terms", href: paths.organisatie.terms.getHref(), capability: "terms.manage" },
  { key: "auditLog", href: paths.organisatie.auditLog.getHref(), capability: "audit.read" },
] as const;

export function OrganizationPage({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const role = me.data?.user.staffRole;
  const parts = PARTS.filter((p) => can(role, p.capability));
  return (
    <main id="inhoud" className="page page-wide">
      <nav className="subnav" aria-label={t("organization.nav")}>
        <ul>
          {parts.map((p) => (
            <li key={p.key}>
              <NavLink to={p.href} end>
                {t(`organization.parts.${p.key}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <h1>{title}</h1>
      {intro && <p className="muted">{intro}</p>}
      {children}
    </main>
  );
}
