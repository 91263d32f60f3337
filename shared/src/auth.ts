// Login, second factor and the signed-in user as the SPA sees them.
import { z } from "zod";
import { EmailSchema, IdSchema } from "./common";
import { PolicySchema } from "./policy";

export const LoginRequestSchema = z.object({
  email: EmailSchema,
  password: z.string({ error: "Vul uw wachtwoord in." }).min(1, { error: "Vul uw wachtwoord in." }).max(256, {
    error: "Dit wachtwoord is te lang.",
  }),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const SecondFactorKindSchema = z.enum(["totp", "webauthn", "email"]);
export type SecondFactorKind = z.infer<typeof SecondFactorKindSchema>;

export const LoginResponseSchema = z.discriminatedUnion("step", [
  z.object({ step: z.literal("done"), loginsLeft: z.number().int().optional() }),
  z.object({ step: z.literal("second-factor"), factors: z.array(SecondFactorKindSchema).min(1) }),
]);
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const TotpRequestSchema = z.object({
  code: z
    .string({ error: "Vul de verificatiecode in." })
    .trim()
    .regex(/^\d{6}$/, { error: "De verificatiecode bestaat uit 6 cijfers." }),
  trustDevice: z.boolean().default(false),
});
export type TotpRequest = z.infer<typeof TotpRequestSchema>;

export const StaffRoleSchema = z.enum(["beheerder", "secretariaat", "behandelaar", "begeleider"]);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

export const PortalSchema = z.object({
  clientId: IdSchema,
  name: z.string(),
  /** "eigen" for the client's own portal, else the relation's role (ouder, verwant, ...). */
  relation: z.string(),
});
export type Portal = z.infer<typeof PortalSchema>;

export const OrganizationPublicSchema = z.object({
  name: z.string(),
  policy: PolicySchema,
  phone: z.string(),
  primaryColor: z.string(),
  logoText: z.string(),
  /** The logo image (changes with the image, so a new one shows at once), or null: the logo mark. */
  logoUrl: z.string().nullable(),
  /** The beheerder's own texts for Support and Over ons (plain text); empty: the portal's standard text. */
  supportText: z.string(),
  aboutText: z.string(),
});
export type OrganizationPublic = z.infer<typeof OrganizationPublicSchema>;

export const MeResponseSchema = z.object({
  user: z.object({
    id: IdSchema,
    email: z.string(),
    displayName: z.string(),
    initials: z.string(),
    kind: z.enum(["staff", "cov"]),
    staffRole: StaffRoleSchema.nullable(),
    previousLoginAt: z.number().nullable(),
  }),
  organization: OrganizationPublicSchema.extend({
    /**
     * What the organization's practitioners are called, from the roles of its care staff: "begeleider"
     * (disability care), "behandelaar" (GGZ), or null when it has both (the portal then says both).
     */
    practitionerWord: z.enum(["behandelaar", "begeleider"]).nullable(),
  }),
  portals: z.array(PortalSchema),
  session: z.object({ idleExpiresAt: z.number(), absoluteExpiresAt: z.number() }),
  /** A version of the terms of use this user has not accepted yet (COV users only). */
  termsToAccept: z.object({ version: z.number().int(), body: z.string() }).nullable(),
  /** The policy now requires a second factor and this account has none: Mijn account first (requireUser). */
  secondFactorSetupRequired: z.boolean(),
});
export type MeResponse = z.infer<typeof MeResponseSchema>;

export const EmailCodeRequestSchema = z.object({
  code: z
    .string({ error: "Vul de code uit de e-mail in." })
    .trim()
    .regex(/^\d{6}$/, { error: "De code uit de e-mail bestaat uit 6 cijfers." }),
  trustDevice: z.boolean().default(false),
});
export type EmailCodeRequest = z.infer<typeof EmailCodeRequestSchema>;

export const PasswordResetRequestSchema = z.object({ email: EmailSchema });

export const PasswordResetCompleteSchema = z.object({
  token: z.string().regex(/^[a-z2-7]{32}$/, { error: "Deze link is niet compleet. Open de link uit de e-mail opnieuw." }),
  password: z
    .string({ error: "Kies een wachtwoord." })
    .min(1, { error: "Kies een wachtwoord." })
    .max(256, { error: "Dit wachtwoord is te lang." }),
});

export const AcceptTermsSchema = z.object({
  version: z.number({ error: "Versie van de voorwaarden ontbreekt." }).int().min(1),
});
