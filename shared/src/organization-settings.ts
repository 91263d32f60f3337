// Organisatie → Instellingen and Beveiligingsbeleid: what the beheerder edits, with the colour-contrast
// rule the form shows live and the BFF enforces.
import { z } from "zod";
import { DateSchema, HIDDEN_CHARACTERS, visibleText } from "./common";
import { FileFieldSchema } from "./dossier";
import { type Policy, PolicySchema, policyLabel } from "./policy";

// --- Colour contrast (WCAG 2.1, 1.4.3) ---

/** White text on the primary colour (buttons, the logo mark) must reach this ratio: WCAG AA for normal text. */
export const MIN_CONTRAST = 4.5;

const HEX = /^#[0-9a-fA-F]{6}$/;

function channel(v: number): number {
  const s = v / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a #rrggbb colour (WCAG definition). */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** The contrast ratio between two #rrggbb colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The ratio rounded down to two decimals, so 4.499 never shows as "4,50" and passes. */
export function formatRatio(ratio: number): string {
  return (Math.floor(ratio * 100) / 100).toLocaleString("nl-NL", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export const PrimaryColorSchema = z
  .string({ error: "Kies een hoofdkleur." })
  .trim()
  .regex(HEX, { error: "Vul de hoofdkleur in als hexadecimale code, zoals #0b5f73." })
  .transform((s) => s.toLowerCase())
  .refine((hex) => contrastRatio(hex, "#ffffff") >= MIN_CONTRAST, {
    error: (issue) =>
      `Witte tekst op deze kleur is slecht leesbaar: het contrast is ${formatRatio(contrastRatio(String(issue.input), "#ffffff"))} : 1 en moet minstens 4,5 : 1 zijn. Kies een donkerdere kleur.`,
  });

// --- Instellingen ---

const line = (what: string, max: number) =>
  z
    .string({ error: `Vul ${what} in.` })
    .trim()
    .min(1, { error: `Vul ${what} in.` })
    .max(max, { error: `${what[0]?.toUpperCase()}${what.slice(1)} is te lang: hoogstens ${max} tekens.` })
    .refine(...visibleText(what));

/** Plain text of several paragraphs: line breaks allowed, other control characters not. */
const plainText = (what: string, max: number) => {
  const What = `${what[0]?.toUpperCase()}${what.slice(1)}`;
  return z
    .string({ error: `Vul ${what} in.` })
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .max(max, { error: `${What} is te lang: hoogstens ${max} tekens.` })
        .refine((s) => !HIDDEN_CHARACTERS.test(s.replace(/\n/g, "")), {
          error: `${What} bevat een onzichtbaar teken (zoals een teken dat de leesrichting omdraait). Typ de tekst opnieuw.`,
        }),
    );
};

export const AnnouncementInputSchema = z
  .object({
    title: line("de titel van de aankondiging", 120),
    body: plainText("de tekst van de aankondiging", 2000).pipe(z.string().min(1, { error: "Vul de tekst van de aankondiging in." })),
    startsOn: DateSchema.nullable().default(null),
    endsOn: DateSchema.nullable().default(null),
  })
  .refine((a) => !a.startsOn || !a.endsOn || a.endsOn >= a.startsOn, {
    error: "De einddatum van de aankondiging ligt vóór de begindatum. Kies een einddatum op of na de begindatum.",
    path: ["endsOn"],
  });
export type AnnouncementInput = z.infer<typeof AnnouncementInputSchema>;

export const OrganizationSettingsSchema = z.object({
  name: line("de naam van de organisatie", 100),
  logoText: line("de logotekst", 40),
  primaryColor: PrimaryColorSchema,
  phone: z
    .string({ error: "Vul het telefoonnummer in." })
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{5,18}[0-9]$/, { error: "Vul een geldig telefoonnummer in, zoals 030 123 45 67 of +31 30 123 45 67." }),
  supportText: plainText("de tekst voor Support", 5000),
  aboutText: plainText("de tekst voor Over ons", 5000),
  /** The announcement on Home; null: none. */
  announcement: AnnouncementInputSchema.nullable(),
});
export type OrganizationSettings = z.infer<typeof OrganizationSettingsSchema>;

const VersionSchema = z
  .number({ error: "De versie van het formulier ontbreekt. Ververs de pagina." })
  .int({ error: "De versie van het formulier is ongeldig. Ververs de pagina." })
  .min(1, { error: "De versie van het formulier is ongeldig. Ververs de pagina." });

export const UpdateOrganizationSettingsSchema = OrganizationSettingsSchema.extend({ version: VersionSchema });
export type UpdateOrganizationSettings = z.infer<typeof UpdateOrganizationSettingsSchema>;

export const LOGO_TYPES = { "image/png": "PNG", "image/webp": "WebP" } as const;
export const MAX_LOGO_BYTES = 512 * 1024;

export const OrganizationSettingsResponseSchema = z.object({
  settings: z.object({
    name: z.string(),
    logoText: z.string(),
    primaryColor: z.string(),
    phone: z.string(),
    supportText: z.string(),
    aboutText: z.string(),
    announcement: z
      .object({ title: z.string(), body: z.string(), startsOn: z.string().nullable(), endsOn: z.string().nullable() })
      .nullable(),
  }),
  logo: z.object({ url: z.string(), mime: z.string(), size: z.number().int() }).nullable(),
  version: z.number().int(),
});
export type OrganizationSettingsResponse = z.infer<typeof OrganizationSettingsResponseSchema>;

/** The form field of a logo upload and of its removal: the settings version it was made against. */
export const LogoVersionSchema = z.object({
  version: z.coerce
    .number({ error: "De versie van het formulier ontbreekt. Ververs de pagina." })
    .int({ error: "De versie van het formulier is ongeldig. Ververs de pagina." })
    .min(1, { error: "De versie van het formulier is ongeldig. Ververs de pagina." }),
});

export const LogoFormSchema = LogoVersionSchema.extend({ file: FileFieldSchema });

// --- Beveiligingsbeleid ---

/** A specific Dutch sentence for a policy value the schema refuses, named by the setting's label. */
function policyProblem(issue: z.core.$ZodIssue): string {
  const label = policyLabel(issue.path);
  if (issue.code === "too_small") {
    if (issue.origin === "array") return `${label}: hoogstens ${issue.minimum} waarden.`;
    return `${label} moet minstens ${issue.minimum} zijn.`;
  }
  if (issue.code === "too_big") {
    if (issue.origin === "array") return `${label}: hoogstens ${issue.maximum} waarden.`;
    if (issue.origin === "string") return `${label}: hoogstens ${issue.maximum} tekens.`;
    return `${label} mag hoogstens ${issue.maximum} zijn.`;
  }
  if (issue.code === "invalid_value") return `${label}: kies een van de mogelijkheden.`;
  if (issue.code === "invalid_type" && issue.expected === "int") return `${label} moet een geheel getal zijn.`;
  if (issue.code === "invalid_type" && issue.expected === "number") return `${label} moet een getal zijn.`;
  if (issue.code === "invalid_type" && issue.expected === "boolean") return `${label}: kies aan of uit.`;
  return `${label}: deze waarde is ongeldig.`;
}

export const UpdatePolicySchema = z
  .object({ version: VersionSchema, policy: z.unknown() })
  .transform((input, ctx): { version: number; policy: Policy } => {
    const parsed = PolicySchema.safeParse(input.policy);
    if (parsed.success) {
      const p = parsed.data;
      if (p.password.maxLength < p.password.minLength) {
        ctx.issues.push({
          code: "custom",
          input: p.password.maxLength,
          path: ["policy", "password", "maxLength"],
          message: "De maximale lengte van een wachtwoord is kleiner dan de minimale lengte.",
        });
        return z.NEVER;
      }
      return { version: input.version, policy: p };
    }
    for (const issue of parsed.error.issues) {
      ctx.issues.push({ code: "custom", input: input.policy, path: ["policy", ...issue.path], message: policyProblem(issue) });
    }
    return z.NEVER;
  });
export type UpdatePolicy = z.input<typeof UpdatePolicySchema>;

export const PolicyResponseSchema = z.object({ policy: PolicySchema, version: z.number().int() });
export type PolicyResponse = z.infer<typeof PolicyResponseSchema>;
