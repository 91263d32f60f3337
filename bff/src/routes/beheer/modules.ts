// Questionnaires and modules in Beheer: the library, and assigning them to a client.
import { IdSchema } from "@portaal/shared/common";
import {
  AssignmentParamSchema,
  AssignmentQuerySchema,
  AssignSchema,
  QuestionnaireInputSchema,
  QuestionnaireParamSchema,
} from "@portaal/shared/modules";
import { Hono } from "hono";
import { z } from "zod";
import { auditRequest } from "../../audit/request";
import { writeTx } from "../../db/client";
import { portalPeople } from "../../db/documents";
import {
  assign,
  canReachPortal,
  createQuestionnaire,
  getAssignment,
  getQuestionnaire,
  listAssignments,
  listQuestionnaires,
} from "../../db/modules";
import { apiError } from "../../lib/http-error";
import { validate } from "../../lib/validate";
import { notifyPortalNews } from "../../mail/notify-portal-news";
import { requireCan } from "../../middleware/session";
import { visibleClient } from "../../middleware/visible-client";
import type { AppEnv } from "../../types";

const ClientParam = z.object({ clientId: IdSchema });

/** Building and assigning is care work: not for the secretariaat. */
const careStaff = requireCan("care.content", "Alleen behandelaars, begeleiders en beheerders kunnen vragenlijsten maken of klaarzetten.");

export function beheerQuestionnaireRoutes() {
  return new Hono<AppEnv>()
    .get("/", async (c) => c.json({ items: await listQuestionnaires(c.var.deps.db, c.var.org.id) }, 200))
    .post("/", careStaff, validate("json", QuestionnaireInputSchema), async (c) => {
      const { db } = c.var.deps;
      const id = await writeTx(db, async (tx) => {
        const qid = await createQuestionnaire(tx, c.var.org.id, c.var.user.id, c.req.valid("json"));
        await auditRequest(c, { action: "questionnaire.create", objectType: "questionnaire", objectId: qid }, tx);
        return qid;
      });
      return c.json({ id }, 201);
    })
    .get("/:questionnaireId", validate("param", QuestionnaireParamSchema), async (c) => {
      const found = await getQuestionnaire(c.var.deps.db, c.var.org.id, c.req.valid("param").questionnaireId);
      if (!found) return apiError(c, 404, "not_found", "Deze vragenlijst bestaat niet.");
      return c.json(found, 200);
    });
}

export function beheerAssignmentRoutes() {
  return new Hono<AppEnv>()
    .use("/assignments/*", visibleClient)
    .get("/assignments", validate("param", ClientParam), validate("query", AssignmentQuerySchema), async (c) =>
      c.json(await listAssignments(c.var.deps.db, c.var.org.id, c.req.valid("param").clientId, c.req.valid("query")), 200),
    )
    .get("/assignments/people", validate("param", ClientParam), async (c) =>
      c.json({ people: await portalPeople(c.var.deps.db, c.var.org.id, c.req.valid("param").clientId) }, 200),
    )
    .post("/assignments", careStaff, validate("param", ClientParam), validate("json", AssignSchema), async (c) => {
      const { db } = c.var.deps;
      const { clientId } = c.req.valid("param");
      const input = c.req.valid("json");
      if (!(await getQuestionnaire(db, c.var.org.id, input.questionnaireId))) {
        return apiError(c, 400, "invalid_input", "Kies een bestaande vragenlijst of module.", {
          questionnaireId: "Kies een vragenlijst of module.",
        });
      }
      if (input.accountId && !(await canReachPortal(db, c.var.org.id, clientId, input.accountId))) {
        return apiError(c, 400, "invalid_input", "Deze persoon heeft geen toegang tot het portaal van deze cliënt.", {
          accountId: "Kies iemand met toegang tot dit portaal.",
        });
      }
      const id = await writeTx(db, async (tx) => {
        const aid = await assign(tx, c.var.org.id, clientId, input.questionnaireId, input.accountId, c.var.user.id);
        await notifyPortalNews(c, tx, clientId, "assignment", input.accountId ?? null);
        await auditRequest(c, { clientId, action: "assignment.create", objectType: "assignment", objectId: aid }, tx);
        return aid;
      });
      return c.json({ id }, 201);
    })
    .get("/assignments/:assignmentId", validate("param", AssignmentParamSchema), async (c) => {
      const { db } = c.var.deps;
      const { clientId, assignmentId } = c.req.valid("param");
      const detail = await getAssignment(db, c.var.org.id, clientId, assignmentId);
      if (!detail) return apiError(c, 404, "not_found", "Deze vragenlijst bestaat niet bij deze cliënt.");
      await writeTx(db, async (tx) =>
        auditRequest(c, { clientId, action: "assignment.view", objectType: "assignment", objectId: assignmentId }, tx),
      );
      // Staff read answers once submitted; before that the work is the user's own.
      return c.json(detail.status === "ingediend" ? detail : { ...detail, answers: {} }, 200);
    });
}
