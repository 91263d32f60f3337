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

// --- Text that looks like something else (issue 12.11) ---

/**
 * Control and format characters (Unicode Cc and Cf): line breaks and tabs, right-to-left overrides
 * (U+202E makes "‮gnp.pdf" show as "fdp.png"), zero-width spaces and joiners. None belongs in a name or
 * title; a line break in a name would also end up as a line of its own in an e-mail.
 */
export const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}]/u;

/**
 * A refinement for names and titles: one line of visible characters, with a specific message.
 * @example z.string().trim().refine(...visibleText("de titel"))
 */
export function visibleText(what: string) {
  const What = `${what[0]?.toUpperCase()}${what.slice(1)}`;
  return [
    (s: string) => !HIDDEN_CHARACTERS.test(s),
    {
      error: `${What} bevat een regelovergang of een onzichtbaar teken (zoals een teken dat de leesrichting omdraait). Typ ${what} opnieuw, zonder zulke tekens.`,
    },
  ] as const;
}

/** The organization's own domain or any subdomain of it (`x@mail.hetbaken.example` is as much the organization's). */
export function isOwnDomainEmail(email: string, ownDomain: string): boolean {
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  const own = ownDomain.toLowerCase();
  return domain === own || domain.endsWith(`.${own}`);
}
