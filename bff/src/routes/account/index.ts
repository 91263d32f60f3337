// What every signed-in person has, mounted at /api: who am I (/me) and Mijn account (/account); the
// current terms accepted first (except to read and accept them, see middleware/terms).
import { Hono } from "hono";
import { loadSession, requireUser } from "../../middleware/session";
import { requireAcceptedTerms } from "../../middleware/terms";
import type { AppEnv } from "../../types";
import { accountRoutes } from "./account";
import { meRoutes } from "./me";
import { portalViewerRoutes } from "./portal-viewers";

export function accountApi() {
  return new Hono<AppEnv>()
    .use("/me/*", loadSession({ required: true }), requireUser(), requireAcceptedTerms())
    .route("/me", meRoutes())
    .use("/account/*", loadSession({ required: true }), requireUser(), requireAcceptedTerms())
    .route("/account/portal-viewers", portalViewerRoutes())
    .route("/account", accountRoutes());
}
