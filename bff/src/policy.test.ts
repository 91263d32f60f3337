// The shared policy rules (the SPA shows them live, the BFF enforces them) for each preset.
import { generateHOTP } from "@oslojs/otp";
import {
  checkPassword,
  codeGuessChance,
  describeTotpWindow,
  lockoutAfter,
  PRESETS,
  passwordAcceptable,
  totpCodesAcceptedAtOnce,
  weakerThanRecommended,
} from "@portaal/shared/policy";
import { describe, expect, it } from "vitest";
import { commonPasswords } from "./auth/breached";
import { matchTotp } from "./auth/totp";

const failed = (preset: keyof typeof PRESETS, password: string, email = "petra@example.com") =>
  checkPassword(PRESETS[preset], password, email, commonPasswords())
    .filter((c) => !c.ok)
    .map((c) => c.rule);

describe("password rules", () => {
  it("zorg: 8+ with upper, lower, digit and special", () => {
    expect(failed("zorg", "Kort1!")).toEqual(["minLength"]);
    expect(failed("zorg", "alleenkleineletters")).toEqual(["upper", "digit", "special"]);
    expect(failed("zorg", "Zeilboot-42")).toEqual([]);
  });

  it("ggz: 12+ with one of ! % & @ # $ ^ * ? _ ~", () => {
    expect(failed("ggz", "Zeilboot-42")).toEqual(["minLength", "special"]);
    expect(failed("ggz", "zeilboot op het meer!")).toEqual([]);
  });

  it("aanbevolen: 12+ and nothing else, up to 128", () => {
    expect(failed("aanbevolen", "zeilbootmeer")).toEqual([]);
    expect(failed("aanbevolen", "x".repeat(129))).toContain("maxLength");
  });

  it("always refuses common and breached passwords and the e-mail's name", () => {
    expect(failed("aanbevolen", "Welkom123456")).toContain("notCommon");
    expect(failed("aanbevolen", "password1234")).toContain("notCommon");
    expect(failed("aanbevolen", "petra-zeilt-graag", "petra@example.com")).toContain("notEmailName");
    expect(passwordAcceptable(PRESETS.aanbevolen, "een rustige zondag", "petra@example.com")).toBe(true);
  });
});

describe("weaker than recommended", () => {
  it("names what each preset gives up", () => {
    expect(weakerThanRecommended(PRESETS.aanbevolen)).toEqual([]);
    expect(weakerThanRecommended(PRESETS.zorg)).toEqual(["password", "totpPastSteps", "ipThrottling", "closeAtEndOfCare"]);
    expect(weakerThanRecommended(PRESETS.ggz)).toEqual(["secondFactor", "ipThrottling"]);
  });
});

// --- Lockout and the authenticator window as what they are (issue 12, points 1 and 2) ---

describe("lockout", () => {
  it("zorg and ggz block after the fifth wrong password; aanbevolen pauses 1, 5, 15 minutes first", () => {
    const steps = (preset: keyof typeof PRESETS) =>
      Array.from({ length: 20 }, (_, i) => lockoutAfter(PRESETS[preset], i + 1, PRESETS[preset].maxFailedPasswords))
        .map((s, i) => (s.kind === "none" ? null : `${i + 1}:${s.kind === "pause" ? s.minutes : "block"}`))
        .filter(Boolean);
    expect(steps("zorg")).toEqual(["5:block", "10:block", "15:block", "20:block"]);
    expect(steps("ggz")).toEqual(["5:block", "10:block", "15:block", "20:block"]);
    expect(steps("aanbevolen")).toEqual(["5:1", "10:5", "15:15", "20:block"]);
    expect(lockoutAfter(PRESETS.zorg, 10, PRESETS.zorg.maxFailedCodes)).toEqual({ kind: "block" });
  });
});

describe("the authenticator window counts as what it is", () => {
  it("zorg's five minutes accept 12 codes at once, as the TOTP check really does", () => {
    const key = new Uint8Array(20).fill(7);
    const now = 1_764_000_000_000;
    const current = Math.floor(now / 30_000);
    const accepted = (preset: keyof typeof PRESETS) => {
      const p = PRESETS[preset];
      let n = 0;
      for (let step = current - 30; step <= current + 30; step++) {
        const code = generateHOTP(key, BigInt(step), 6);
        if (matchTotp(key, code, { pastSteps: p.totpPastSteps, futureSteps: p.totpFutureSteps }, null, now) === step) n++;
      }
      return n;
    };
    expect(accepted("zorg")).toBe(12);
    expect(totpCodesAcceptedAtOnce(PRESETS.zorg)).toBe(12);
    expect(accepted("aanbevolen")).toBe(3);
    expect(totpCodesAcceptedAtOnce(PRESETS.aanbevolen)).toBe(3);
  });

  it("says what a guess is worth before the second factor blocks", () => {
    // zorg: 10 guesses, each covering 12 of a million codes; aanbevolen: 4 runs of 10, each covering 3.
    expect(codeGuessChance(PRESETS.zorg)).toBeCloseTo(1.2e-4, 6);
    expect(codeGuessChance(PRESETS.ggz)).toBeCloseTo(3e-5, 7);
    expect(codeGuessChance(PRESETS.aanbevolen)).toBeCloseTo(1.2e-4, 6);
    expect(describeTotpWindow(PRESETS.zorg)).toMatch(/5 minuten.*12 codes tegelijk.*10 onjuiste codes.*1 op 8\.3\d\d/);
  });
});
