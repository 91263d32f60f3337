// Afspraken: what users see and what staff plan.
import { z } from "zod";
import { IdSchema, visibleText } from "./common";
import { AppointmentSummarySchema } from "./portal";

export const AppointmentStatusSchema = z.enum(["gepland", "geweest", "afgezegd"]);

export const AppointmentListSchema = z.object({ upcoming: z.array(AppointmentSummarySchema), past: z.array(AppointmentSummarySchema) });
export type AppointmentList = z.infer<typeof AppointmentListSchema>;

export const AppointmentParamSchema = z.object({ clientId: IdSchema, appointmentId: IdSchema });

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
