// Organization security policy: one definition read by the BFF (enforcement) and the SPA (live feedback).
import { z } from "zod";

export const PresetSchema = z.enum(["zorg", "ggz", "aanbevolen"]);
export type Preset = z.infer<typeof PresetSchema>;

export const PolicySchema = z.object({
  password: z.object({
    minLength: z.number().int().min(8).max(64),
    maxLength: z.number().int().min(64).max(256),
    requireUpper: z.boolean(),
    requireLower: z.boolean(),
    requireDigit: z.boolean(),
    /** When set, at least one of these characters is required. */
    requiredSpecials: z.string().max(64).nullable(),
  }),
  /**
   * required: an authenticator or key is set up during activation.
   * email-until-set: optional at activation; every login needs an e-mailed code until one is set.
   */
  secondFactor: z.enum(["required", "email-until-set"]),
  /** Logins allowed without an own factor before the account blocks (email-until-set only). */
  loginsWithoutFactor: z.number().int().min(1).max(50),
  /** How many 30-second steps back a TOTP code stays valid (10 = five minutes). */
  totpPastSteps: z.number().int().min(1).max(20),
  /** How many steps ahead are accepted (clock drift). */
  totpFutureSteps: z.number().int().min(0).max(2),
  maxFailedPasswords: z.number().int().min(3).max(10),
  /**
   * Wrong second-factor codes (authenticator, e-mailed) in a row before the second factor locks the
   * same way as the password does (see lockoutPauseMinutes). Defaulted for policies stored before it.
   */
  maxFailedCodes: z.number().int().min(3).max(20).default(10),
  /**
   * What a run of wrong passwords (or codes) does: each full run pauses the next check for the next of
   * these minutes; after the last, the account is blocked until staff unblock it. Empty: blocked at once.
   */
  lockoutPauseMinutes: z.array(z.number().int().min(1).max(240)).max(5).default([]),
  ipThrottling: z.boolean(),
  trustDeviceDays: z.number().int().min(0).max(30),
  idleTimeoutMinutes: z.number().int().min(5).max(120),
  absoluteTimeoutHours: z.number().int().min(1).max(24),
  activationLinkDays: z.number().int().min(1).max(30),
  minimumClientAge: z.number().int().min(12).max(18),
  closeAtEndOfCare: z.boolean(),
});
export type Policy = z.infer<typeof PolicySchema>;

const common = {
  maxFailedPasswords: 5,
  trustDeviceDays: 7,
  idleTimeoutMinutes: 30,
  absoluteTimeoutHours: 12,
  activationLinkDays: 7,
  minimumClientAge: 16,
  loginsWithoutFactor: 5,
  totpFutureSteps: 1,
  maxFailedCodes: 10,
} as const;

export const PRESETS: Record<Preset, Policy> = {
  zorg: {
    ...common,
    password: {
      minLength: 8,
      maxLength: 128,
      requireUpper: true,
      requireLower: true,
      requireDigit: true,
      requiredSpecials: "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
    },
    secondFactor: "required",
    totpPastSteps: 10,
    lockoutPauseMinutes: [],
    ipThrottling: false,
    closeAtEndOfCare: false,
  },
  ggz: {
    ...common,
    password: {
      minLength: 12,
      maxLength: 128,
      requireUpper: false,
      requireLower: false,
      requireDigit: false,
      requiredSpecials: "!%&@#$^*?_~",
    },
    secondFactor: "email-until-set",
    totpPastSteps: 1,
    lockoutPauseMinutes: [],
    ipThrottling: false,
    closeAtEndOfCare: true,
  },
  aanbevolen: {
    ...common,
    password: {
      minLength: 12,
      maxLength: 128,
      requireUpper: false,
      requireLower: false,
      requireDigit: false,
      requiredSpecials: null,
    },
    secondFactor: "required",
    totpPastSteps: 1,
    // A temporary block that grows, so nobody can shut a user out for good with a few guesses.
    lockoutPauseMinutes: [1, 5, 15],
    ipThrottling: true,
    closeAtEndOfCare: true,
  },
};

export function notificationSubject(organizationName: string): string {
  return `Bericht van het ${organizationName} cliëntenportaal`;
}

export type PasswordRule = "minLength" | "maxLength" | "upper" | "lower" | "digit" | "special" | "notCommon" | "notEmailName";

export interface PasswordCheck {
  rule: PasswordRule;
  ok: boolean;
  message: string;
}

/** A small offline list of the most used and breached passwords; the BFF adds a larger one. */
const COMMON = new Set([
  "password",
  "wachtwoord",
  "welkom",
  "welkom01",
  "welkom123",
  "qwerty",
  "123456",
  "12345678",
  "123456789",
  "1234567890",
  "abc123",
  "iloveyou",
  "admin",
  "letmein",
  "monkey",
  "dragon",
  "football",
  "voetbal",
  "sunshine",
  "princess",
  "zomer2026",
  "winter2026",
  "lente2026",
  "password1",
  "password123",
  "wachtwoord1",
  "wachtwoord123",
  "qwerty123",
  "geheim",
  "geheim123",
]);

function normalise(pw: string): string {
  return pw.toLowerCase().replace(/[^a-z0-9]/g, "");
}

export function isCommonPassword(password: string, extra?: ReadonlySet<string>): boolean {
  const n = normalise(password);
  const stripped = n.replace(/\d+$/, "");
  return COMMON.has(n) || COMMON.has(stripped) || (extra?.has(n) ?? false) || (extra?.has(stripped) ?? false);
}

/** Every rule of the policy with whether the password meets it, in the order the SPA shows them. */
export function checkPassword(policy: Policy, password: string, email: string, extraCommon?: ReadonlySet<string>): PasswordCheck[] {
  const p = policy.password;
  const checks: PasswordCheck[] = [
    { rule: "minLength", ok: [...password].length >= p.minLength, message: `Minstens ${p.minLength} tekens` },
  ];
  if ([...password].length > p.maxLength) checks.push({ rule: "maxLength", ok: false, message: `Hoogstens ${p.maxLength} tekens` });
  if (p.requireUpper) checks.push({ rule: "upper", ok: /\p{Lu}/u.test(password), message: "Een hoofdletter" });
  if (p.requireLower) checks.push({ rule: "lower", ok: /\p{Ll}/u.test(password), message: "Een kleine letter" });
  if (p.requireDigit) checks.push({ rule: "digit", ok: /\d/.test(password), message: "Een cijfer" });
  if (p.requiredSpecials) {
    const specials = p.requiredSpecials;
    checks.push({
      rule: "special",
      ok: [...password].some((ch) => specials.includes(ch)),
      message: specials.length > 15 ? "Een speciaal teken (zoals ! ? @ #)" : `Een van deze tekens: ${specials.split("").join(" ")}`,
    });
  }
  checks.push({
    rule: "notCommon",
    ok: password.length > 0 && !isCommonPassword(password, extraCommon),
    message: "Geen veelgebruikt of gelekt wachtwoord",
  });
  const name = normalise(email.split("@")[0] ?? "");
  const parts = (email.split("@")[0] ?? "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((s) => s.length >= 3);
  const lower = password.toLowerCase();
  checks.push({
    rule: "notEmailName",
    ok: password.length > 0 && !(name.length >= 3 && normalise(password).includes(name)) && !parts.some((s) => lower.includes(s)),
    message: "Bevat niet de naam uit uw e-mailadres",
  });
  return checks;
}

export function passwordAcceptable(policy: Policy, password: string, email: string, extra?: ReadonlySet<string>): boolean {
  return checkPassword(policy, password, email, extra).every((c) => c.ok);
}

export type PolicyKey = keyof Policy;

/**
 * One setting of the policy as Beheer shows it: its label, what it means, when it is weaker than the
 * recommended preset and, in one Dutch sentence, why that matters. Typed over every key of Policy, so a
 * new setting cannot be added without its sentence (and policy-settings.test.ts checks the sentences).
 */
export interface PolicySettingDef {
  label: string;
  help: string;
  /** Shown after a number: "minuten", "dagen". */
  unit?: string;
  /** Labels of an enum's options. */
  options?: Record<string, string>;
  /** Labels of an object's fields (the password rules). */
  fields?: Record<string, { label: string; help?: string }>;
  weaker: (policy: Policy, recommended: Policy) => boolean;
  whyWeaker: string;
}

/** Every setting of SPEC §3, in the order Beheer shows them. */
export const POLICY_SETTINGS: { [K in PolicyKey]: PolicySettingDef } = {
  password: {
    label: "Wachtwoord",
    help: "Veelgebruikte en gelekte wachtwoorden en wachtwoorden met de naam uit het e-mailadres worden altijd geweigerd.",
    fields: {
      minLength: { label: "Minimale lengte (tekens)" },
      maxLength: { label: "Maximale lengte (tekens)" },
      requireUpper: { label: "Hoofdletter verplicht" },
      requireLower: { label: "Kleine letter verplicht" },
      requireDigit: { label: "Cijfer verplicht" },
      requiredSpecials: { label: "Verplicht een van deze tekens", help: "Leeg laten: geen speciaal teken verplicht." },
    },
    weaker: (p, r) => p.password.minLength < r.password.minLength || p.password.maxLength < r.password.maxLength,
    whyWeaker:
      "Een korter wachtwoord is veel sneller te raden dan een lang; verplichte tekens maken dat niet goed, ze leiden vooral tot voorspelbare wachtwoorden als Welkom01!.",
  },
  secondFactor: {
    label: "Tweede factor",
    help: "Verplicht: bij het activeren stelt iedereen een authenticator-app of beveiligingssleutel in. Optioneel: wie dat niet doet, krijgt bij elke login een code per e-mail. Verplicht maken geldt vanaf de volgende keer inloggen.",
    options: {
      required: "Verplicht: app of beveiligingssleutel",
      "email-until-set": "Optioneel: tot dan een code per e-mail",
    },
    weaker: (p, r) => p.secondFactor !== r.secondFactor,
    whyWeaker:
      "Een code per e-mail beschermt minder dan een app of sleutel: wie het e-mailadres overneemt, heeft met het wachtwoord ook toegang tot het dossier.",
  },
  loginsWithoutFactor: {
    label: "Aantal keer inloggen zonder eigen tweede factor",
    help: "Alleen bij een optionele tweede factor: daarna wordt het account geblokkeerd.",
    weaker: (p, r) => p.secondFactor === "email-until-set" && p.loginsWithoutFactor > r.loginsWithoutFactor,
    whyWeaker: "Hoe vaker iemand zonder app of sleutel mag inloggen, hoe langer het account alleen met e-mailcodes beschermd is.",
  },
  totpPastSteps: {
    label: "Geldigheid van een code uit de app (stappen van 30 seconden terug)",
    help: "1 stap is 30 seconden; 10 stappen is vijf minuten.",
    weaker: (p, r) => p.totpPastSteps > r.totpPastSteps,
    whyWeaker:
      "Hoe langer een code geldig blijft, hoe meer codes tegelijk werken: iemand die het wachtwoord kent, raadt dan makkelijker een geldige code.",
  },
  totpFutureSteps: {
    label: "Codes uit de toekomst toestaan (stappen van 30 seconden)",
    help: "Voor telefoons waarvan de klok iets voorloopt.",
    weaker: (p, r) => p.totpFutureSteps > r.totpFutureSteps,
    whyWeaker: "Elke extra stap laat nog een code tegelijk toe, wat het raden van een code makkelijker maakt.",
  },
  maxFailedPasswords: {
    label: "Onjuiste wachtwoorden op rij voor een blokkade",
    help: "Daarna volgt een pauze of blokkade, zie hieronder.",
    weaker: (p, r) => p.maxFailedPasswords > r.maxFailedPasswords,
    whyWeaker: "Meer pogingen voor een blokkade geeft iemand die wachtwoorden probeert meer kansen om het juiste te raden.",
  },
  maxFailedCodes: {
    label: "Onjuiste codes op rij voor een blokkade",
    help: "Geldt voor codes uit de app en codes per e-mail.",
    weaker: (p, r) => p.maxFailedCodes > r.maxFailedCodes,
    whyWeaker: "Meer pogingen voor een blokkade vergroot de kans dat iemand met het wachtwoord een geldige code raadt.",
  },
  lockoutPauseMinutes: {
    label: "Pauzes na een reeks onjuiste pogingen (minuten)",
    help: "Bijvoorbeeld 1, 5, 15: na elke reeks een langere pauze, daarna een blokkade tot een medewerker die opheft. Leeg: meteen geblokkeerd.",
    unit: "minuten",
    weaker: (p, r) => p.lockoutPauseMinutes.length > r.lockoutPauseMinutes.length,
    whyWeaker: "Elke extra pauze geeft nog een reeks pogingen voordat het account echt geblokkeerd wordt.",
  },
  ipThrottling: {
    label: "Inlogpogingen per IP-adres beperken",
    help: "Remt iemand die vanaf één adres veel accounts probeert.",
    weaker: (p, r) => r.ipThrottling && !p.ipThrottling,
    whyWeaker:
      "Zonder beperking per IP-adres kan iemand vanaf één computer veel accounts tegelijk proberen, elk net onder de grens van een blokkade.",
  },
  trustDeviceDays: {
    label: "Vertrouw deze computer (dagen)",
    help: "Zo lang slaat een vertrouwde computer de tweede factor over. 0: uit.",
    unit: "dagen",
    weaker: (p, r) => p.trustDeviceDays > r.trustDeviceDays,
    whyWeaker: "Zo lang volstaat op die computer alleen het wachtwoord; een gedeelde of gestolen computer blijft langer een risico.",
  },
  idleTimeoutMinutes: {
    label: "Sessie eindigt na zoveel minuten zonder activiteit",
    help: "Een kortere tijd geldt meteen, ook voor wie nu is ingelogd.",
    unit: "minuten",
    weaker: (p, r) => p.idleTimeoutMinutes > r.idleTimeoutMinutes,
    whyWeaker: "Een portaal dat langer open blijft staan, kan op een onbeheerde computer door een ander worden gelezen.",
  },
  absoluteTimeoutHours: {
    label: "Sessie eindigt altijd na (uren)",
    help: "Ook als er steeds activiteit is. Een kortere tijd geldt meteen.",
    unit: "uren",
    weaker: (p, r) => p.absoluteTimeoutHours > r.absoluteTimeoutHours,
    whyWeaker: "Een gestolen sessie blijft langer bruikbaar naarmate een sessie langer mag duren.",
  },
  activationLinkDays: {
    label: "Activatielink geldig (dagen)",
    help: "Een nieuwe link verloopt na zoveel dagen.",
    unit: "dagen",
    weaker: (p, r) => p.activationLinkDays > r.activationLinkDays,
    whyWeaker: "Een link die langer geldig is, kan langer misbruikt worden door wie de e-mail in handen krijgt.",
  },
  minimumClientAge: {
    label: "Minimumleeftijd voor een eigen account van de cliënt",
    help: "Jongere cliënten krijgen geen eigen account.",
    unit: "jaar",
    weaker: (p, r) => p.minimumClientAge < r.minimumClientAge,
    whyWeaker:
      "Jongere cliënten met een eigen account lezen mee in een dossier waar ouders met gezag ook toegang toe hebben; ga na of dat past bij hun leeftijd en de WGBO.",
  },
  closeAtEndOfCare: {
    label: "Account sluiten als de zorg eindigt",
    help: "Toegang tot een portaal eindigt als geen plaatsing of product meer actief is; dossier en logboek blijven bewaard.",
    weaker: (p, r) => r.closeAtEndOfCare && !p.closeAtEndOfCare,
    whyWeaker: "Wie geen zorg meer krijgt, houdt anders toegang tot het dossier, ook als niemand dat meer nodig heeft.",
  },
};

/** Settings where this policy is weaker than the recommended preset, so Beheer can say so. */
export function weakerThanRecommended(policy: Policy): PolicyKey[] {
  const r = PRESETS.aanbevolen;
  return (Object.keys(POLICY_SETTINGS) as PolicyKey[]).filter((k) => POLICY_SETTINGS[k].weaker(policy, r));
}

/** The Dutch label of a setting (or of a password rule) for a path in the policy. */
export function policyLabel(path: readonly PropertyKey[]): string {
  const [top, sub] = path;
  const def = POLICY_SETTINGS[top as PolicyKey];
  if (!def) return "Deze instelling";
  if (sub !== undefined && typeof sub === "string" && def.fields?.[sub]) return `${def.label}: ${def.fields[sub].label.toLowerCase()}`;
  return def.label;
}

// --- Lockout after wrong passwords and second-factor codes (issue 12) ---

export type LockoutStep = { kind: "none" } | { kind: "pause"; minutes: number } | { kind: "block" };

/**
 * What the n-th wrong attempt in a row does, for passwords (limit maxFailedPasswords) and codes
 * (limit maxFailedCodes): each full run of `limit` pauses checking for the next of the policy's pauses;
 * the run after the last pause blocks until staff unblock. zorg/ggz have no pauses: the first run blocks.
 */
export function lockoutAfter(policy: Policy, wrongInARow: number, limit: number): LockoutStep {
  if (wrongInARow <= 0 || wrongInARow % limit !== 0) return { kind: "none" };
  const minutes = policy.lockoutPauseMinutes[wrongInARow / limit - 1];
  return minutes === undefined ? { kind: "block" } : { kind: "pause", minutes };
}

/** How many different codes an authenticator accepts at one moment: every step of the window counts. */
export function totpCodesAcceptedAtOnce(policy: Policy): number {
  return policy.totpPastSteps + 1 + policy.totpFutureSteps;
}

/**
 * The chance that someone who knows the password guesses a 6-digit authenticator code before the
 * second factor blocks for good: every wrong code the policy lets through (all runs of maxFailedCodes)
 * covers totpCodesAcceptedAtOnce codes out of a million.
 */
export function codeGuessChance(policy: Policy): number {
  const guesses = policy.maxFailedCodes * (policy.lockoutPauseMinutes.length + 1);
  return 1 - (1 - totpCodesAcceptedAtOnce(policy) / 1_000_000) ** guesses;
}

/** The authenticator window as Beheer should show it: what a code's validity really means. */
export function describeTotpWindow(policy: Policy): string {
  const seconds = policy.totpPastSteps * 30;
  const validity = seconds >= 120 ? `${seconds / 60} minuten` : `${seconds} seconden`;
  const chance = codeGuessChance(policy);
  return `Een code blijft nog ${validity} geldig nadat de app een nieuwe toont: ${totpCodesAcceptedAtOnce(policy)} codes tegelijk worden geaccepteerd. Na ${policy.maxFailedCodes} onjuiste codes op rij wordt de tweede factor geblokkeerd; de kans dat iemand met het wachtwoord een code raadt is daarmee 1 op ${Math.round(1 / chance).toLocaleString("nl-NL")}.`;
}
