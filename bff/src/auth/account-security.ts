// Reads and changes of one account's own security settings (Mijn account).
import type { AccountOverview } from "@portaal/shared/account";
import { and, count, eq, gt, ne, sql } from "drizzle-orm";
import { changes, type Db, first, preparedQuery } from "../db/client";
import { accounts, sessions, totpCredentials, trustedDevices, webauthnCredentials } from "../db/tables";
import { newId } from "../lib/ids";
import type { SecretBox } from "./secret-box";

/** Sessions and devices are keyed by a hash; users see only its first 16 characters. */
export function handleOf(id: string): string {
  return id.slice(0, 16);
}

export async function accountOverview(
  db: Db,
  account: typeof accounts.$inferSelect,
  currentSessionId: string,
  currentDeviceId: string | null,
  secondFactorRequired: boolean,
  now = Date.now(),
): Promise<AccountOverview> {
  return {
    email: account.email,
    displayName: account.displayName,
    secondFactorRequired,
    totp: await db
      .select({ id: totpCredentials.id, label: totpCredentials.label, createdAt: totpCredentials.createdAt })
      .from(totpCredentials)
      .where(and(eq(totpCredentials.accountId, account.id), eq(totpCredentials.confirmed, true))),
    securityKeys: await db
      .select({
        id: webauthnCredentials.id,
        name: webauthnCredentials.name,
        createdAt: webauthnCredentials.createdAt,
        lastUsedAt: webauthnCredentials.lastUsedAt,
      })
      .from(webauthnCredentials)
      .where(eq(webauthnCredentials.accountId, account.id)),
    trustedDevices: (
      await db
        .select()
        .from(trustedDevices)
        .where(and(eq(trustedDevices.accountId, account.id), gt(trustedDevices.expiresAt, now)))
    ).map((d) => ({
      id: handleOf(d.id),
      userAgent: d.userAgent,
      createdAt: d.createdAt,
      expiresAt: d.expiresAt,
      current: d.id === currentDeviceId,
    })),
    sessions: (
      await db
        .select()
        .from(sessions)
        .where(and(eq(sessions.accountId, account.id), eq(sessions.secondFactorVerified, true), gt(sessions.idleExpiresAt, now)))
    ).map((s) => ({
      id: handleOf(s.id),
      userAgent: s.userAgent,
      createdAt: s.createdAt,
      lastActivityAt: s.lastActivityAt,
      current: s.id === currentSessionId,
    })),
    secretQuestion: account.secretQuestion,
    closeRequestedAt: account.closeRequestedAt,
  };
}

export async function revokeSessionByHandle(db: Db, accountId: string, handle: string): Promise<boolean> {
  const match = (await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.accountId, accountId))).find(
    (s) => handleOf(s.id) === handle,
  );
  if (!match) return false;
  await db.delete(sessions).where(eq(sessions.id, match.id));
  return true;
}

export async function revokeDeviceByHandle(db: Db, accountId: string, handle: string): Promise<boolean> {
  const match = (await db.select({ id: trustedDevices.id }).from(trustedDevices).where(eq(trustedDevices.accountId, accountId))).find(
    (d) => handleOf(d.id) === handle,
  );
  if (!match) return false;
  await db.delete(trustedDevices).where(eq(trustedDevices.id, match.id));
  return true;
}

export async function revokeOtherSessions(db: Db, accountId: string, keepSessionId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.accountId, accountId), ne(sessions.id, keepSessionId)));
}

const confirmedTotp = preparedQuery("confirmedTotpCount", (db) =>
  db
    .select({ n: count() })
    .from(totpCredentials)
    .where(and(eq(totpCredentials.accountId, sql.placeholder("accountId")), eq(totpCredentials.confirmed, true))),
);
const securityKeys = preparedQuery("securityKeyCount", (db) =>
  db
    .select({ n: count() })
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.accountId, sql.placeholder("accountId"))),
);

/** Confirmed authenticator apps plus security keys; Home asks on every visit. */
export async function countOwnFactors(db: Db, accountId: string): Promise<number> {
  return ((await confirmedTotp(db).get({ accountId }))?.n ?? 0) + ((await securityKeys(db).get({ accountId }))?.n ?? 0);
}

export async function removeTotp(db: Db, accountId: string, id: string): Promise<boolean> {
  return changes(await db.delete(totpCredentials).where(and(eq(totpCredentials.accountId, accountId), eq(totpCredentials.id, id)))) > 0;
}

export async function removeSecurityKey(db: Db, accountId: string, id: string): Promise<boolean> {
  return (
    changes(await db.delete(webauthnCredentials).where(and(eq(webauthnCredentials.accountId, accountId), eq(webauthnCredentials.id, id)))) >
    0
  );
}

/** An unconfirmed authenticator: replaced by the next setup, kept once a code confirms it. */
export async function startTotpEnrollment(db: Db, box: SecretBox, orgId: string, accountId: string): Promise<Uint8Array> {
  await db.delete(totpCredentials).where(and(eq(totpCredentials.accountId, accountId), eq(totpCredentials.confirmed, false)));
  const key = crypto.getRandomValues(new Uint8Array(20));
  await db
    .insert(totpCredentials)
    .values({ id: newId(), orgId, accountId, keyEncrypted: box.seal(key), label: "Authenticator-app", confirmed: false });
  return key;
}

export async function pendingTotpEnrollment(db: Db, accountId: string) {
  return first(
    await db
      .select()
      .from(totpCredentials)
      .where(and(eq(totpCredentials.accountId, accountId), eq(totpCredentials.confirmed, false)))
      .limit(1),
  );
}

export async function confirmTotpEnrollment(db: Db, id: string, step: number): Promise<void> {
  await db.update(totpCredentials).set({ confirmed: true, lastUsedStep: step }).where(eq(totpCredentials.id, id));
}

export async function setSecretQuestion(db: Db, accountId: string, question: string, answerHash: string, now = Date.now()): Promise<void> {
  await db
    .update(accounts)
    .set({ secretQuestion: question, secretAnswerHash: answerHash, updatedAt: now })
    .where(eq(accounts.id, accountId));
}

export async function requestClose(db: Db, accountId: string, now = Date.now()): Promise<void> {
  await db.update(accounts).set({ closeRequestedAt: now, updatedAt: now }).where(eq(accounts.id, accountId));
}
