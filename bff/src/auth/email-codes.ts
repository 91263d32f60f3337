// E-mailed login codes: six random digits, single use, 10 minutes, 5 tries. Random with a stored expiry, not TOTP.
import { randomInt } from "node:crypto";
import { and, desc, eq, isNull, lt, sql } from "drizzle-orm";
import { changes, type Db, first } from "../db/client";
import { accounts, oneTimeTokens } from "../db/tables";
import { hashToken, newId } from "../lib/ids";

export const EMAIL_CODE_TTL_MS = 10 * 60_000;
export const EMAIL_CODE_TRIES = 5;

/** Hashing the account id with the code keeps equal codes of two accounts apart. */
function codeHash(accountId: string, code: string): string {
  return hashToken(`${accountId}:${code}`);
}

export async function issueEmailCode(db: Db, orgId: string, accountId: string, now = Date.now()): Promise<string> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await db
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(and(eq(oneTimeTokens.accountId, accountId), eq(oneTimeTokens.purpose, "email-code"), isNull(oneTimeTokens.usedAt)));
  await db.insert(oneTimeTokens).values({
    id: newId(),
    orgId,
    accountId,
    purpose: "email-code",
    tokenHash: codeHash(accountId, code),
    createdAt: now,
    expiresAt: now + EMAIL_CODE_TTL_MS,
  });
  return code;
}

export type EmailCodeResult = "ok" | "wrong" | "expired" | "no_code" | "too_many_attempts";

/**
 * The row is read first, then written in SQL that does not trust it: codes sent at once (to one process or
 * several) each count a wrong try, and of any number sending the right code one gets "ok", and only while
 * fewer than the allowed wrong tries were counted.
 */
export async function verifyEmailCode(db: Db, accountId: string, code: string, now = Date.now()): Promise<EmailCodeResult> {
  const row = first(
    await db
      .select()
      .from(oneTimeTokens)
      .where(and(eq(oneTimeTokens.accountId, accountId), eq(oneTimeTokens.purpose, "email-code"), isNull(oneTimeTokens.usedAt)))
      .orderBy(desc(oneTimeTokens.createdAt))
      .limit(1),
  );
  if (!row) return "no_code";
  if (now >= row.expiresAt) return "expired";
  if (row.attempts >= EMAIL_CODE_TRIES) return "too_many_attempts";
  if (row.tokenHash !== codeHash(accountId, code)) {
    const counted = first(
      await db
        .update(oneTimeTokens)
        .set({ attempts: sql`${oneTimeTokens.attempts} + 1` })
        .where(eq(oneTimeTokens.id, row.id))
        .returning({ attempts: oneTimeTokens.attempts }),
    );
    return (counted?.attempts ?? row.attempts + 1) >= EMAIL_CODE_TRIES ? "too_many_attempts" : "wrong";
  }
  const used = changes(
    await db
      .update(oneTimeTokens)
      .set({ usedAt: now })
      .where(and(eq(oneTimeTokens.id, row.id), isNull(oneTimeTokens.usedAt), lt(oneTimeTokens.attempts, EMAIL_CODE_TRIES))),
  );
  // Used by a request that came first, or its tries ran out meanwhile: no usable code is left.
  if (used !== 1) return "no_code";
  return "ok";
}

/**
 * Counts a login that used only an e-mailed code (the ggz rule blocks after the policy's number). The
 * count is raised in SQL: `current` (read when the request began) may be stale when logins overlap.
 */
export async function countLoginWithoutFactor(db: Db, accountId: string, current: number): Promise<number> {
  const row = first(
    await db
      .update(accounts)
      .set({ loginsWithoutFactor: sql`${accounts.loginsWithoutFactor} + 1` })
      .where(eq(accounts.id, accountId))
      .returning({ n: accounts.loginsWithoutFactor }),
  );
  return row?.n ?? current + 1;
}

export async function blockAccount(db: Db, accountId: string, reason: string, now = Date.now()): Promise<void> {
  await db.update(accounts).set({ status: "blocked", blockedReason: reason, updatedAt: now }).where(eq(accounts.id, accountId));
}
