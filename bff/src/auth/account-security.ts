// Reads and changes of one account's own security settings (Mijn account).
import type { AccountOverview } from "@portaal/shared/account";
import { and, count, eq, gt, sql } from "drizzle-orm";
import { type Db, preparedQuery } from "../db/client";
import { accounts, sessions, totpCredentials, trustedDevices, webauthnCredentials } from "../db/schema";
import { newId } from "../lib/ids";
import type { SecretBox } from "./secret-box";

/** Sessions and devices are keyed by a hash; users see only its first 16 characters. */
export function handleOf(id: string): string {
  return id.slice(0, 16);
}

export function accountOverview(
  db: Db,
  account: typeof accounts.$inferSelect,
  currentSessionId: string,
  currentDeviceId: string | null,
  secondFactorRequired: boolean,
  now = Date.now(),
): AccountOverview {
  return {
    email: account.email,
    displayName: account.displayName,
    secondFactorRequired,
    totp: db
      .select({ id: totpCredentials.id, label: totpCredentials.label, createdAt: totpCredentials.createdAt })
      .from(totpCredentials)
      .where(and(eq(totpCredentials.accountId, account.id), eq(totpCredentials.confirmed, true)))
      .all(),
    securityKeys: db
      .select({
        id: webauthnCredentials.id,
        name: webauthnCredentials.name,
        createdAt: webauthnCredentials.createdAt,
        lastUsedAt: webauthnCredentials.lastUsedAt,
      })
      .from(webauthnCredentials)
      .where(eq(webauthnCredentials.accountId, account.id))
      .all(),
    trustedDevices: db
      .select()
      .from(trustedDevices)
      .where(and(eq(trustedDevices.accountId, account.id), gt(trustedDevices.expiresAt, now)))
      .all()
      .map((d) => ({
        id: handleOf(d.id),
        userAgent: d.userAgent,
        createdAt: d.createdAt,
        expiresAt: d.expiresAt,
        current: d.id === currentDeviceId,
      })),
    sessions: db
      .select()
      .from(sessions)
      .where(and(eq(sessions.accountId, account.id), eq(sessions.secondFactorVerified, true), gt(sessions.idleExpiresAt, now)))
      .all()
      .map((s) => ({
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

export function revokeSessionByHandle(db: Db, accountId: string, handle: string): boolean {
  const match = db
    .select({ id: sessions.id })
    .from(sessions)
    .where(eq(sessions.accountId, accountId))
    .all()
    .find((s) => handleOf(s.id) === handle);
  if (!match) return false;
  db.delete(sessions).where(eq(sessions.id, match.id)).run();
  return true;
}

export function revokeDeviceByHandle(db: Db, accountId: string, handle: string): boolean {
  const match = db
    .select({ id: trustedDevices.id })
    .from(trustedDevices)
    .where(eq(trustedDevices.accountId, accountId))
    .all()
    .find((d) => handleOf(d.id) === handle);
  if (!match) return false;
  db.delete(trustedDevices).where(eq(trustedDevices.id, match.id)).run();
  return true;
}

export function revokeOtherSessions(db: Db, accountId: string, keepSessionId: string): void {
  for (const s of db.select({ id: sessions.id }).from(sessions).where(eq(sessions.accountId, accountId)).all()) {
    if (s.id !== keepSessionId) db.delete(sessions).where(eq(sessions.id, s.id)).run();
  }
}

const confirmedTotp = preparedQuery((db) =>
  db
    .select({ n: count() })
    .from(totpCredentials)
    .where(and(eq(totpCredentials.accountId, sql.placeholder("accountId")), eq(totpCredentials.confirmed, true)))
    .prepare(),
);
const securityKeys = preparedQuery((db) =>
  db
    .select({ n: count() })
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.accountId, sql.placeholder("accountId")))
    .prepare(),
);

/** Confirmed authenticator apps plus security keys; Home asks on every visit. */
export function countOwnFactors(db: Db, accountId: string): number {
  return (confirmedTotp(db).get({ accountId })?.n ?? 0) + (securityKeys(db).get({ accountId })?.n ?? 0);
}

export function removeTotp(db: Db, accountId: string, id: string): boolean {
  return (
    db
      .delete(totpCredentials)
      .where(and(eq(totpCredentials.accountId, accountId), eq(totpCredentials.id, id)))
      .run().changes > 0
  );
}

export function removeSecurityKey(db: Db, accountId: string, id: string): boolean {
  return (
    db
      .delete(webauthnCredentials)
      .where(and(eq(webauthnCredentials.accountId, accountId), eq(webauthnCredentials.id, id)))
      .run().changes > 0
  );
}

/** An unconfirmed authenticator: replaced by the next setup, kept once a code confirms it. */
export function startTotpEnrollment(db: Db, box: SecretBox, orgId: string, accountId: string): Uint8Array {
  db.delete(totpCredentials)
    .where(and(eq(totpCredentials.accountId, accountId), eq(totpCredentials.confirmed, false)))
    .run();
  const key = crypto.getRandomValues(new Uint8Array(20));
  db.insert(totpCredentials)
    .values({ id: newId(), orgId, accountId, keyEncrypted: box.seal(key), label: "Authenticator-app", confirmed: false })
    .run();
  return key;
}

export function pendingTotpEnrollment(db: Db, accountId: string) {
  return db
    .select()
    .from(totpCredentials)
    .where(and(eq(totpCredentials.accountId, accountId), eq(totpCredentials.confirmed, false)))
    .get();
}

export function confirmTotpEnrollment(db: Db, id: string, step: number): void {
  db.update(totpCredentials).set({ confirmed: true, lastUsedStep: step }).where(eq(totpCredentials.id, id)).run();
}

export function setSecretQuestion(db: Db, accountId: string, question: string, answerHash: string, now = Date.now()): void {
  db.update(accounts)
    .set({ secretQuestion: question, secretAnswerHash: answerHash, updatedAt: now })
    .where(eq(accounts.id, accountId))
    .run();
}

export function requestClose(db: Db, accountId: string, now = Date.now()): void {
  db.update(accounts).set({ closeRequestedAt: now, updatedAt: now }).where(eq(accounts.id, accountId)).run();
}
