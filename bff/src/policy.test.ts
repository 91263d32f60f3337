// The shared policy rules (the SPA shows them live, the BFF enforces them) for each preset.
import { checkPassword, PRESETS, passwordAcceptable, weakerThanRecommended } from "@portaal/shared/policy";
import { describe, expect, it } from "vitest";
import { commonPasswords } from "./auth/breached";

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
