// Beheer: everything staff reach, mounted at /api/beheer. A full login and a staff account first; then
// each part's capability (the table in @portaal/shared/roles) before any body is read.
import { Hono } from "hono";
import { loadSession, requireCan, requireStaff, requireUser } from "../../middleware/session";
import { requireAcceptedTerms } from "../../middleware/terms";
import type { AppEnv } from "../../types";
import { beheerAccessRoutes } from "./access";
import { beheerAppointmentRoutes } from "./appointments";
import { beheerClientRecordRoutes } from "./client-records";
import { beheerClientRoutes } from "./clients";
import { beheerConsentRoutes } from "./consents";
import { beheerDiaryRoutes } from "./diary";
import { beheerDocumentRoutes } from "./documents";
import { beheerInboxRoutes, beheerThreadRoutes } from "./messages";
import { beheerAssignmentRoutes, beheerQuestionnaireRoutes } from "./modules";
import { organizationAdminRoutes } from "./organization";

export function beheerApi() {
  const careContent = requireCan("care.content");
  return (
    new Hono<AppEnv>()
      .use(loadSession({ required: true }), requireUser(), requireAcceptedTerms(), requireStaff())
      .route("/organization", organizationAdminRoutes())
      .route("/", beheerClientRoutes())
      // Client records: every route carries requireCan("clients.manage") itself (no `.use` at "/").
      .route("/", beheerClientRecordRoutes())
      .route("/clients/:clientId/access", beheerAccessRoutes())
      .route("/clients/:clientId/consents", beheerConsentRoutes())
      // Need to know (NEN 7510): dossier content, messages, diaries and answers are for the care team and
      // beheerders; the secretariaat manages access and appointments, and reads none of it.
      .use("/clients/:clientId/documents/*", careContent)
      .use("/clients/:clientId/uploads/*", careContent)
      .use("/clients/:clientId/threads/*", careContent)
      .use("/clients/:clientId/diary/*", careContent)
      // The list too: titles, status and progress of a client's questionnaires are care content.
      .use("/clients/:clientId/assignments/*", careContent)
      .use("/inbox/*", careContent)
      .route("/clients/:clientId", beheerDocumentRoutes())
      .route("/clients/:clientId", beheerAppointmentRoutes())
      .route("/clients/:clientId", beheerThreadRoutes())
      .route("/clients/:clientId", beheerDiaryRoutes())
      .route("/clients/:clientId", beheerAssignmentRoutes())
      .route("/questionnaires", beheerQuestionnaireRoutes())
      .route("/inbox", beheerInboxRoutes())
  );
}
