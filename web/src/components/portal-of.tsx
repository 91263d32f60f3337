// Whose portal a page belongs to: a parent of two children sees the child's name on every portal page.
import type { MeResponse, Portal } from "@portaal/shared/auth";
import { useTranslation } from "react-i18next";
import { useOutletContext, useParams } from "react-router";

/** The portal in the URL, among the signed-in user's portals (none on staff pages). */
export function useCurrentPortal(): Portal | undefined {
  const me = useOutletContext<MeResponse | undefined>();
  const { clientId } = useParams();
  return me?.portals.find((p) => p.clientId === clientId);
}

/** "Portaal van <naam>" (or "Uw eigen portaal") above a portal page's heading. */
export function PortalOf() {
  const { t } = useTranslation();
  const portal = useCurrentPortal();
  if (!portal) return null;
  return (
    <p className="eyebrow portal-of" data-testid="portal-of">
      {portal.relation === "eigen" ? t("portal.own") : t("portal.portalOf", { name: portal.name })}
    </p>
  );
}

/**
 * A text naming the portal's client (`{{name}}` in `i18nKey`); outside a portal (a staff page) `fallback`,
 * and in the client's own portal `own` when given (null: nothing at all).
 */
export function PortalNamed({ i18nKey, fallback, own }: { i18nKey: string; fallback?: string; own?: string | null }) {
  const { t } = useTranslation();
  const portal = useCurrentPortal();
  if (!portal) return fallback ? t(fallback) : null;
  if (portal.relation === "eigen" && own !== undefined) return own === null ? null : t(own);
  return t(i18nKey, { name: portal.name });
}

/**
 * The i18next context that picks the organization's own word for its practitioners ("begeleider" or
 * "behandelaar"; both where it has both): `t("diary.share", usePractitioner())`.
 */
export function usePractitioner(): { context?: string } {
  const me = useOutletContext<MeResponse | undefined>();
  const word = me?.organization.practitionerWord;
  return word ? { context: word } : {};
}
