import {
  type AnswerValue,
  AssignmentParamSchema,
  AssignmentQuerySchema,
  answerSchemaFor,
  questionsOf,
  SaveAnswersSchema,
} from "@portaal/shared/modules";
import { Hono } from "hono";
import { auditRequest } from "../../audit/request";
import { lockForTransaction, writeTx } from "../../db/client";
import { getAssignment, listAssignments, saveAnswers, submitAssignment } from "../../db/modules";
import { apiError } from "../../lib/http-error";
import { validate } from "../../lib/validate";
import type { AppEnv } from "../../types";

const NOT_FOUND = "Deze vragenlijst of module staat niet (meer) voor u klaar.";
const SUBMITTED = "Deze vragenlijst is al ingediend en kan niet meer worden gewijzigd.";

export function portalModuleRoutes() {
  return new Hono<AppEnv>()
    .get("/assignments", validate("query", AssignmentQuerySchema), async (c) =>
      c.json(await listAssignments(c.var.deps.db, c.var.org.id, c.var.clientId, c.req.valid("query"), c.var.user.id), 200),
    )
    .get("/assignments/:assignmentId", validate("param", AssignmentParamSchema), async (c) => {
      const { db } = c.var.deps;
      const { org, user, clientId } = c.var;
      const { assignmentId } = c.req.valid("param");
      const detail = await getAssignment(db, org.id, clientId, assignmentId, user.id);
      if (!detail) return apiError(c, 404, "not_found", NOT_FOUND);
      await writeTx(db, async (tx) =>
        auditRequest(c, { clientId, action: "assignment.view", objectType: "assignment", objectId: assignmentId }, tx),
      );
      return c.json(detail, 200);
    })
    .put("/assignments/:assignmentId/answers", validate("param", AssignmentParamSchema), validate("json", SaveAnswersSchema), async (c) => {
      const { db } = c.var.deps;
      const { org, user, clientId } = c.var;
      const { assignmentId } = c.req.valid("param");
      const given = c.req.valid("json").answers;
      return writeTx(db, async (tx) => {
        // One save or submit of an assignment at a time: a save cannot land after the submit.
        await lockForTransaction(tx, `assignment:${assignmentId}`);
        const detail = await getAssignment(tx, org.id, clientId, assignmentId, user.id);
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
        await saveAnswers(tx, org.id, assignmentId, user.id, values);
        await auditRequest(c, { clientId, action: "assignment.answer", objectType: "assignment", objectId: assignmentId }, tx);
        return c.json({ saved: Object.keys(values).length, savedAt: Date.now() }, 200);
      });
    })
    .post("/assignments/:assignmentId/submit", validate("param", AssignmentParamSchema), async (c) => {
      const { db } = c.var.deps;
      const { org, user, clientId } = c.var;
      const { assignmentId } = c.req.valid("param");
      return writeTx(db, async (tx) => {
        // One save or submit of an assignment at a time: a save cannot land after the submit.
        await lockForTransaction(tx, `assignment:${assignmentId}`);
        const detail = await getAssignment(tx, org.id, clientId, assignmentId, user.id);
        if (!detail) return apiError(c, 404, "not_found", NOT_FOUND);
        if (detail.status === "ingediend") return apiError(c, 409, "submitted", SUBMITTED);
        const missing = await submitAssignment(tx, detail, org.id, user.id);
        if (Object.keys(missing).length > 0) {
          return apiError(c, 400, "incomplete", "Nog niet alle verplichte vragen zijn beantwoord.", missing);
        }
        await auditRequest(c, { clientId, action: "assignment.submit", objectType: "assignment", objectId: assignmentId }, tx);
        return c.json({ status: "ingediend" }, 200);
      });
    });
}
