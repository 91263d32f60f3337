// Afspraken: what users see and what staff plan.
import { z } from "zod";
import { IdSchema, visibleText } from "./common";
import { AppointmentSummarySchema } from "./portal";

export const AppointmentStatusSchema = z.enum(["gepland", "geweest", "afgezegd"]);

export const AppointmentListSchema = z.object({ upcoming: z.array(AppointmentSummarySchema), past: z.array(AppointmentSummarySchema) });
export type AppointmentList = z.infer<typeof AppointmentListSchema>;

export const AppointmentParamSchema = z.object({ clientId: IdSchema, appointmentId: IdSchema });

/**
 * Whom an appointment is for: the whole portal (everyone with access, also who joins later) or named
 * people of the portal (account ids). Absent on a change: unchanged; on a new one: the whole portal.
 */
export const AppointmentAudienceSchema = z.union(
  [
    z.literal("portaal"),
    z
      .array(IdSchema, { error: "Kies het hele portaal of een lijst van mensen." })
      .min(1, { error: "Kies ten minste één persoon, of kies het hele portaal." })
      .max(30, { error: "Te veel mensen in één keer." }),
  ],
  { error: "Kies voor wie de afspraak is: het hele portaal of alleen bepaalde mensen." },
);
export type AppointmentAudience = z.infer<typeof AppointmentAudienceSchema>;

/** An appointment as staff see it: with whom it is for. */
export const StaffAppointmentSchema = AppointmentSummarySchema.extend({ audience: AppointmentAudienceSchema });
export type StaffAppointment = z.infer<typeof StaffAppointmentSchema>;
export const StaffAppointmentListSchema = z.object({ upcoming: z.array(StaffAppointmentSchema), past: z.array(StaffAppointmentSchema) });
export type StaffAppointmentList = z.infer<typeof StaffAppointmentListSchema>;

/** The refusal when the named people are not (or no longer) people of this portal. */
export const AUDIENCE_NOT_IN_PORTAL = "Kies mensen die nu toegang hebben tot dit portaal. Ververs de pagina als dat net is gewijzigd.";

const AppointmentFieldsSchema = z.object({
  /** An ISO moment; the browser turns the local time the staff member typed into one. */
  startsAt: z.iso.datetime({ offset: true, error: "Vul een geldige datum en tijd in." }),
  durationMinutes: z.coerce
    .number({ error: "Vul de duur in minuten in." })
    .int({ error: "De duur is een heel aantal minuten." })
    .min(5, { error: "Een afspraak duurt minstens 5 minuten." })
    .max(480, { error: "Een afspraak duurt hoogstens 8 uur." }),
  practitionerName: z
    .string({ error: "Vul de naam van de behandelaar of begeleider in." })
    .trim()
    .min(1, { error: "Vul de naam van de behandelaar of begeleider in." })
    .max(120, { error: "De naam is te lang (hoogstens 120 tekens)." })
    .refine(...visibleText("de naam")),
  location: z
    .string()
    .trim()
    .max(200, { error: "De locatie is te lang (hoogstens 200 tekens)." })
    .refine(...visibleText("de locatie"))
    .optional(),
  videoUrl: z
    .url({ protocol: /^https$/, error: "Een videolink begint met https://." })
    .max(500, { error: "De videolink is te lang." })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** What the appointment is for, in plain words; shown in the portal, never put in the calendar file. */
  description: z.string().trim().max(300, { error: "De omschrijving is te lang (hoogstens 300 tekens)." }).optional(),
  status: AppointmentStatusSchema.default("gepland"),
  audience: AppointmentAudienceSchema.optional(),
});
const placeGiven = (a: { location?: string | undefined; videoUrl?: string | undefined }) => Boolean(a.location || a.videoUrl);
const PLACE_MISSING = { error: "Vul een locatie of een videolink in.", path: ["location"] };

export const AppointmentInputSchema = AppointmentFieldsSchema.refine(placeGiven, PLACE_MISSING);
export type AppointmentInput = z.infer<typeof AppointmentInputSchema>;

/** A change names the version it started from; someone else's change in between is a conflict (409). */
export const AppointmentUpdateSchema = AppointmentFieldsSchema.extend({
  version: z.number({ error: "De versie van de afspraak ontbreekt." }).int().min(1),
}).refine(placeGiven, PLACE_MISSING);
export type AppointmentUpdate = z.infer<typeof AppointmentUpdateSchema>;
