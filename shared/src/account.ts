// Mijn account / Privacy en beveiliging: password, second factors, trusted devices, sessions, secret question.
import { z } from "zod";
import { IdSchema, visibleText } from "./common";

export const AccountOverviewSchema = z.object({
  email: z.string(),
  displayName: z.string(),
  secondFactorRequired: z.boolean(),
  totp: z.array(z.object({ id: IdSchema, label: z.string(), createdAt: z.number() })),
  securityKeys: z.array(z.object({ id: z.string(), name: z.string(), createdAt: z.number(), lastUsedAt: z.number().nullable() })),
  trustedDevices: z.array(
    z.object({ id: z.string(), userAgent: z.string().nullable(), createdAt: z.number(), expiresAt: z.number(), current: z.boolean() }),
  ),
  sessions: z.array(
    z.object({ id: z.string(), userAgent: z.string().nullable(), createdAt: z.number(), lastActivityAt: z.number(), current: z.boolean() }),
  ),
  secretQuestion: z.string().nullable(),
  closeRequestedAt: z.number().nullable(),
});
export type AccountOverview = z.infer<typeof AccountOverviewSchema>;

export const ChangePasswordSchema = z.object({
  currentPassword: z.string({ error: "Vul uw huidige wachtwoord in." }).min(1, { error: "Vul uw huidige wachtwoord in." }).max(256),
  newPassword: z
    .string({ error: "Kies een nieuw wachtwoord." })
    .min(1, { error: "Kies een nieuw wachtwoord." })
    .max(256, { error: "Dit wachtwoord is te lang." }),
});

export const TotpConfirmSchema = z.object({
  code: z
    .string({ error: "Vul de verificatiecode in." })
    .trim()
    .regex(/^\d{6}$/, { error: "De verificatiecode bestaat uit 6 cijfers." }),
});

/** Short public handles of sessions and devices: never the stored hash itself. */
export const HandleSchema = z.string().regex(/^[a-f0-9]{16}$/, { error: "Onbekend apparaat of sessie." });

export const SecretQuestionSchema = z.object({
  question: z
    .string({ error: "Vul een vraag in." })
    .trim()
    .min(5, { error: "De vraag is te kort (minstens 5 tekens)." })
    .max(120, { error: "De vraag is te lang (hoogstens 120 tekens)." })
    .refine(...visibleText("de vraag")),
  answer: z
    .string({ error: "Vul een antwoord in." })
    .trim()
    .min(2, { error: "Het antwoord is te kort (minstens 2 tekens)." })
    .max(100, { error: "Het antwoord is te lang (hoogstens 100 tekens)." }),
});

export const CloseRequestSchema = z.object({
  reason: z.string().trim().max(500, { error: "Toelichting is te lang (hoogstens 500 tekens)." }).optional(),
});

// --- Re-authentication before adding or removing a factor or a trusted device (issue 12) ---

/** The password, or a code from the authenticator app: one of the two. */
export const ReauthSchema = z
  .object({
    password: z.string({ error: "Vul uw wachtwoord in." }).min(1, { error: "Vul uw wachtwoord in." }).max(256).optional(),
    code: z
      .string({ error: "Vul de verificatiecode in." })
      .trim()
      .regex(/^\d{6}$/, { error: "De verificatiecode bestaat uit 6 cijfers." })
      .optional(),
  })
  .refine((b) => (b.password === undefined) !== (b.code === undefined), {
    error: "Vul uw wachtwoord of een verificatiecode in.",
    path: ["password"],
  });
export type ReauthRequest = z.infer<typeof ReauthSchema>;

/** How long a confirmation of the password or a code counts for these changes. */
export const REAUTH_WINDOW_MINUTES = 5;
