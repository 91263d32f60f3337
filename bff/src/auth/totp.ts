// TOTP (RFC 6238) with the policy's window and no replay: a step is accepted only after the last one used.
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, verifyHOTP } from "@oslojs/otp";
import type { TotpSetupResponse } from "@portaal/shared/activation";
import QRCode from "qrcode";

export const TOTP_PERIOD_SECONDS = 30;

export interface TotpWindow {
  pastSteps: number;
  futureSteps: number;
}

/**
 * Returns the matched time step, or null. `lastUsedStep` blocks replays of that step and any
 * earlier one, so an intercepted code is worthless once the user has logged in with it or a later one.
 */
export function matchTotp(
  key: Uint8Array,
  code: string,
  window: TotpWindow,
  lastUsedStep: number | null,
  nowMs: number = Date.now(),
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const current = Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
  // Newest first, so the step recorded is the latest one the code matches.
  for (let step = current + window.futureSteps; step >= current - window.pastSteps; step--) {
    if (lastUsedStep !== null && step <= lastUsedStep) break;
    if (verifyHOTP(key, BigInt(step), 6, code)) return step;
  }
  return null;
}

/** What the SPA shows to set up an authenticator app: the QR code and the key as text. */
export async function totpSetupPayload(issuer: string, accountName: string, key: Uint8Array): Promise<TotpSetupResponse> {
  const uri = createTOTPKeyURI(issuer, accountName, key, TOTP_PERIOD_SECONDS, 6);
  return {
    secret: encodeBase32UpperCaseNoPadding(key),
    uri,
    qrSvg: await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 }),
  };
}
