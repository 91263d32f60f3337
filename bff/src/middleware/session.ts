// Session middleware: who is calling, and whether they may reach what they ask for.
import { type Capability, can } from "@portaal/shared/roles";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { countOwnFactors } from "../auth/account-security";
import { clearSessionCookie, readSessionCookie } from "../auth/cookies";
import { invalidateSession, validateSessionToken } from "../auth/sessions";
import { careRefusal } from "../care/rules";
import { findAccountById, hasActiveGrant } from "../db/accounts";
import { apiError } from "../lib/http-error";
import type { AppEnv } from "../types";

function notSignedIn(c: Parameters<typeof apiError>[0]) {
  return apiError(c, 401, "not_signed_in", "U bent niet (meer) ingelogd. Log opnieuw in.");
}

/**
 * Loads the session from the cookie when there is one, whatever its second-factor state.
 * Sets `c.var.session` and `c.var.user`; answers 401 when `required` and none is valid.
 * @example authRoutes.post("/totp", loadSession({ required: true }), ...)
 */
export function loadSession(opts: { required: boolean }) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = readSessionCookie(c);
    const { db } = c.var.deps;
    if (token) {
      const session = await validateSessionToken(db, c.var.org.id, token, c.var.org.policy);
      const user = session ? await findAccountById(db, c.var.org.id, session.accountId) : undefined;
      if (session && user && user.status === "active") {
        c.set("session", session);
        c.set("user", user);
        return next();
      }
      if (session) await invalidateSession(db, session.id);
      clearSessionCookie(c);
    }
    if (opts.required) return notSignedIn(c);
    return next();
  });
}

/** Where someone who must first set up a second factor may still go: who they are, and Mijn account. */
const SETUP_PATHS = /^\/api\/(me|account)(\/|$)/;

/**
 * The policy requires a second factor and this account has none of its own (activated under a laxer
 * policy): it logged in with an e-mailed code and must set one up before anything else.
 */
export async function mustSetUpFactor(c: Context<AppEnv>): Promise<boolean> {
  return c.var.org.policy.secondFactor === "required" && (await countOwnFactors(c.var.deps.db, c.var.user.id)) === 0;
}

/**
 * A fully signed-in user: password and second factor passed. Everything but the
 * second-factor step sits behind this.
 * @example app.use("/api/me", requireUser())
 */
export function requireUser() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const session = c.var.session;
    if (!session?.secondFactorVerified) return notSignedIn(c);
    // The path first: the setup pages need no look-up.
    if (!SETUP_PATHS.test(c.req.path) && (await mustSetUpFactor(c))) {
      return apiError(
        c,
        403,
        "second_factor_required",
        "Uw organisatie vraagt nu een tweede factor. Stel eerst bij Mijn account een authenticator-app of beveiligingssleutel in.",
      );
    }
    return next();
  });
}

/**
 * Staff only, whatever their role.
 * @example beheer.use(requireStaff())
 */
export function requireStaff() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const user = c.var.user;
    if (user.kind !== "staff" || !user.staffRole) {
      return apiError(c, 403, "staff_only", "Dit deel van het portaal is alleen voor medewerkers.");
    }
    return next();
  });
}

/**
 * Staff whose role has a capability (the table in `@portaal/shared/roles`): the one place where the
 * BFF decides by role.
 * @example beheer.use("/organization/*", requireCan("organization.manage"))
 */
export function requireCan(capability: Capability, message = "Uw rol heeft geen toegang tot deze functie.") {
  return createMiddleware<AppEnv>(async (c, next) => {
    const user = c.var.user;
    if (user.kind !== "staff" || !user.staffRole) {
      return apiError(c, 403, "staff_only", "Dit deel van het portaal is alleen voor medewerkers.");
    }
    if (!can(user.staffRole, capability)) return apiError(c, 403, "role_not_allowed", message);
    return next();
  });
}

/**
 * The portal of `:clientId`: the caller must have an active grant to it, and the care rules (end of
 * care, the client's age, consent after 16) must allow it today. Staff never open a portal as if they
 * were the client.
 * @example portal.use("/:clientId/*", requirePortal())
 */
export function requirePortal() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const clientId = c.req.param("clientId");
    const user = c.var.user;
    if (!clientId || user.kind !== "cov" || !(await hasActiveGrant(c.var.deps.db, c.var.org.id, user.id, clientId))) {
      return apiError(c, 403, "no_portal_access", "U heeft geen toegang tot dit portaal.");
    }
    // End of care and the client's age decide too, on every request: a daily job that did not run
    // (yet) never extends access.
    const refusal = await careRefusal(c.var.deps.db, c.var.org, user, clientId, c.var.deps.clock());
    if (refusal) return apiError(c, 403, refusal.code, refusal.message);
    c.set("clientId", clientId);
    return next();
  });
}
