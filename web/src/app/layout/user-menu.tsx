// The avatar with initials: opens the portal switcher and logout.
import type { MeResponse } from "@portaal/shared/auth";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../config/paths";
import { PortalLinks, useLogoutAndLeave } from "./portal-links";

export function UserMenu({ me, currentClientId }: { me: MeResponse; currentClientId: string | undefined }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const logout = useLogoutAndLeave();

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
    <div className="user-menu" ref={ref}>
      <button
        type="button"
        className="avatar"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
      >
        {/* The name starts with the initials it shows (WCAG 2.5.3: label in name). */}
        {me.user.initials}
        <span className="visually-hidden"> {t("nav.userMenu", { name: me.user.displayName })}</span>
      </button>
      {open && (
        <div className="user-menu-panel" id={menuId}>
          <p className="user-menu-name">{me.user.displayName}</p>
          <PortalLinks me={me} currentClientId={currentClientId} onChoose={() => setOpen(false)} />
          <Link className="user-menu-link" to={paths.account.getHref()} onClick={() => setOpen(false)}>
            {t("nav.account")}
          </Link>
          <button type="button" className="button button-secondary button-wide" onClick={logout}>
            {t("nav.logout")}
          </button>
        </div>
      )}
    </div>
  );
}
