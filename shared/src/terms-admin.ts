// Gebruiksvoorwaarden in Beheer → Organisatie: the versions, and a new one to publish.
import { z } from "zod";

export const TERMS_MAX_LENGTH = 20_000;

/**
 * The text of a new version: plain text with blank lines between paragraphs, shown as the earlier
 * versions are. Control characters other than line ends and tabs are refused (they hide text).
 */
export const PublishTermsSchema = z.object({
  body: z
    .string({ error: "Vul de tekst van de nieuwe voorwaarden in." })
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(1, { error: "De tekst van de voorwaarden is leeg. Schrijf de voorwaarden voordat u ze publiceert." })
        .min(20, { error: "De tekst van de voorwaarden is te kort (minstens 20 tekens). Schrijf de volledige voorwaarden." })
        .max(TERMS_MAX_LENGTH, {
          error: `De tekst van de voorwaarden is te lang (hoogstens ${TERMS_MAX_LENGTH.toLocaleString("nl-NL")} tekens). Maak de tekst korter.`,
        })
        // biome-ignore lint/suspicious/noControlCharactersInRegex: exactly these are refused
        .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(s), {
          error:
            "De tekst bevat een onzichtbaar teken (zoals een teken dat de leesrichting omdraait). Plak de tekst opnieuw als gewone tekst.",
        }),
    ),
  /** The version the writer saw as the newest: when someone published in between, nothing is published. */
  after: z.number({ error: "De huidige versie ontbreekt. Ververs de pagina." }).int().min(0),
});
export type PublishTermsRequest = z.input<typeof PublishTermsSchema>;

export const TermsVersionSchema = z.object({
  version: z.number().int(),
  body: z.string(),
  publishedAt: z.number(),
  /** Who published it; null for the first version made when the organization was set up. */
  publishedBy: z.string().nullable(),
  accepted: z.number().int(),
});
export type TermsVersion = z.infer<typeof TermsVersionSchema>;

export const TermsVersionsResponseSchema = z.object({
  /** Newest first; the first is the current version. */
  versions: z.array(TermsVersionSchema),
  /** Active accounts of the organization: "accepted by 3 of 12". */
  activeAccounts: z.number().int(),
});
export type TermsVersionsResponse = z.infer<typeof TermsVersionsResponseSchema>;

export const PublishTermsResponseSchema = z.object({ version: z.number().int() });
export type PublishTermsResponse = z.infer<typeof PublishTermsResponseSchema>;
