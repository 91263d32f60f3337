// Single-use, expiring link tokens (activation, password reset): only the SHA-256 is stored.
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { changes, type Db, first } from "../db/client";
import { oneTimeTokens } from "../db/tables";
import { hashToken, newId, randomToken } from "../lib/ids";

export type LinkPurpose = "activation" | "reset";
export type LinkTokenRow = typeof oneTimeTokens.$inferSelect;
export const MAX_LINK_ATTEMPTS = 5;

export async function issueLinkToken(
  db: Db,
  input: { orgId: string; accountId: string; purpose: LinkPurpose; ttlMs: number; data?: Record<string, unknown> },
  now = Date.now(),
): Promise<string> {
  // A new link replaces every earlier one of the same purpose.
  await db
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(and(eq(oneTimeTokens.accountId, input.accountId), eq(oneTimeTokens.purpose, input.purpose), isNull(oneTimeTokens.usedAt)));
  const token = randomToken(20);
  await db.insert(oneTimeTokens).values({
    id: newId(),
    orgId: input.orgId,
    accountId: input.accountId,
    purpose: input.purpose,
    tokenHash: hashToken(token),
    dataJson: JSON.stringify(input.data ?? {}),
    createdAt: now,
    expiresAt: now + input.ttlMs,
  });
  return token;
}

export type LinkLookup =
  | { ok: true; row: LinkTokenRow; data: Record<string, unknown> }
  | { ok: false; reason: "unknown" | "used" | "expired" | "too_many_attempts" };

export async function findLinkToken(db: Db, orgId: string, purpose: LinkPurpose, token: string, now = Date.now()): Promise<LinkLookup> {
  const row = first(
    await db
      .select()
      .from(oneTimeTokens)
      .where(and(eq(oneTimeTokens.tokenHash, hashToken(token)), eq(oneTimeTokens.orgId, orgId), eq(oneTimeTokens.purpose, purpose)))
      .limit(1),
  );
  if (!row) return { ok: false, reason: "unknown" };
  if (row.usedAt !== null) return { ok: false, reason: "used" };
  if (row.attempts >= MAX_LINK_ATTEMPTS) return { ok: false, reason: "too_many_attempts" };
  if (now >= row.expiresAt) return { ok: false, reason: "expired" };
  return { ok: true, row, data: JSON.parse(row.dataJson ?? "{}") as Record<string, unknown> };
}

/**
 * Records progress on a link that is still open and has tries left, judged when written: a right answer sent
 * together with wrong ones that used up the tries meanwhile changes nothing (false).
 */
export async function updateLinkData(db: Db, id: string, data: Record<string, unknown>): Promise<boolean> {
  const result = await db
    .update(oneTimeTokens)
    .set({ dataJson: JSON.stringify(data) })
    .where(and(eq(oneTimeTokens.id, id), isNull(oneTimeTokens.usedAt), lt(oneTimeTokens.attempts, MAX_LINK_ATTEMPTS)));
  return changes(result) === 1;
}

/**
 * Counts a wrong answer; at the limit the link dies. Returns attempts left. Counted in SQL, not from `row`
 * as read before: wrong answers sent at once must all count.
 */
export async function countLinkAttempt(db: Db, row: LinkTokenRow): Promise<number> {
  const counted = first(
    await db
      .update(oneTimeTokens)
      .set({ attempts: sql`${oneTimeTokens.attempts} + 1` })
      .where(eq(oneTimeTokens.id, row.id))
      .returning({ attempts: oneTimeTokens.attempts }),
  );
  return Math.max(0, MAX_LINK_ATTEMPTS - (counted?.attempts ?? row.attempts + 1));
}

/**
 * Closes an open link in one statement: true for exactly one of any number of requests using it at the
 * same moment, so a link used twice at once acts once.
 */
export async function claimLinkToken(db: Db, id: string, now = Date.now()): Promise<boolean> {
  return (
    changes(
      await db
        .update(oneTimeTokens)
        .set({ usedAt: now })
        .where(and(eq(oneTimeTokens.id, id), isNull(oneTimeTokens.usedAt), gt(oneTimeTokens.expiresAt, now))),
    ) === 1
  );
}

export async function useLinkToken(db: Db, id: string, now = Date.now()): Promise<void> {
  await db.update(oneTimeTokens).set({ usedAt: now }).where(eq(oneTimeTokens.id, id));
}

export async function revokeLinkTokens(db: Db, accountId: string, now = Date.now(), purpose?: LinkPurpose): Promise<void> {
  await db
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(
      and(eq(oneTimeTokens.accountId, accountId), isNull(oneTimeTokens.usedAt), purpose ? eq(oneTimeTokens.purpose, purpose) : undefined),
    );
}
