// Staff management of user access (gebruikerstoegang) to a client's portal.
import { z } from "zod";
import { IdSchema } from "./common";

export const AccessStatusSchema = z.enum(["geen", "uitgenodigd", "actief", "geblokkeerd", "uitgeschakeld", "gesloten"]);
export type AccessStatus = z.infer<typeof AccessStatusSchema>;

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
