// Staff management of user access (gebruikerstoegang) to a client's portal.
import { z } from "zod";
import { ComingBirthdaySchema } from "./care";
import { IdSchema } from "./common";

/**
 * Where a person's access stands. An invitation whose link has expired or died after wrong birth dates
 * is not "uitgenodigd": nobody can activate it until staff send a new link.
 */
export const AccessStatusSchema = z.enum([
  "geen",
  "uitgenodigd",
  "link-verlopen",
  "link-geblokkeerd",
  "actief",
  "geblokkeerd",
  "uitgeschakeld",
  "gesloten",
]);
export type AccessStatus = z.infer<typeof AccessStatusSchema>;

/** Why an account is blocked: wrong passwords, wrong second-factor codes, or too many logins without a second factor. */
export const BlockReasonSchema = z.enum(["wachtwoord", "codes", "geen-tweede-factor", "onbekend"]);
export type BlockReason = z.infer<typeof BlockReasonSchema>;

export const PersonTypeSchema = z.enum(["client", "contact"]);

export const AccessPersonSchema = z.object({
  personType: PersonTypeSchema,
  personId: IdSchema,
  name: z.string(),
  /** "cliënt" or the relation's role. */
  role: z.string(),
  gezag: z.boolean(),
  email: z.string().nullable(),
  accountId: IdSchema.nullable(),
  status: AccessStatusSchema,
  lastLoginAt: z.number().nullable(),
  secondFactorSet: z.boolean(),
  secretQuestionSet: z.boolean(),
  /** The question only (staff read it to the caller); the answer is never sent. */
  secretQuestion: z.string().nullable(),
  blockedReason: BlockReasonSchema.nullable(),
  /** When the person asked to close their account, while that request waits. */
  closeRequestedAt: z.number().nullable(),
  /** Too many wrong answers: staff cannot check the secret question until a beheerder resets it. */
  secretCheckBlocked: z.boolean(),
  /** What is missing before access can be activated; empty when it can. */
  missing: z.array(z.string()),
});
export type AccessPerson = z.infer<typeof AccessPersonSchema>;

export const AccessListResponseSchema = z.object({ people: z.array(AccessPersonSchema) });

export const ActivateAccessSchema = z.object({ personType: PersonTypeSchema, personId: IdSchema });
export type ActivateAccess = z.infer<typeof ActivateAccessSchema>;

export const AccessActionSchema = z.enum(["deactivate", "reactivate", "unblock", "close"]);
export type AccessAction = z.infer<typeof AccessActionSchema>;

export const SecretCheckSchema = z.object({
  answer: z
    .string({ error: "Vul het antwoord in dat de beller geeft." })
    .trim()
    .min(1, { error: "Vul het antwoord in dat de beller geeft." })
    .max(200, {
      error: "Dit antwoord is te lang.",
    }),
});
export const SecretCheckResponseSchema = z.object({
  match: z.boolean(),
  /** Wrong answers still allowed before the check is blocked (after this one). */
  attemptsLeft: z.number().int().min(0),
});
export type SecretCheckResponse = z.infer<typeof SecretCheckResponseSchema>;

// --- Werkvoorraad (issue 11, points 6 and 7): what waits for the secretariaat. ---

/** One state to filter the client list by: a state of a person's access, or a waiting close request. */
export const AccessFilterSchema = z.enum(
  ["uitgenodigd", "link-verlopen", "link-geblokkeerd", "actief", "geblokkeerd", "uitgeschakeld", "gesloten", "sluitverzoek"],
  { error: "Kies een bestaande toegangsstatus om op te filteren." },
);
export type AccessFilter = z.infer<typeof AccessFilterSchema>;

export const WorkItemKindSchema = z.enum(["sluitverzoek", "geblokkeerd", "link-geblokkeerd", "link-verlopen"]);
export type WorkItemKind = z.infer<typeof WorkItemKindSchema>;

export const WorkItemSchema = z.object({
  kind: WorkItemKindSchema,
  accountId: IdSchema,
  name: z.string(),
  email: z.string(),
  blockedReason: BlockReasonSchema.nullable(),
  /** Since when it waits: the close request, the block, the link's expiry, or when the dead link was sent. */
  at: z.number(),
  /** The portals this account reaches (or reached, when closed): each row links to these client pages. */
  clients: z.array(z.object({ id: IdSchema, name: z.string(), relation: z.string() })),
});
export type WorkItem = z.infer<typeof WorkItemSchema>;
export const WorkQueueResponseSchema = z.object({
  items: z.array(WorkItemSchema),
  /** Clients turning 16 within 30 days: their parents' and guardians' access then needs their consent. */
  birthdays: z.array(ComingBirthdaySchema),
});
export type WorkQueueResponse = z.infer<typeof WorkQueueResponseSchema>;
