// E-mailed login codes: six random digits, single use, 10 minutes, 5 tries. Random with a stored expiry, not TOTP.
import { randomInt } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { accounts, oneTimeTokens } from "../db/schema";
import { hashToken, newId } from "../lib/ids";

export const EMAIL_CODE_TTL_MS = 10 * 60_000;
export const EMAIL_CODE_TRIES = 5;

/** Hashing the account id with the code keeps equal codes of two accounts apart. */
function codeHash(accountId: string, code: string): string {
  return hashToken(`${accountId}:${code}`);
}

export function issueEmailCode(db: Db, orgId: string, accountId: string, now = Date.now()): string {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  db.update(oneTimeTokens)
    .set({ usedAt: now })
    .where(and(eq(oneTimeTokens.accountId, accountId), eq(oneTimeTokens.purpose, "email-code"), isNull(oneTimeTokens.usedAt)))
    .run();
  db.insert(oneTimeTokens)
    .values({
      id: newId(),
      orgId,
      accountId,
      purpose: "email-code",
      tokenHash: codeHash(accountId, code),
      createdAt: now,
      expiresAt: now + EMAIL_CODE_TTL_MS,
    })
    .run();
  return code;
}

export type EmailCodeResult = "ok" | "wrong" | "expired" | "no_code" | "too_many_attempts";

export function verifyEmailCode(db: Db, accountId: string, code: string, now = Date.now()): EmailCodeResult {
  const row = db
    .select()
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.accountId, accountId), eq(oneTimeTokens.purpose, "email-code"), isNull(oneTimeTokens.usedAt)))
    .orderBy(desc(oneTimeTokens.createdAt))
    .limit(1)
    .get();
  if (!row) return "no_code";
  if (now >= row.expiresAt) return "expired";
  if (row.attempts >= EMAIL_CODE_TRIES) return "too_many_attempts";
  if (row.tokenHash !== codeHash(accountId, code)) {
    db.update(oneTimeTokens)
      .set({ attempts: row.attempts + 1 })
      .where(eq(oneTimeTokens.id, row.id))
      .run();
    return row.attempts + 1 >= EMAIL_CODE_TRIES ? "too_many_attempts" : "wrong";
  }
  db.update(oneTimeTokens).set({ usedAt: now }).where(eq(oneTimeTokens.id, row.id)).run();
  return "ok";
}

/**
 * Counts a login that used only an e-mailed code (the ggz rule blocks after the policy's number). The
 * count is raised in SQL: `current` (read when the request began) may be stale when logins overlap.
 */
export function countLoginWithoutFactor(db: Db, accountId: string, current: number): number {
  const row = db
    .update(accounts)
    .set({ loginsWithoutFactor: sql`${accounts.loginsWithoutFactor} + 1` })
    .where(eq(accounts.id, accountId))
    .returning({ n: accounts.loginsWithoutFactor })
    .get();
  return row?.n ?? current + 1;
}

export function blockAccount(db: Db, accountId: string, reason: string, now = Date.now()): void {
  db.update(accounts).set({ status: "blocked", blockedReason: reason, updatedAt: now }).where(eq(accounts.id, accountId)).run();
}
