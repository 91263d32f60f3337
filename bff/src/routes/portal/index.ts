// A client's portal, mounted at /api/portal: a full login, the current terms accepted and an active
// grant to that client first.
import { Hono } from "hono";
import { loadSession, requirePortal, requireUser } from "../../middleware/session";
import { requireAcceptedTerms } from "../../middleware/terms";
import type { AppEnv } from "../../types";
import { portalAppointmentRoutes } from "./appointments";
import { portalDiaryRoutes } from "./diary";
import { portalDossierRoutes } from "./dossier";
import { portalMessageRoutes } from "./messages";
import { portalModuleRoutes } from "./modules";
import { portalRoutes } from "./overview";

export function portalApi() {
  return new Hono<AppEnv>()
    .use("/:clientId/*", loadSession({ required: true }), requireUser(), requireAcceptedTerms(), requirePortal())
    .route("/:clientId", portalRoutes())
    .route("/:clientId", portalDossierRoutes())
    .route("/:clientId", portalAppointmentRoutes())
    .route("/:clientId", portalMessageRoutes())
    .route("/:clientId", portalDiaryRoutes())
    .route("/:clientId", portalModuleRoutes());
}
