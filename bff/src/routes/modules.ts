// Aan de slag. Staff build questionnaires and modules and assign them to a portal or one person in it;
// users answer (saved as they go), then submit; staff read submitted answers.
import { IdSchema } from "@portaal/shared/common";
import {
  type AnswerValue,
  AssignmentParamSchema,
  AssignmentQuerySchema,
  AssignSchema,
  answerSchemaFor,
  QuestionnaireInputSchema,
  QuestionnaireParamSchema,
  questionsOf,
  SaveAnswersSchema,
} from "@portaal/shared/modules";
import { Hono } from "hono";
import { z } from "zod";
import { auditRequest } from "../audit/request";
import { writeTx } from "../db/client";
import { portalPeople } from "../db/documents";
import {
  assign,
  canReachPortal,
  createQuestionnaire,
  getAssignment,
  getQuestionnaire,
  listAssignments,
  listQuestionnaires,
  saveAnswers,
  submitAssignment,
} from "../db/modules";
import { apiError } from "../lib/http-error";
import { validate } from "../lib/validate";
import { requireCan } from "../middleware/session";
import type { AppEnv } from "../types";
import { visibleClient } from "./beheer-documents";
import { notifyPortalNews } from "./portal-news";

const NOT_FOUND = "Deze vragenlijst of module staat niet (meer) voor u klaar.";
const SUBMITTED = "Deze vragenlijst is al ingediend en kan niet meer worden gewijzigd.";
const ClientParam = z.object({ clientId: IdSchema });

/** Building and assigning is care work: not for the secretariaat. */
const careStaff = requireCan("care.content", "Alleen behandelaars, begeleiders en beheerders kunnen vragenlijsten maken of klaarzetten.");

export function beheerQuestionnaireRoutes() {
  return new Hono<AppEnv>()
    .get("/", (c) => c.json({ items: listQuestionnaires(c.var.deps.db, c.var.org.id) }, 200))
    .post("/", careStaff, validate("json", QuestionnaireInputSchema), (c) => {
      const { db } = c.var.deps;
      const id = writeTx(db, () => {
        const qid = createQuestionnaire(db, c.var.org.id, c.var.user.id, c.req.valid("json"));
        auditRequest(c, { action: "questionnaire.create", objectType: "questionnaire", objectId: qid });
        return qid;
      });
      return c.json({ id }, 201);
    })
    .get("/:questionnaireId", validate("param", QuestionnaireParamSchema), (c) => {
      const found = getQuestionnaire(c.var.deps.db, c.var.org.id, c.req.valid("param").questionnaireId);
      if (!found) return apiError(c, 404, "not_found", "Deze vragenlijst bestaat niet.");
      return c.json(found, 200);
    });
}

export function beheerAssignmentRoutes() {
  return new Hono<AppEnv>()
    .use("/assignments/*", visibleClient)
    .get("/assignments", validate("param", ClientParam), validate("query", AssignmentQuerySchema), (c) =>
      c.json(listAssignments(c.var.deps.db, c.var.org.id, c.req.valid("param").clientId, c.req.valid("query")), 200),
    )
    .get("/assignments/people", validate("param", ClientParam), (c) =>
      c.json({ people: portalPeople(c.var.deps.db, c.var.org.id, c.req.valid("param").clientId) }, 200),
    )
    .post("/assignments", careStaff, validate("param", ClientParam), validate("json", AssignSchema), (c) => {
      const { db } = c.var.deps;
      const { clientId } = c.req.valid("param");
      const input = c.req.valid("json");
      if (!getQuestionnaire(db, c.var.org.id, input.questionnaireId)) {
        return apiError(c, 400, "invalid_input", "Kies een bestaande vragenlijst of module.", {
          questionnaireId: "Kies een vragenlijst of module.",
        });
      }
      if (input.accountId && !canReachPortal(db, c.var.org.id, clientId, input.accountId)) {
        return apiError(c, 400, "invalid_input", "Deze persoon heeft geen toegang tot het portaal van deze cliënt.", {
          accountId: "Kies iemand met toegang tot dit portaal.",
        });
      }
      const id = writeTx(db, () => {
        const aid = assign(db, c.var.org.id, clientId, input.questionnaireId, input.accountId, c.var.user.id);
        notifyPortalNews(c, db, clientId, "assignment", input.accountId ?? null);
        auditRequest(c, { clientId, action: "assignment.create", objectType: "assignment", objectId: aid });
        return aid;
      });
      return c.json({ id }, 201);
    })
    .get("/assignments/:assignmentId", validate("param", AssignmentParamSchema), (c) => {
      const { db } = c.var.deps;
      const { clientId, assignmentId } = c.req.valid("param");
      const detail = getAssignment(db, c.var.org.id, clientId, assignmentId);
      if (!detail) return apiError(c, 404, "not_found", "Deze vragenlijst bestaat niet bij deze cliënt.");
      writeTx(db, () => auditRequest(c, { clientId, action: "assignment.view", objectType: "assignment", objectId: assignmentId }));
      // Staff read answers once submitted; before that the work is the user's own.
      return c.json(detail.status === "ingediend" ? detail : { ...detail, answers: {} }, 200);
    });
}

export function portalModuleRoutes() {
  return new Hono<AppEnv>()
    .get("/assignments", validate("query", AssignmentQuerySchema), (c) =>
      c.json(listAssignments(c.var.deps.db, c.var.org.id, c.var.clientId, c.req.valid("query"), c.var.user.id), 200),
    )
    .get("/assignments/:assignmentId", validate("param", AssignmentParamSchema), (c) => {
      const { db } = c.var.deps;
      const { org, user, clientId } = c.var;
      const { assignmentId } = c.req.valid("param");
      const detail = getAssignment(db, org.id, clientId, assignmentId, user.id);
      if (!detail) return apiError(c, 404, "not_found", NOT_FOUND);
      writeTx(db, () => auditRequest(c, { clientId, action: "assignment.view", objectType: "assignment", objectId: assignmentId }));
      return c.json(detail, 200);
    })
    .put("/assignments/:assignmentId/answers", validate("param", AssignmentParamSchema), validate("json", SaveAnswersSchema), (c) => {
      const { db } = c.var.deps;
      const { org, user, clientId } = c.var;
      const { assignmentId } = c.req.valid("param");
      const given = c.req.valid("json").answers;
      return writeTx(db, () => {
        const detail = getAssignment(db, org.id, clientId, assignmentId, user.id);
        if (!detail) return apiError(c, 404, "not_found", NOT_FOUND);
        if (detail.status === "ingediend") return apiError(c, 409, "submitted", SUBMITTED);
        const byId = new Map(questionsOf(detail.definition).map((q) => [q.id, q]));
        const fields: Record<string, string> = {};
        const values: Record<string, AnswerValue> = {};
        for (const [questionId, value] of Object.entries(given)) {
          const question = byId.get(questionId);
          if (!question) {
            fields[questionId] = "Deze vraag hoort niet bij deze vragenlijst.";
            continue;
          }
          const parsed = answerSchemaFor(question).safeParse(value);
          if (parsed.success) values[questionId] = parsed.data;
          else fields[questionId] = parsed.error.issues[0]?.message ?? "Dit antwoord past niet bij de vraag.";
        }
        const first = Object.values(fields)[0];
        if (first) return apiError(c, 400, "invalid_input", first, fields);
        saveAnswers(db, org.id, assignmentId, user.id, values);
        auditRequest(c, { clientId, action: "assignment.answer", objectType: "assignment", objectId: assignmentId });
        return c.json({ saved: Object.keys(values).length, savedAt: Date.now() }, 200);
      });
    })
    .post("/assignments/:assignmentId/submit", validate("param", AssignmentParamSchema), (c) => {
      const { db } = c.var.deps;
      const { org, user, clientId } = c.var;
      const { assignmentId } = c.req.valid("param");
      return writeTx(db, () => {
        const detail = getAssignment(db, org.id, clientId, assignmentId, user.id);
        if (!detail) return apiError(c, 404, "not_found", NOT_FOUND);
        if (detail.status === "ingediend") return apiError(c, 409, "submitted", SUBMITTED);
        const missing = submitAssignment(db, detail, org.id, user.id);
        if (Object.keys(missing).length > 0) {
          return apiError(c, 400, "incomplete", "Nog niet alle verplichte vragen zijn beantwoord.", missing);
        }
        auditRequest(c, { clientId, action: "assignment.submit", objectType: "assignment", objectId: assignmentId });
        return c.json({ status: "ingediend" }, 200);
      });
    });
}
