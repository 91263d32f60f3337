// The phone's bottom bar: four sections with an icon and a one-line label, and "Meer" for the other
// two, so every target is at least 44 px wide and tall even at 320 px.
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, useLocation } from "react-router";
import { type PortalSection, paths } from "../../config/paths";
import { useUnread } from "../../lib/unread";
import { NavIcon } from "./nav-icons";

const IN_BAR: PortalSection[] = ["dossier", "verslagen", "afspraken", "berichten"];
const IN_MORE: PortalSection[] = ["dagboek", "aan-de-slag"];

export function BottomBar({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const moreId = useId();
  const ref = useRef<HTMLElement>(null);
  const location = useLocation();
  const inMore = IN_MORE.some((s) => location.pathname.startsWith(paths.portal.section.getHref(clientId, s)));

  // biome-ignore lint/correctness/useExhaustiveDependencies: a followed link closes the list
  useEffect(() => setOpen(false), [location.pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => ref.current && !ref.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  return (
    <nav className="bottombar" aria-label={t("nav.sections")} data-tour="nav" ref={ref}>
      {open && (
        <ul className="bottombar-more" id={moreId}>
          {IN_MORE.map((s) => (
            <li key={s}>
              <BarLink clientId={clientId} section={s} />
            </li>
          ))}
        </ul>
      )}
      <ul>
        {IN_BAR.map((s) => (
          <li key={s}>
            <BarLink clientId={clientId} section={s} />
          </li>
        ))}
        <li>
          <button
            type="button"
            className={inMore ? "active" : undefined}
            aria-expanded={open}
            aria-controls={moreId}
            onClick={() => setOpen((o) => !o)}
          >
            <NavIcon name="meer" />
            <span className="bottombar-label">{t("nav.more")}</span>
          </button>
        </li>
      </ul>
    </nav>
  );
}

/** A section with its icon; Berichten carries the number of unread messages. */
function BarLink({ clientId, section }: { clientId: string; section: PortalSection }) {
  const { t } = useTranslation();
  const unread = useUnread(section === "berichten" ? clientId : undefined).data?.unread ?? 0;
  return (
    <NavLink to={paths.portal.section.getHref(clientId, section)}>
      <NavIcon name={section} />
      <span className="bottombar-label">{t(`nav.${section}`)}</span>
      {unread > 0 && (
        <span className="badge badge-unread nav-badge">
          <span aria-hidden="true">{unread}</span>
          <span className="visually-hidden">{t("messages.unreadLabel", { count: unread })}</span>
        </span>
      )}
    </NavLink>
  );
}
