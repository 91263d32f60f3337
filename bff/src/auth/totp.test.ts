// TOTP per RFC 6238 with the policy's window and no replay.
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { describe, expect, it } from "vitest";
import { matchTotp } from "./totp";

const key = decodeBase32IgnorePadding("JBSWY3DPEHPK3PXP");
const now = Date.UTC(2026, 10, 24, 12, 0, 10);
const step = Math.floor(now / 30_000);
const code = (s: number) => generateHOTP(key, BigInt(s), 6);
const zorg = { pastSteps: 10, futureSteps: 1 };
const strict = { pastSteps: 1, futureSteps: 1 };

describe("matchTotp", () => {
  it("matches the RFC 6238 test vector", () => {
    const rfcKey = new TextEncoder().encode("12345678901234567890");
    expect(generateHOTP(rfcKey, BigInt(Math.floor(59 / 30)), 8)).toBe("94287082");
  });

  it("accepts the current step and one ahead, not two ahead", () => {
    expect(matchTotp(key, code(step), strict, null, now)).toBe(step);
    expect(matchTotp(key, code(step + 1), strict, null, now)).toBe(step + 1);
    expect(matchTotp(key, code(step + 2), strict, null, now)).toBeNull();
  });

  it("keeps a code valid for five minutes under zorg, one step under the others", () => {
    const fourAndAHalfMinutesOld = step - 9;
    expect(matchTotp(key, code(fourAndAHalfMinutesOld), zorg, null, now)).toBe(fourAndAHalfMinutesOld);
    expect(matchTotp(key, code(step - 11), zorg, null, now)).toBeNull();
    expect(matchTotp(key, code(fourAndAHalfMinutesOld), strict, null, now)).toBeNull();
    expect(matchTotp(key, code(step - 1), strict, null, now)).toBe(step - 1);
  });

  it("refuses a step at or before the last one used", () => {
    expect(matchTotp(key, code(step), zorg, step, now)).toBeNull();
    expect(matchTotp(key, code(step - 1), zorg, step, now)).toBeNull();
    expect(matchTotp(key, code(step + 1), zorg, step, now)).toBe(step + 1);
  });

  it("refuses anything that is not six digits", () => {
    expect(matchTotp(key, "12345", zorg, null, now)).toBeNull();
    expect(matchTotp(key, "abcdef", zorg, null, now)).toBeNull();
  });
});
