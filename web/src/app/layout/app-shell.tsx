// The frame around every signed-in page: logo, navigation, user menu, footer; on phones a bottom bar
// and a hamburger menu with the footer links and the portal switcher. Hosts the guided tour.
import type { MeResponse } from "@portaal/shared/auth";
import { can } from "@portaal/shared/roles";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet, useLocation, useNavigate, useParams } from "react-router";
import { PORTAL_SECTIONS, type PortalSection, paths } from "../../config/paths";
import { api } from "../../lib/api-client";
import { useBrandColour } from "../../lib/brand";
import { setLanguage } from "../../lib/i18n";
import { TourContext } from "../../lib/tour";
import { useUnread } from "../../lib/unread";
import { BottomBar } from "./bottom-bar";
import { PortalLinks, useLogoutAndLeave } from "./portal-links";
import { SessionTimeout } from "./session-timeout";
import { Tour } from "./tour";
import { UserMenu } from "./user-menu";

export function AppShell({ me }: { me: MeResponse }) {
  const { t, i18n } = useTranslation();
  const { clientId } = useParams();
  const [menuOpen, setMenuOpen] = useState(false);
  const [touring, setTouring] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const logout = useLogoutAndLeave();
  const isStaff = me.user.kind === "staff";
  const portalId = clientId ?? me.portals[0]?.clientId;
  const homeHref = isStaff ? paths.beheer.clients.getHref() : portalId ? paths.portal.home.getHref(portalId) : paths.home.getHref();

  // A link followed from the phone menu closes it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation on purpose
  useEffect(() => setMenuOpen(false), [location.pathname]);

  useBrandColour(me.organization.primaryColor);

  const tour = useMemo(
    () => ({
      start: () => {
        if (portalId && location.pathname !== paths.portal.home.getHref(portalId)) navigate(paths.portal.home.getHref(portalId));
        setMenuOpen(false);
        setTouring(true);
      },
    }),
    [portalId, location.pathname, navigate],
  );
  const endTour = useCallback(() => {
    setTouring(false);
    void api.post("/api/me/tour-seen").then(() => qc.invalidateQueries({ queryKey: ["portal"] }));
  }, [qc]);

  const footerLinks = (
    <ul className="footer-links">
      <li>
        <Link to={homeHref}>{t("nav.home")}</Link>
      </li>
      {!isStaff && portalId && (
        <li>
          <button type="button" className="button-link" onClick={tour.start}>
            {t("nav.rondleiding")}
          </button>
        </li>
      )}
      {isStaff && (
        <li className="phone-only">
          <Link to={paths.beheer.clients.getHref()}>{t("nav.beheer")}</Link>
        </li>
      )}
      {can(me.user.staffRole, "access.manage") && (
        <li className="phone-only">
          <Link to={paths.beheer.workQueue.getHref()}>{t("staffWork.nav")}</Link>
        </li>
      )}
      {can(me.user.staffRole, "organization.manage") && (
        <li className="phone-only">
          <Link to={paths.organisatie.settings.getHref()}>{t("organization.menu")}</Link>
        </li>
      )}
      <li>
        <Link to={paths.support.getHref()}>{t("nav.support")}</Link>
      </li>
      <li>
        <Link to={paths.about.getHref()}>{t("nav.overOns")}</Link>
      </li>
      <li>
        <Link to={paths.account.getHref()}>{t("nav.account")}</Link>
      </li>
      <li>
        <button
          type="button"
          className="button-link"
          lang={i18n.language === "en" ? "nl" : "en"}
          onClick={() => setLanguage(i18n.language === "en" ? "nl" : "en")}
        >
          {t("common.language")}
        </button>
      </li>
    </ul>
  );

  return (
    <TourContext.Provider value={tour}>
      <div className="shell">
        <SessionTimeout idleMinutes={me.organization.policy.idleTimeoutMinutes} />
        <a className="skip-link" href="#inhoud">
          {t("common.skipToContent")}
        </a>
        <header className="topbar">
          {/* The link's name starts with what it shows (WCAG 2.5.3); where it leads follows, for screen readers. */}
          <Link to={homeHref} className="logo">
            {me.organization.logoUrl ? (
              <img className="logo-image" src={me.organization.logoUrl} alt="" />
            ) : (
              <span className="logo-mark" aria-hidden="true">
                {me.organization.logoText.slice(0, 1)}
              </span>
            )}
            <span className="logo-text">{me.organization.logoText}</span>
            <span className="visually-hidden"> – {t("nav.home")}</span>
          </Link>
          <nav className="mainnav" aria-label={t("nav.main")} data-tour="nav">
            <ul>
              {clientId &&
                !isStaff &&
                PORTAL_SECTIONS.map((s) => (
                  <li key={s}>
                    <SectionLink clientId={clientId} section={s} />
                  </li>
                ))}
              {isStaff && (
                <>
                  <li>
                    {/* Client pages belong to Beheer; the Werkvoorraad is its own item. */}
                    <NavLink to={paths.beheer.clients.getHref()} end={location.pathname.startsWith(paths.beheer.workQueue.getHref())}>
                      {t("nav.beheer")}
                    </NavLink>
                  </li>
                  {can(me.user.staffRole, "access.manage") && (
                    <li>
                      <NavLink to={paths.beheer.workQueue.getHref()}>{t("staffWork.nav")}</NavLink>
                    </li>
                  )}
                  {can(me.user.staffRole, "care.content") && (
                    <li>
                      <NavLink to={paths.beheer.inbox.getHref()}>{t("nav.berichten")}</NavLink>
                    </li>
                  )}
                  <li>
                    <NavLink to={paths.beheer.questionnaires.getHref()}>{t("nav.vragenlijsten")}</NavLink>
                  </li>
                  {can(me.user.staffRole, "organization.manage") && (
                    <li>
                      <NavLink to={paths.organisatie.settings.getHref()}>{t("organization.menu")}</NavLink>
                    </li>
                  )}
                </>
              )}
            </ul>
          </nav>
          <div className="topbar-end">
            <div className="desktop-only" data-tour="user-menu">
              <UserMenu me={me} currentClientId={clientId} />
            </div>
            <button
              type="button"
              className="hamburger"
              aria-expanded={menuOpen}
              aria-controls="phone-menu"
              onClick={() => setMenuOpen((o) => !o)}
              data-tour="user-menu"
            >
              <span aria-hidden="true">{menuOpen ? "✕" : "☰"}</span>
              <span className="visually-hidden">{t("nav.menu")}</span>
            </button>
          </div>
        </header>
        {menuOpen && (
          <div id="phone-menu" className="phone-menu">
            <p className="user-menu-name">{me.user.displayName}</p>
            <PortalLinks me={me} currentClientId={clientId} />
            <nav aria-label={t("nav.footer")}>{footerLinks}</nav>
            <button type="button" className="button button-secondary button-wide" onClick={logout}>
              {t("nav.logout")}
            </button>
          </div>
        )}
        <div className="content">
          <Outlet context={me} />
        </div>
        <footer className="footer" data-tour="more">
          <nav aria-label={t("nav.footer")}>{footerLinks}</nav>
        </footer>
        {clientId && !isStaff && <BottomBar clientId={clientId} />}
        {touring && <Tour onClose={endTour} practitionerWord={me.organization.practitionerWord} />}
      </div>
    </TourContext.Provider>
  );
}

/** A section in the navigation; Berichten carries the number of unread messages. */
function SectionLink({ clientId, section }: { clientId: string; section: PortalSection }) {
  const { t } = useTranslation();
  const unread = useUnread(section === "berichten" ? clientId : undefined).data?.unread ?? 0;
  return (
    <NavLink to={paths.portal.section.getHref(clientId, section)}>
      {t(`nav.${section}`)}
      {unread > 0 && (
        <span className="badge badge-unread nav-badge">
          <span aria-hidden="true">{unread}</span>
          <span className="visually-hidden">{t("messages.unreadLabel", { count: unread })}</span>
        </span>
      )}
    </NavLink>
  );
}
