// Questionnaires and modules, their assignments and answers. Definitions are kept as JSON and never
// change once made, so answers always fit the questions they answer.
import {
  type AnswerValue,
  type AssignmentDetail,
  type AssignmentPage,
  type AssignmentSummary,
  type Definition,
  missingRequired,
  type QuestionnaireInput,
  type QuestionnaireSummary,
  questionsOf,
} from "@portaal/shared/modules";
import { and, count, desc, eq, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { newId } from "../lib/ids";
import { type Db, first } from "./client";
import { accounts, answers, assignments, portalGrants, questionnaires } from "./tables";

type Stored = Omit<QuestionnaireInput, "description"> & { description: string; definition: Definition };

function summarize(row: typeof questionnaires.$inferSelect): QuestionnaireSummary {
  const definition = JSON.parse(row.definitionJson) as Definition;
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    pages: definition.pages.length,
    questions: questionsOf(definition).length,
    ready: row.createdBy === null,
  };
}

export async function listQuestionnaires(db: Db, orgId: string): Promise<QuestionnaireSummary[]> {
  return (
    await db.select().from(questionnaires).where(eq(questionnaires.orgId, orgId)).orderBy(desc(questionnaires.createdAt)).limit(200)
  ).map(summarize);
}

export async function getQuestionnaire(db: Db, orgId: string, id: string) {
  const row = first(
    await db
      .select()
      .from(questionnaires)
      .where(and(eq(questionnaires.orgId, orgId), eq(questionnaires.id, id))),
  );
  return row && { ...summarize(row), definition: JSON.parse(row.definitionJson) as Definition };
}

export async function createQuestionnaire(db: Db, orgId: string, staffId: string | null, input: Stored, now = Date.now()): Promise<string> {
  const id = newId();
  await db.insert(questionnaires).values({
    id,
    orgId,
    kind: input.kind,
    title: input.title,
    description: input.description,
    definitionJson: JSON.stringify(input.definition),
    createdBy: staffId,
    createdAt: now,
  });
  return id;
}

/** Whether `accountId` has an active grant to the client's portal (only such a person can be assigned). */
export async function canReachPortal(db: Db, orgId: string, clientId: string, accountId: string): Promise<boolean> {
  return Boolean(
    first(
      await db
        .select({ id: portalGrants.id })
        .from(portalGrants)
        .where(
          and(
            eq(portalGrants.orgId, orgId),
            eq(portalGrants.clientId, clientId),
            eq(portalGrants.accountId, accountId),
            eq(portalGrants.status, "active"),
          ),
        )
        .limit(1),
    ),
  );
}

export async function assign(
  db: Db,
  orgId: string,
  clientId: string,
  questionnaireId: string,
  accountId: string | null,
  staffId: string,
  now = Date.now(),
) {
  const id = newId();
  await db
    .insert(assignments)
    .values({ id, orgId, questionnaireId, clientId, accountId, status: "open", assignedBy: staffId, assignedAt: now });
  return id;
}

const forPerson = alias(accounts, "for_person");
const submitter = alias(accounts, "submitter");

async function rows(db: Db, where: ReturnType<typeof and>, limit = 1, offset = 0) {
  return await db
    .select({
      a: assignments,
      q: questionnaires,
      forName: forPerson.displayName,
      submittedBy: submitter.displayName,
      answered:
        sql<number>`(select count(*) from ${answers} where ${answers.assignmentId} = ${assignments.id} and ${answers.valueJson} not in ('null', '""', '[]'))`.mapWith(
          Number,
        ),
    })
    .from(assignments)
    .innerJoin(questionnaires, eq(questionnaires.id, assignments.questionnaireId))
    .leftJoin(forPerson, eq(forPerson.id, assignments.accountId))
    .leftJoin(submitter, eq(submitter.id, assignments.submittedBy))
    .where(where)
    .orderBy(desc(assignments.assignedAt), desc(assignments.id))
    .limit(limit)
    .offset(offset);
}

function toSummary(r: Awaited<ReturnType<typeof rows>>[number]): AssignmentSummary {
  return {
    id: r.a.id,
    questionnaireId: r.q.id,
    kind: r.q.kind,
    title: r.q.title,
    status: r.a.status,
    forName: r.forName,
    assignedAt: r.a.assignedAt,
    submittedAt: r.a.submittedAt,
    answered: r.answered,
    questions: questionsOf(JSON.parse(r.q.definitionJson) as Definition).length,
  };
}

/** One page of a portal's assignments, newest first; with `accountId`, only those for everyone or for that person. */
export async function listAssignments(
  db: Db,
  orgId: string,
  clientId: string,
  page: { page: number; pageSize: number },
  accountId?: string,
): Promise<AssignmentPage> {
  const mine = accountId ? or(isNull(assignments.accountId), eq(assignments.accountId, accountId)) : undefined;
  const where = and(eq(assignments.orgId, orgId), eq(assignments.clientId, clientId), mine);
  const total = first(await db.select({ n: count() }).from(assignments).where(where))?.n ?? 0;
  const items = (await rows(db, where, page.pageSize, (page.page - 1) * page.pageSize)).map(toSummary);
  return { items, total, ...page };
}

export async function getAssignment(
  db: Db,
  orgId: string,
  clientId: string,
  id: string,
  accountId?: string,
): Promise<AssignmentDetail | undefined> {
  const mine = accountId ? or(isNull(assignments.accountId), eq(assignments.accountId, accountId)) : undefined;
  const r = (await rows(db, and(eq(assignments.orgId, orgId), eq(assignments.clientId, clientId), eq(assignments.id, id), mine)))[0];
  if (!r) return undefined;
  const stored = await db
    .select({ questionId: answers.questionId, valueJson: answers.valueJson })
    .from(answers)
    .where(and(eq(answers.orgId, orgId), eq(answers.assignmentId, id)));
  return {
    ...toSummary(r),
    description: r.q.description,
    definition: JSON.parse(r.q.definitionJson) as Definition,
    answers: Object.fromEntries(stored.map((s) => [s.questionId, JSON.parse(s.valueJson) as AnswerValue])),
    submittedBy: r.submittedBy,
  };
}

export async function saveAnswers(
  db: Db,
  orgId: string,
  assignmentId: string,
  accountId: string,
  values: Record<string, AnswerValue>,
  now = Date.now(),
) {
  for (const [questionId, value] of Object.entries(values)) {
    const valueJson = JSON.stringify(value);
    await db
      .insert(answers)
      .values({ orgId, assignmentId, questionId, valueJson, updatedBy: accountId, updatedAt: now })
      .onConflictDoUpdate({ target: [answers.assignmentId, answers.questionId], set: { valueJson, updatedBy: accountId, updatedAt: now } });
  }
  await db
    .update(assignments)
    .set({ status: "bezig" })
    .where(and(eq(assignments.id, assignmentId), eq(assignments.status, "open")));
}

/** Submits when every required question has an answer; returns what is missing otherwise. */
export async function submitAssignment(
  db: Db,
  detail: AssignmentDetail,
  orgId: string,
  accountId: string,
  now = Date.now(),
): Promise<Record<string, string>> {
  const missing = missingRequired(detail.definition, detail.answers);
  if (Object.keys(missing).length > 0) return missing;
  await db
    .update(assignments)
    .set({ status: "ingediend", submittedAt: now, submittedBy: accountId })
    .where(and(eq(assignments.orgId, orgId), eq(assignments.id, detail.id), eq(assignments.status, detail.status)));
  return {};
}
