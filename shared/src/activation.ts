// Activating an account from the e-mailed link: birth date, password, second factor, terms.
import { z } from "zod";
import { DateSchema } from "./common";
import { PolicySchema } from "./policy";

/** The link's token travels in the URL fragment and in request bodies, never in a query string. */
export const LinkTokenSchema = z
  .string({ error: "Deze link is niet compleet. Open de link uit de e-mail opnieuw." })
  .regex(/^[a-z2-7]{32}$/, { error: "Deze link is niet compleet. Open de link uit de e-mail opnieuw." });

export const ActivationStepSchema = z.enum(["birth-date", "password", "second-factor", "terms", "done"]);
export type ActivationStep = z.infer<typeof ActivationStepSchema>;

export const ActivationTokenRequestSchema = z.object({ token: LinkTokenSchema });

export const ActivationStatusSchema = z.object({
  step: ActivationStepSchema,
  email: z.string(),
  organizationName: z.string(),
  clientFirstName: z.string(),
  policy: PolicySchema,
  /** The ggz preset lets the user skip the authenticator; e-mailed codes cover logins until one is set. */
  secondFactorOptional: z.boolean(),
  factorsSet: z.array(z.enum(["totp", "webauthn"])),
  /** A staff account: no birth-date step (and never a skipped second factor). */
  staff: z.boolean(),
  terms: z.object({ version: z.number(), body: z.string() }).nullable(),
});
export type ActivationStatus = z.infer<typeof ActivationStatusSchema>;

export const ActivationBirthDateSchema = z.object({ token: LinkTokenSchema, birthDate: DateSchema });

export const ActivationPasswordSchema = z.object({
  token: LinkTokenSchema,
  password: z
    .string({ error: "Kies een wachtwoord." })
    .min(1, { error: "Kies een wachtwoord." })
    .max(256, { error: "Dit wachtwoord is te lang." }),
});

export const TotpSetupResponseSchema = z.object({
  /** Base32, shown as text for apps that cannot scan. */
  secret: z.string(),
  uri: z.string(),
  /** The QR code as an SVG document. */
  qrSvg: z.string(),
});
export type TotpSetupResponse = z.infer<typeof TotpSetupResponseSchema>;

export const ActivationTotpConfirmSchema = z.object({
  token: LinkTokenSchema,
  code: z
    .string({ error: "Vul de verificatiecode in." })
    .trim()
    .regex(/^\d{6}$/, { error: "De verificatiecode bestaat uit 6 cijfers." }),
});

export const ActivationFinishSchema = z.object({
  token: LinkTokenSchema,
  acceptTerms: z.literal(true, { error: "Ga akkoord met de gebruiksvoorwaarden om verder te gaan." }),
});
