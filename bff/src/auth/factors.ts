// Second factors of an account: which ones it has, checking a TOTP code, trusted devices.
import type { SecondFactorKind } from "@portaal/shared/auth";
import type { Policy } from "@portaal/shared/policy";
import { and, eq, gt } from "drizzle-orm";
import type { Db } from "../db/client";
import { totpCredentials, trustedDevices, webauthnCredentials } from "../db/schema";
import { hashToken, newId, randomToken } from "../lib/ids";
import type { SecretBox } from "./secret-box";
import { matchTotp } from "./totp";

// `_policy` is unused since issue 13: without an own factor e-mailed codes are offered under every policy
// (under "required" the account must then set one up first, middleware/session requireUser).
export function listFactorKinds(db: Db, accountId: string, _policy: Policy): SecondFactorKind[] {
  const kinds: SecondFactorKind[] = [];
  const totp = db
    .select({ id: totpCredentials.id })
    .from(totpCredentials)
    .where(and(eq(totpCredentials.accountId, accountId), eq(totpCredentials.confirmed, true)))
    .get();
  if (totp) kinds.push("totp");
  const key = db.select({ id: webauthnCredentials.id }).from(webauthnCredentials).where(eq(webauthnCredentials.accountId, accountId)).get();
  if (key) kinds.push("webauthn");
  // No own factor: e-mailed codes. Under email-until-set that is the rule; under required it is the one way
  // in for an account activated under a laxer policy, which then must set up a factor first (requireUser).
  if (kinds.length === 0) kinds.push("email");
  return kinds;
}

/** Checks a code against the account's authenticators; on a match, records the step so it cannot be replayed. */
export function verifyAccountTotp(db: Db, box: SecretBox, accountId: string, code: string, policy: Policy, now = Date.now()): boolean {
  const creds = db
    .select()
    .from(totpCredentials)
    .where(and(eq(totpCredentials.accountId, accountId), eq(totpCredentials.confirmed, true)))
    .all();
  for (const cred of creds) {
    const step = matchTotp(
      box.open(cred.keyEncrypted),
      code,
      { pastSteps: policy.totpPastSteps, futureSteps: policy.totpFutureSteps },
      cred.lastUsedStep,
      now,
    );
    if (step !== null) {
      db.update(totpCredentials).set({ lastUsedStep: step }).where(eq(totpCredentials.id, cred.id)).run();
      return true;
    }
  }
  return false;
}

export function addTotpCredential(
  db: Db,
  box: SecretBox,
  input: { orgId: string; accountId: string; key: Uint8Array; label: string; confirmed: boolean },
): string {
  const id = newId();
  db.insert(totpCredentials)
    .values({
      id,
      orgId: input.orgId,
      accountId: input.accountId,
      keyEncrypted: box.seal(input.key),
      label: input.label,
      confirmed: input.confirmed,
    })
    .run();
  return id;
}

export function createTrustedDevice(
  db: Db,
  input: { orgId: string; accountId: string; userAgent: string | null; days: number },
  now = Date.now(),
) {
  const token = randomToken(20);
  const expiresAt = now + input.days * 24 * 3_600_000;
  db.insert(trustedDevices)
    .values({
      id: hashToken(token),
      orgId: input.orgId,
      accountId: input.accountId,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      createdAt: now,
      expiresAt,
    })
    .run();
  return { token, expiresAt };
}

export function isTrustedDevice(db: Db, accountId: string, token: string | undefined, now = Date.now()): boolean {
  if (!token || !/^[a-z2-7]{32}$/.test(token)) return false;
  const row = db
    .select({ id: trustedDevices.id })
    .from(trustedDevices)
    .where(and(eq(trustedDevices.id, hashToken(token)), eq(trustedDevices.accountId, accountId), gt(trustedDevices.expiresAt, now)))
    .get();
  return row !== undefined;
}

/** The step a code was accepted at, so the same code cannot log in right after it set the factor up. */
export function recordTotpStep(db: Db, credentialId: string, step: number): void {
  db.update(totpCredentials).set({ lastUsedStep: step }).where(eq(totpCredentials.id, credentialId)).run();
}

/** A new password ends every "trust this computer": the second factor is asked again everywhere. */
export function revokeTrustedDevices(db: Db, accountId: string): void {
  db.delete(trustedDevices).where(eq(trustedDevices.accountId, accountId)).run();
}
