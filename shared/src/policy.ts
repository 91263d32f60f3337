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

export type PolicyKey = keyof Omit<Policy, "password"> | "password";

/** Settings where this policy is weaker than the recommended preset, so Beheer can say so. */
export function weakerThanRecommended(policy: Policy): PolicyKey[] {
  const r = PRESETS.aanbevolen;
  const weaker: PolicyKey[] = [];
  if (policy.password.minLength < r.password.minLength) weaker.push("password");
  if (policy.secondFactor !== "required") weaker.push("secondFactor");
  if (policy.totpPastSteps > r.totpPastSteps) weaker.push("totpPastSteps");
  if (policy.totpFutureSteps > r.totpFutureSteps) weaker.push("totpFutureSteps");
  if (policy.maxFailedPasswords > r.maxFailedPasswords) weaker.push("maxFailedPasswords");
  if (!policy.ipThrottling) weaker.push("ipThrottling");
  if (policy.trustDeviceDays > r.trustDeviceDays) weaker.push("trustDeviceDays");
  if (policy.idleTimeoutMinutes > r.idleTimeoutMinutes) weaker.push("idleTimeoutMinutes");
  if (policy.absoluteTimeoutHours > r.absoluteTimeoutHours) weaker.push("absoluteTimeoutHours");
  if (policy.activationLinkDays > r.activationLinkDays) weaker.push("activationLinkDays");
  if (!policy.closeAtEndOfCare) weaker.push("closeAtEndOfCare");
  return weaker;
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
