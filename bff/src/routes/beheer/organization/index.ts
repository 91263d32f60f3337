// Organisatie: the beheerder's part of Beheer. Each part is refused to roles without its capability
// (the table in @portaal/shared/roles) before any body is read.
import { Hono } from "hono";
import type { AppEnv } from "../../../types";
import { auditLogRoutes } from "./audit-log";
import { policyRoutes } from "./policy";
import { settingsRoutes } from "./settings";
import { staffRoutes } from "./staff";
import { termsAdminRoutes } from "./terms";

export function organizationAdminRoutes() {
  return new Hono<AppEnv>()
    .route("/settings", settingsRoutes())
    .route("/policy", policyRoutes())
    .route("/staff", staffRoutes())
    .route("/terms", termsAdminRoutes())
    .route("/audit-log", auditLogRoutes());
}
