// Medewerkers (Beheer → Organisatie): the staff of the organization, their role, state and care team.
import { z } from "zod";
import { BlockReasonSchema } from "./access";
import { EmailSchema, IdSchema, PageQuerySchema, pageOf, visibleText } from "./common";

const ROLE_ERROR = "Kies een rol: beheerder, secretariaat, behandelaar of begeleider.";

export const StaffRoleInputSchema = z.enum(["beheerder", "secretariaat", "behandelaar", "begeleider"], { error: ROLE_ERROR });

/** Roles whose holders see only the clients in their care (the care team). */
export const CARE_ROLES = ["behandelaar", "begeleider"] as const;

export const StaffStatusSchema = z.enum(["uitgenodigd", "actief", "geblokkeerd", "gedeactiveerd"]);
export type StaffStatus = z.infer<typeof StaffStatusSchema>;

export const StaffListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(100, { error: "Zoekterm is te lang (hoogstens 100 tekens)." }).optional(),
  status: StaffStatusSchema.optional(),
  role: StaffRoleInputSchema.optional(),
});
export type StaffListQuery = z.infer<typeof StaffListQuerySchema>;

export const StaffSummarySchema = z.object({
  id: IdSchema,
  name: z.string(),
  email: z.string(),
  role: StaffRoleInputSchema,
  status: StaffStatusSchema,
  blockedReason: BlockReasonSchema.nullable(),
  /** An invitation whose newest link can no longer be used: send it again. */
  invitationExpired: z.boolean(),
  /** Waiting to set a new second factor after a beheerder reset it (the e-mailed link). */
  factorResetPending: z.boolean(),
  secondFactorSet: z.boolean(),
  lastLoginAt: z.number().nullable(),
  careTeamSize: z.number().int(),
  /** Raised by every change made here: a change states the version it started from. */
  version: z.number().int(),
  isSelf: z.boolean(),
});
export type StaffSummary = z.infer<typeof StaffSummarySchema>;

export const StaffListResponseSchema = pageOf(StaffSummarySchema);
export type StaffListResponse = z.infer<typeof StaffListResponseSchema>;

export const CareTeamClientSchema = z.object({ id: IdSchema, clientNumber: z.string(), name: z.string() });
export type CareTeamClient = z.infer<typeof CareTeamClientSchema>;

export const StaffDetailSchema = StaffSummarySchema.extend({ careTeam: z.array(CareTeamClientSchema) });
export type StaffDetail = z.infer<typeof StaffDetailSchema>;

export const InviteStaffSchema = z.object({
  name: z
    .string({ error: "Vul de naam van de medewerker in." })
    .trim()
    .min(2, { error: "Vul de naam van de medewerker in (minstens 2 tekens)." })
    .max(120, { error: "De naam is te lang (hoogstens 120 tekens)." })
    .refine(...visibleText("de naam")),
  email: EmailSchema,
  role: StaffRoleInputSchema,
});
export type InviteStaff = z.infer<typeof InviteStaffSchema>;

export const StaffVersionSchema = z.object({
  version: z
    .number({ error: "De versie van de gegevens ontbreekt. Ververs de pagina en probeer het opnieuw." })
    .int({ error: "De versie van de gegevens is ongeldig." })
    .min(1, { error: "De versie van de gegevens is ongeldig." }),
});
export type StaffVersion = z.infer<typeof StaffVersionSchema>;

export const ChangeStaffRoleSchema = StaffVersionSchema.extend({ role: StaffRoleInputSchema });
export type ChangeStaffRole = z.infer<typeof ChangeStaffRoleSchema>;

export const StaffActionSchema = z.enum(["deactivate", "reactivate", "unblock", "reset-second-factor", "resend-invitation"], {
  error: "Deze actie bestaat niet.",
});
export type StaffAction = z.infer<typeof StaffActionSchema>;

export const AddCareTeamClientSchema = z.object({ clientId: IdSchema });
export type AddCareTeamClient = z.infer<typeof AddCareTeamClientSchema>;

/** What every change answers: the staff member as it is now. */
export const StaffChangeResponseSchema = z.object({ staff: StaffDetailSchema });
export type StaffChangeResponse = z.infer<typeof StaffChangeResponseSchema>;
