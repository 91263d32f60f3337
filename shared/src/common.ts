// Small building blocks reused by the request and response schemas.
import { z } from "zod";

/** Opaque ids the BFF hands out: lowercase base32, never user-chosen. */
export const IdSchema = z.string({ error: "Ontbrekende of ongeldige id." }).regex(/^[a-z0-9]{8,40}$/, { error: "Deze id is ongeldig." });

export const EmailSchema = z
  .string({ error: "Vul een e-mailadres in." })
  .trim()
  .toLowerCase()
  .max(254, { error: "Dit e-mailadres is te lang." })
  .pipe(z.email({ error: "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl." }));

export const DateSchema = z
  .string({ error: "Vul een datum in." })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Vul een datum in als JJJJ-MM-DD." })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    error: "Deze datum bestaat niet.",
  });

export const PageQuerySchema = z.object({
  page: z.coerce
    .number({ error: "Paginanummer moet een getal zijn." })
    .int({ error: "Paginanummer moet een geheel getal zijn." })
    .min(1, { error: "Paginanummer begint bij 1." })
    .max(100000, { error: "Dit paginanummer is te hoog." })
    .default(1),
  pageSize: z.coerce
    .number({ error: "Paginagrootte moet een getal zijn." })
    .int()
    .min(1, { error: "Paginagrootte is minstens 1." })
    .max(100, { error: "Paginagrootte is hoogstens 100." })
    .default(20),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}
