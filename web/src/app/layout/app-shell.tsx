// The frame around every signed-in page: logo, navigation, user menu, footer; a bottom bar on phones.
import type { MeResponse } from "@portaal/shared/auth";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet, useLocation, useParams } from "react-router";
import { PORTAL_SECTIONS, paths } from "../../config/paths";
import { setLanguage } from "../../lib/i18n";
import { SessionTimeout } from "./session-timeout";
import { UserMenu } from "./user-menu";

export function AppShell({ me }: { me: MeResponse }) {
  const { t, i18n } = useTranslation();
  const { clientId } = useParams();
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  // A link followed from the phone menu closes it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation on purpose
  useEffect(() => setMenuOpen(false), [location.pathname]);
  const isStaff = me.user.kind === "staff";
  const homeHref = isStaff ? paths.beheer.clients.getHref() : clientId ? paths.portal.home.getHref(clientId) : paths.home.getHref();

  useEffect(() => {
    document.documentElement.style.setProperty("--brand", me.organization.primaryColor);
  }, [me.organization.primaryColor]);

  const footerLinks = (
    <ul className="footer-links">
      <li>
        <Link to={homeHref}>{t("nav.home")}</Link>
      </li>
      {isStaff && (
        <li className="phone-only">
          <Link to={paths.beheer.clients.getHref()}>{t("nav.beheer")}</Link>
        </li>
      )}
      <li>
        <Link to={paths.account.getHref()}>{t("nav.account")}</Link>
      </li>
      <li>
        <button type="button" className="button-link" onClick={() => setLanguage(i18n.language === "en" ? "nl" : "en")}>
          {t("common.language")}
        </button>
      </li>
    </ul>
  );

  return (
    <div className="shell">
      <SessionTimeout idleMinutes={me.organization.policy.idleTimeoutMinutes} />
      <a className="skip-link" href="#inhoud">
        {t("common.skipToContent")}
      </a>
      <header className="topbar">
        <Link to={homeHref} className="logo" aria-label={`${me.organization.name} – ${t("nav.home")}`}>
          <span className="logo-mark" aria-hidden="true">
            {me.organization.logoText.slice(0, 1)}
          </span>
          <span className="logo-text">{me.organization.logoText}</span>
        </Link>
        <nav className="mainnav" aria-label={t("nav.main")}>
          <ul>
            {clientId &&
              !isStaff &&
              PORTAL_SECTIONS.map((s) => (
                <li key={s}>
                  <NavLink to={paths.portal.section.getHref(clientId, s)}>{t(`nav.${s}`)}</NavLink>
                </li>
              ))}
            {isStaff && (
              <li>
                <NavLink to={paths.beheer.clients.getHref()}>{t("nav.beheer")}</NavLink>
              </li>
            )}
          </ul>
        </nav>
        <div className="topbar-end">
          <UserMenu me={me} currentClientId={clientId} />
          <button
            type="button"
            className="hamburger"
            aria-expanded={menuOpen}
            aria-controls="phone-menu"
            onClick={() => setMenuOpen((o) => !o)}
          >
            <span aria-hidden="true">☰</span>
            <span className="visually-hidden">{t("nav.menu")}</span>
          </button>
        </div>
      </header>
      {menuOpen && (
        <nav id="phone-menu" className="phone-menu" aria-label={t("nav.menu")}>
          {footerLinks}
        </nav>
      )}
      <div className="content">
        <Outlet context={me} />
      </div>
      <footer className="footer">
        <nav aria-label={t("nav.footer")}>{footerLinks}</nav>
      </footer>
      {clientId && !isStaff && (
        <nav className="bottombar" aria-label={t("nav.main")}>
          <ul>
            {PORTAL_SECTIONS.map((s) => (
              <li key={s}>
                <NavLink to={paths.portal.section.getHref(clientId, s)}>{t(`nav.${s}`)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </div>
  );
}
