// Aan de slag: questionnaires and eHealth modules (pages with text and questions), their assignment to
// a client's portal or one person in it, answers saved as one goes, and submission.
import { z } from "zod";
import { DateSchema, IdSchema, PageQuerySchema, pageOf, visibleText } from "./common";

export const QUESTION_TYPES = ["kort", "lang", "keuze", "meerkeuze", "schaal", "datum"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const MAX_PAGES = 30;
export const MAX_QUESTIONS_PER_PAGE = 30;
export const SHORT_MAX = 200;
export const LONG_MAX = 5000;

const LocalId = z
  .string({ error: "Ontbrekende id." })
  .regex(/^[a-z0-9-]{1,40}$/, { error: "Een id bestaat uit kleine letters, cijfers en streepjes." });
const text = (what: string, max: number) =>
  z
    .string({ error: `Vul ${what} in.` })
    .trim()
    .min(1, { error: `Vul ${what} in.` })
    .max(max, { error: `${what[0]?.toUpperCase()}${what.slice(1)} is te lang (hoogstens ${max} tekens).` })
    .refine(...visibleText(what));

export const QuestionSchema = z
  .object({
    id: LocalId,
    type: z.enum(QUESTION_TYPES, { error: "Kies een soort vraag." }),
    label: text("de vraag", 300),
    help: z.string().trim().max(500, { error: "De toelichting is te lang (hoogstens 500 tekens)." }).optional(),
    required: z.boolean().default(false),
    options: z
      .array(text("een antwoordmogelijkheid", 100), { error: "Antwoordmogelijkheden zijn een lijst." })
      .max(12, { error: "Hoogstens 12 antwoordmogelijkheden." })
      .optional(),
  })
  .superRefine((q, ctx) => {
    const choice = q.type === "keuze" || q.type === "meerkeuze";
    if (choice && (q.options?.length ?? 0) < 2) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "Geef minstens twee antwoordmogelijkheden." });
    }
    if (choice && new Set(q.options).size !== q.options?.length) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "Elke antwoordmogelijkheid komt één keer voor." });
    }
  });
export type Question = z.infer<typeof QuestionSchema>;

export const ModulePageSchema = z.object({
  id: LocalId,
  title: text("de titel van de pagina", 150),
  text: z.string().trim().max(5000, { error: "De tekst van de pagina is te lang (hoogstens 5000 tekens)." }).default(""),
  questions: z.array(QuestionSchema).max(MAX_QUESTIONS_PER_PAGE, { error: `Hoogstens ${MAX_QUESTIONS_PER_PAGE} vragen per pagina.` }),
});
export type ModulePage = z.infer<typeof ModulePageSchema>;

export const DefinitionSchema = z
  .object({
    pages: z
      .array(ModulePageSchema, { error: "Een module heeft pagina's." })
      .min(1, { error: "Voeg minstens één pagina toe." })
      .max(MAX_PAGES, { error: `Hoogstens ${MAX_PAGES} pagina's.` }),
  })
  .superRefine((d, ctx) => {
    const ids = d.pages.flatMap((p) => p.questions.map((q) => q.id));
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["pages"], message: "Elke vraag heeft een eigen id." });
    if (ids.length === 0) ctx.addIssue({ code: "custom", path: ["pages"], message: "Voeg minstens één vraag toe." });
  });
export type Definition = z.infer<typeof DefinitionSchema>;

export const QuestionnaireInputSchema = z.object({
  kind: z.enum(["module", "vragenlijst"], { error: "Kies vragenlijst of module." }),
  title: text("een titel", 150),
  description: z.string().trim().max(1000, { error: "De beschrijving is te lang (hoogstens 1000 tekens)." }).default(""),
  definition: DefinitionSchema,
});
export type QuestionnaireInput = z.input<typeof QuestionnaireInputSchema>;

export const QuestionnaireSummarySchema = z.object({
  id: IdSchema,
  kind: z.enum(["module", "vragenlijst"]),
  title: z.string(),
  description: z.string(),
  pages: z.number().int(),
  questions: z.number().int(),
  ready: z.boolean(),
});
export type QuestionnaireSummary = z.infer<typeof QuestionnaireSummarySchema>;

export const AssignSchema = z.object({
  questionnaireId: IdSchema,
  /** One person in the portal, or null for everyone with access to it. */
  accountId: IdSchema.nullable().default(null),
});
export type AssignInput = z.input<typeof AssignSchema>;

export const ASSIGNMENT_STATUSES = ["open", "bezig", "ingediend"] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const AnswerValueSchema = z.union([z.string(), z.array(z.string()), z.number(), z.null()]);
export type AnswerValue = z.infer<typeof AnswerValueSchema>;

export const AssignmentSummarySchema = z.object({
  id: IdSchema,
  questionnaireId: IdSchema,
  kind: z.enum(["module", "vragenlijst"]),
  title: z.string(),
  status: z.enum(ASSIGNMENT_STATUSES),
  forName: z.string().nullable(),
  assignedAt: z.number(),
  submittedAt: z.number().nullable(),
  answered: z.number().int(),
  questions: z.number().int(),
});
export type AssignmentSummary = z.infer<typeof AssignmentSummarySchema>;

export const AssignmentQuerySchema = PageQuerySchema;
export const AssignmentPageSchema = pageOf(AssignmentSummarySchema);
export type AssignmentPage = z.infer<typeof AssignmentPageSchema>;

export const AssignmentDetailSchema = AssignmentSummarySchema.extend({
  description: z.string(),
  definition: DefinitionSchema,
  answers: z.record(z.string(), AnswerValueSchema),
  submittedBy: z.string().nullable(),
});
export type AssignmentDetail = z.infer<typeof AssignmentDetailSchema>;

/** Answers saved as one goes: only the questions given change. A null clears an answer. */
export const SaveAnswersSchema = z.object({
  answers: z
    .record(LocalId, AnswerValueSchema, { error: "Antwoorden ontbreken." })
    .refine((a) => Object.keys(a).length <= 200, { error: "Te veel antwoorden in één keer." }),
});

export const AssignmentParamSchema = z.object({ clientId: IdSchema, assignmentId: IdSchema });
export const QuestionnaireParamSchema = z.object({ questionnaireId: IdSchema });

/** The schema one answer must meet for its question (null always clears). */
export function answerSchemaFor(q: Question): z.ZodType<AnswerValue> {
  switch (q.type) {
    case "kort":
      return z
        .string({ error: "Vul tekst in." })
        .max(SHORT_MAX, { error: `Hoogstens ${SHORT_MAX} tekens.` })
        .nullable();
    case "lang":
      return z
        .string({ error: "Vul tekst in." })
        .max(LONG_MAX, { error: `Hoogstens ${LONG_MAX} tekens.` })
        .nullable();
    case "keuze":
      return z
        .string({ error: "Kies een van de antwoorden." })
        .refine((v) => q.options?.includes(v), { error: "Kies een van de antwoorden." })
        .nullable();
    case "meerkeuze":
      return z
        .array(
          z.string().refine((v) => q.options?.includes(v), { error: "Kies uit de antwoorden." }),
          { error: "Kies uit de antwoorden." },
        )
        .refine((a) => new Set(a).size === a.length, { error: "Elk antwoord één keer." })
        .nullable();
    case "schaal":
      return z
        .number({ error: "Kies een getal van 0 tot 10." })
        .int({ error: "Kies een getal van 0 tot 10." })
        .min(0, { error: "Kies een getal van 0 tot 10." })
        .max(10, { error: "Kies een getal van 0 tot 10." })
        .nullable();
    case "datum":
      return DateSchema.or(z.literal("")).nullable();
  }
}

/** Whether a stored answer counts as given (empty text or no choices does not). */
export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === "string") return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** The questions of a definition, in order. */
export function questionsOf(definition: Definition): Question[] {
  return definition.pages.flatMap((p) => p.questions);
}

/** The required questions without an answer, as { questionId: message }. */
export function missingRequired(definition: Definition, answers: Record<string, AnswerValue>): Record<string, string> {
  const missing: Record<string, string> = {};
  for (const q of questionsOf(definition)) if (q.required && !isAnswered(answers[q.id])) missing[q.id] = "Deze vraag is verplicht.";
  return missing;
}
