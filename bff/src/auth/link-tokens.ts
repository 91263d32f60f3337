// Single-use, expiring link tokens (activation, password reset): only the SHA-256 is stored.
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { oneTimeTokens } from "../db/schema";
import { hashToken, newId, randomToken } from "../lib/ids";

export type LinkPurpose = "activation" | "reset";
export type LinkTokenRow = typeof oneTimeTokens.$inferSelect;
export const MAX_LINK_ATTEMPTS = 5;

export function issueLinkToken(
  db: Db,
  input: { orgId: string; accountId: string; purpose: LinkPurpose; ttlMs: number; data?: Record<string, unknown> },
  now = Date.now(),
): string {
  // A new link replaces every earlier one of the same purpose.
  db.update(oneTimeTokens)
    .set({ usedAt: now })
    .where(and(eq(oneTimeTokens.accountId, input.accountId), eq(oneTimeTokens.purpose, input.purpose), isNull(oneTimeTokens.usedAt)))
    .run();
  const token = randomToken(20);
  db.insert(oneTimeTokens)
    .values({
      id: newId(),
      orgId: input.orgId,
      accountId: input.accountId,
      purpose: input.purpose,
      tokenHash: hashToken(token),
      dataJson: JSON.stringify(input.data ?? {}),
      createdAt: now,
      expiresAt: now + input.ttlMs,
    })
    .run();
  return token;
}

export type LinkLookup =
  | { ok: true; row: LinkTokenRow; data: Record<string, unknown> }
  | { ok: false; reason: "unknown" | "used" | "expired" | "too_many_attempts" };

export function findLinkToken(db: Db, orgId: string, purpose: LinkPurpose, token: string, now = Date.now()): LinkLookup {
  const row = db
    .select()
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.tokenHash, hashToken(token)), eq(oneTimeTokens.orgId, orgId), eq(oneTimeTokens.purpose, purpose)))
    .get();
  if (!row) return { ok: false, reason: "unknown" };
  if (row.usedAt !== null) return { ok: false, reason: "used" };
  if (row.attempts >= MAX_LINK_ATTEMPTS) return { ok: false, reason: "too_many_attempts" };
  if (now >= row.expiresAt) return { ok: false, reason: "expired" };
  return { ok: true, row, data: JSON.parse(row.dataJson ?? "{}") as Record<string, unknown> };
}

export function updateLinkData(db: Db, id: string, data: Record<string, unknown>): void {
  db.update(oneTimeTokens)
    .set({ dataJson: JSON.stringify(data) })
    .where(eq(oneTimeTokens.id, id))
    .run();
}

/** Counts a wrong answer; at the limit the link dies. Returns attempts left. */
export function countLinkAttempt(db: Db, row: LinkTokenRow): number {
  const attempts = row.attempts + 1;
  db.update(oneTimeTokens).set({ attempts }).where(eq(oneTimeTokens.id, row.id)).run();
  return Math.max(0, MAX_LINK_ATTEMPTS - attempts);
}

/**
 * Closes an open link in one statement: true for exactly one of any number of requests using it at the
 * same moment, so a link used twice at once acts once.
 */
export function claimLinkToken(db: Db, id: string, now = Date.now()): boolean {
  return (
    db
      .update(oneTimeTokens)
      .set({ usedAt: now })
      .where(and(eq(oneTimeTokens.id, id), isNull(oneTimeTokens.usedAt), gt(oneTimeTokens.expiresAt, now)))
      .run().changes === 1
  );
}

export function useLinkToken(db: Db, id: string, now = Date.now()): void {
  db.update(oneTimeTokens).set({ usedAt: now }).where(eq(oneTimeTokens.id, id)).run();
}

export function revokeLinkTokens(db: Db, accountId: string, now = Date.now(), purpose?: LinkPurpose): void {
  db.update(oneTimeTokens)
    .set({ usedAt: now })
    .where(
      and(eq(oneTimeTokens.accountId, accountId), isNull(oneTimeTokens.usedAt), purpose ? eq(oneTimeTokens.purpose, purpose) : undefined),
    )
    .run();
}
