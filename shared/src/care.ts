// Care rules (WGBO): end of care, the client's age, and consent: a parent's access after 16, a relation without gezag.
import { z } from "zod";
import { IdSchema } from "./common";

/** From this age a client decides who sees their portal: parents and guardians need their consent. */
export const CONSENT_AGE = 16;
/** Below this age a client never has an own account, whatever the policy says. */
export const OWN_ACCOUNT_FLOOR = 12;
/** Days before the 16th birthday that staff see it coming and the gezag holders are told. */
export const BIRTHDAY_NOTICE_DAYS = 30;

/** The lowest age for a client's own account: the policy's minimum, never below 12. */
export function ownAccountAge(minimumClientAge: number): number {
  return Math.max(OWN_ACCOUNT_FLOOR, minimumClientAge);
}

/** Whole years between a birth date and a day (both YYYY-MM-DD): the birthday itself counts. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = day.split("-").map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** The day someone born on `birthDate` turns `years` (29 February: 1 March in a common year). */
export function birthdayAt(birthDate: string, years: number): string {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const d = new Date(Date.UTC(by + years, bm - 1, bd));
  return d.toISOString().slice(0, 10);
}

export const CareStateSchema = z.object({
  /** actief: a placement or product runs today; beeindigd: all ended (endedOn the last end date); geen: none yet. */
  state: z.enum(["actief", "beeindigd", "geen"]),
  endedOn: z.string().nullable(),
  /** Whether the policy closes the portal at the end of care (closeAtEndOfCare). */
  closesPortal: z.boolean(),
  /** The client's age today, when the birth date is known. */
  age: z.number().int().nullable(),
  /** The 16th birthday, when the birth date is known. */
  sixteenOn: z.string().nullable(),
});
export type CareState = z.infer<typeof CareStateSchema>;

export const ConsentSchema = z.object({
  /** Who recorded it: a staff member in Beheer, or the client in Mijn account. */
  givenBy: z.enum(["medewerker", "client"]),
  givenAt: z.number(),
  /** Whose consent it is: the client's, or a gezag holder's (for a relation without gezag of a client under 16). */
  decidedBy: z.enum(["client", "gezaghouder"]),
  /** The gezag holder's name and relation, when decidedBy is gezaghouder. */
  gezagHolder: z.string().nullable(),
  gezagRelationId: IdSchema.nullable(),
});
export type Consent = z.infer<typeof ConsentSchema>;

export const SetConsentSchema = z.object({
  relationId: IdSchema,
  given: z.boolean({ error: "Geef aan of er toestemming is (aan of uit)." }),
  /**
   * The relation (with gezag) of the parent or guardian whose consent staff record; absent: the client's
   * own consent. Only staff may name a gezag holder.
   */
  gezagRelationId: IdSchema.optional(),
});
export type SetConsent = z.infer<typeof SetConsentSchema>;

/** A relation (with or without gezag) as the client sees them in Mijn account, with the consent in force. */
export const PortalViewerSchema = z.object({
  relationId: IdSchema,
  name: z.string(),
  role: z.string(),
  gezag: z.boolean(),
  consent: ConsentSchema.nullable(),
});
export type PortalViewer = z.infer<typeof PortalViewerSchema>;

export const PortalViewersResponseSchema = z.object({
  /** Whether the client decides (16 or older); younger clients see the list without switches. */
  decides: z.boolean(),
  viewers: z.array(PortalViewerSchema),
});
export type PortalViewersResponse = z.infer<typeof PortalViewersResponseSchema>;

export const ComingBirthdaySchema = z.object({
  clientId: IdSchema,
  name: z.string(),
  clientNumber: z.string(),
  sixteenOn: z.string(),
  /** Relations who have access now (parents and guardians, and relations without gezag), and whether the client already consented. */
  holders: z.array(z.object({ name: z.string(), consent: z.boolean() })),
});
export type ComingBirthday = z.infer<typeof ComingBirthdaySchema>;
