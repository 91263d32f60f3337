// Second factors of an account: which ones it has, checking a TOTP code, trusted devices.
import type { SecondFactorKind } from "@portaal/shared/auth";
import type { Policy } from "@portaal/shared/policy";
import { and, eq, gt, isNull, lt, or } from "drizzle-orm";
import { changes, type Db, first } from "../db/client";
import { totpCredentials, trustedDevices, webauthnCredentials } from "../db/tables";
import { hashToken, newId, randomToken } from "../lib/ids";
import type { SecretBox } from "./secret-box";
import { matchTotp } from "./totp";

// `_policy` is unused since issue 13: without an own factor e-mailed codes are offered under every policy
// (under "required" the account must then set one up first, middleware/session requireUser).
export async function listFactorKinds(db: Db, accountId: string, _policy: Policy): Promise<SecondFactorKind[]> {
  const kinds: SecondFactorKind[] = [];
  const totp = first(
    await db
      .select({ id: totpCredentials.id })
      .from(totpCredentials)
      .where(and(eq(totpCredentials.accountId, accountId), eq(totpCredentials.confirmed, true)))
      .limit(1),
  );
  if (totp) kinds.push("totp");
  const key = first(
    await db.select({ id: webauthnCredentials.id }).from(webauthnCredentials).where(eq(webauthnCredentials.accountId, accountId)).limit(1),
  );
  if (key) kinds.push("webauthn");
  // No own factor: e-mailed codes. Under email-until-set that is the rule; under required it is the one way
  // in for an account activated under a laxer policy, which then must set up a factor first (requireUser).
  if (kinds.length === 0) kinds.push("email");
  return kinds;
}

/**
 * Checks a code against the account's authenticators; on a match, records the step so it cannot be replayed.
 * The step is recorded only over an earlier one: of requests sending one code at once (to one process or
 * several) one is accepted.
 */
export async function verifyAccountTotp(
  db: Db,
  box: SecretBox,
  accountId: string,
  code: string,
  policy: Policy,
  now = Date.now(),
): Promise<boolean> {
  const creds = await db
    .select()
    .from(totpCredentials)
    .where(and(eq(totpCredentials.accountId, accountId), eq(totpCredentials.confirmed, true)));
  for (const cred of creds) {
    const step = matchTotp(
      box.open(cred.keyEncrypted),
      code,
      { pastSteps: policy.totpPastSteps, futureSteps: policy.totpFutureSteps },
      cred.lastUsedStep,
      now,
    );
    if (step === null) continue;
    const recorded = changes(
      await db
        .update(totpCredentials)
        .set({ lastUsedStep: step })
        .where(and(eq(totpCredentials.id, cred.id), or(isNull(totpCredentials.lastUsedStep), lt(totpCredentials.lastUsedStep, step)))),
    );
    if (recorded === 1) return true;
  }
  return false;
}

export async function addTotpCredential(
  db: Db,
  box: SecretBox,
  input: { orgId: string; accountId: string; key: Uint8Array; label: string; confirmed: boolean },
): Promise<string> {
  const id = newId();
  await db.insert(totpCredentials).values({
    id,
    orgId: input.orgId,
    accountId: input.accountId,
    keyEncrypted: box.seal(input.key),
    label: input.label,
    confirmed: input.confirmed,
  });
  return id;
}

export async function createTrustedDevice(
  db: Db,
  input: { orgId: string; accountId: string; userAgent: string | null; days: number },
  now = Date.now(),
): Promise<{ token: string; expiresAt: number }> {
  const token = randomToken(20);
  const expiresAt = now + input.days * 24 * 3_600_000;
  await db.insert(trustedDevices).values({
    id: hashToken(token),
    orgId: input.orgId,
    accountId: input.accountId,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt };
}

export async function isTrustedDevice(db: Db, accountId: string, token: string | undefined, now = Date.now()): Promise<boolean> {
  if (!token || !/^[a-z2-7]{32}$/.test(token)) return false;
  const row = first(
    await db
      .select({ id: trustedDevices.id })
      .from(trustedDevices)
      .where(and(eq(trustedDevices.id, hashToken(token)), eq(trustedDevices.accountId, accountId), gt(trustedDevices.expiresAt, now))),
  );
  return row !== undefined;
}

/** The step a code was accepted at, so the same code cannot log in right after it set the factor up. */
export async function recordTotpStep(db: Db, credentialId: string, step: number): Promise<void> {
  await db.update(totpCredentials).set({ lastUsedStep: step }).where(eq(totpCredentials.id, credentialId));
}

/** A new password ends every "trust this computer": the second factor is asked again everywhere. */
export async function revokeTrustedDevices(db: Db, accountId: string): Promise<void> {
  await db.delete(trustedDevices).where(eq(trustedDevices.accountId, accountId));
}
