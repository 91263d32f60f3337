// What a portal user sees of one client's portal: the Home overview.
import { z } from "zod";
import { IdSchema } from "./common";

export const PortalParamSchema = z.object({ clientId: IdSchema });

export const AppointmentSummarySchema = z.object({
  id: IdSchema,
  startsAt: z.number(),
  durationMinutes: z.number(),
  practitionerName: z.string(),
  location: z.string().nullable(),
  videoUrl: z.string().nullable(),
  status: z.enum(["gepland", "geweest", "afgezegd"]),
  version: z.number().int(),
  description: z.string().nullable(),
  /** When staff last moved, changed or cancelled it; null when it is as first planned. */
  changedAt: z.number().nullable(),
});
export type AppointmentSummary = z.infer<typeof AppointmentSummarySchema>;

export const OverviewSchema = z.object({
  client: z.object({ id: IdSchema, name: z.string(), firstName: z.string() }),
  /** Counted from the user's previous login; null on the very first login (everything counts). */
  since: z.number().nullable(),
  activity: z.object({
    documents: z.number().int(),
    reports: z.number().int(),
    appointmentsHeld: z.number().int(),
    messages: z.number().int(),
    diaryNotes: z.number().int(),
    /** Appointments planned, changed or cancelled since. */
    appointments: z.number().int(),
    /** Questionnaires and modules set out for this person since. */
    assignments: z.number().int(),
  }),
  nextAppointment: AppointmentSummarySchema.nullable(),
  announcement: z.object({ title: z.string(), body: z.string(), publishedAt: z.number() }).nullable(),
  privacy: z.object({ secondFactorSet: z.boolean(), secretQuestionSet: z.boolean(), emailCodesOnly: z.boolean() }),
  tourSeen: z.boolean(),
});
export type Overview = z.infer<typeof OverviewSchema>;
