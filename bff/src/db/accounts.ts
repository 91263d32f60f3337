// Accounts (staff and COV) and their portal grants.
import { type LockoutStep, lockoutAfter, type Policy } from "@portaal/shared/policy";
import { and, asc, eq, isNull, lt, ne, or, sql } from "drizzle-orm";
import { type Db, preparedQuery } from "./client";
import { accounts, clients, portalGrants, sessions } from "./tables";

export type AccountRow = typeof accounts.$inferSelect;

export async function findAccountByEmail(db: Db, orgId: string, email: string): Promise<AccountRow | undefined> {
  const [row] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), eq(accounts.email, email.toLowerCase())));
  return row;
}

const accountById = preparedQuery("accountById", (db) =>
  db
    .select()
    .from(accounts)
    .where(and(eq(accounts.orgId, sql.placeholder("orgId")), eq(accounts.id, sql.placeholder("id")))),
);

export async function findAccountById(db: Db, orgId: string, id: string): Promise<AccountRow | undefined> {
  return await accountById(db).get({ orgId, id });
}

/** Every count and pause of wrong passwords and codes, as staff unblocking or a new activation clears them. */
export const LOCKOUT_CLEARED = { failedPasswords: 0, passwordPausedUntil: null, failedCodes: 0, codesPausedUntil: null } as const;

/**
 * On a blocked (or deactivated, closed) account a password is still checked, since the right one is told
 * whom to call; but after a wrong one only once per this pause, or that answer would let guessing go on.
 */
export const BLOCKED_CHECK_PAUSE_MS = 15 * 60_000;

export type WrongAttempt = LockoutStep & { until?: number };

/**
 * Counts a wrong password in SQL, not from `account` as read before the (slow, awaited) password check:
 * wrong passwords sent at once must all count, or a burst of guesses would never block. A full run
 * pauses or blocks as the policy says; on an account that is not active it only paces further checks.
 */
export async function recordFailedPassword(db: Db, accountId: string, policy: Policy, now = Date.now()): Promise<WrongAttempt> {
  const [row] = await db
    .update(accounts)
    .set({ failedPasswords: sql`${accounts.failedPasswords} + 1`, updatedAt: now })
    .where(and(eq(accounts.id, accountId), eq(accounts.status, "active")))
    .returning({ failed: accounts.failedPasswords });
  if (!row) {
    await db
      .update(accounts)
      .set({ passwordPausedUntil: now + BLOCKED_CHECK_PAUSE_MS })
      .where(and(eq(accounts.id, accountId), ne(accounts.status, "active")));
    return { kind: "none" };
  }
  const step = lockoutAfter(policy, row.failed, policy.maxFailedPasswords);
  if (step.kind === "pause") {
    const until = now + step.minutes * 60_000;
    await db.update(accounts).set({ passwordPausedUntil: until }).where(eq(accounts.id, accountId));
    return { ...step, until };
  }
  if (step.kind === "block") {
    await db.update(accounts).set({ status: "blocked", blockedReason: "wachtwoord" }).where(eq(accounts.id, accountId));
  }
  return step;
}

/** A wrong second-factor code: counted like a wrong password; the block ends every session of the account. */
export async function recordFailedCode(db: Db, accountId: string, policy: Policy, now = Date.now()): Promise<WrongAttempt> {
  const [row] = await db
    .update(accounts)
    .set({ failedCodes: sql`${accounts.failedCodes} + 1`, updatedAt: now })
    .where(and(eq(accounts.id, accountId), eq(accounts.status, "active")))
    .returning({ failed: accounts.failedCodes });
  if (!row) return { kind: "none" };
  const step = lockoutAfter(policy, row.failed, policy.maxFailedCodes);
  if (step.kind === "pause") {
    const until = now + step.minutes * 60_000;
    await db.update(accounts).set({ codesPausedUntil: until }).where(eq(accounts.id, accountId));
    return { ...step, until };
  }
  if (step.kind === "block") {
    await db.update(accounts).set({ status: "blocked", blockedReason: "tweede-factor" }).where(eq(accounts.id, accountId));
    await db.delete(sessions).where(eq(sessions.accountId, accountId));
  }
  return step;
}

export async function clearFailedCodes(db: Db, accountId: string): Promise<void> {
  await db.update(accounts).set({ failedCodes: 0, codesPausedUntil: null }).where(eq(accounts.id, accountId));
}

/** Whether checking a password (or a code) has to wait: a temporary block, or a blocked account's pace. */
export function pausedUntil(until: number | null, now = Date.now()): number | null {
  return until !== null && until > now ? until : null;
}

export async function resetFailedPasswords(db: Db, accountId: string): Promise<void> {
  await db.update(accounts).set({ failedPasswords: 0, passwordPausedUntil: null }).where(eq(accounts.id, accountId));
}

export async function recordLogin(db: Db, account: AccountRow, at: number): Promise<void> {
  await db
    .update(accounts)
    .set({ previousLoginAt: account.lastVisitAt, lastLoginAt: at, failedPasswords: 0 })
    .where(eq(accounts.id, account.id));
}

/**
 * The portal was opened in the session that started at `sessionStart`: that login was a visit. Written
 * once per session (the caller compares first), never moved backwards.
 */
export async function recordVisit(db: Db, accountId: string, sessionStart: number): Promise<void> {
  await db
    .update(accounts)
    .set({ lastVisitAt: sessionStart })
    .where(and(eq(accounts.id, accountId), or(isNull(accounts.lastVisitAt), lt(accounts.lastVisitAt, sessionStart))));
}

export interface PortalRow {
  clientId: string;
  name: string;
  relation: string;
}

const portalsOfAccount = preparedQuery("portalsOfAccount", (db) =>
  db
    .select({
      clientId: portalGrants.clientId,
      name: sql<string>`${clients.firstName} || ' ' || ${clients.lastName}`,
      relation: portalGrants.relation,
    })
    .from(portalGrants)
    .innerJoin(clients, eq(clients.id, portalGrants.clientId))
    .where(
      and(
        eq(portalGrants.orgId, sql.placeholder("orgId")),
        eq(portalGrants.accountId, sql.placeholder("accountId")),
        eq(portalGrants.status, "active"),
      ),
    )
    .orderBy(asc(clients.firstName)),
);

export async function listPortalsForAccount(db: Db, orgId: string, accountId: string): Promise<PortalRow[]> {
  return await portalsOfAccount(db).all({ orgId, accountId });
}

const activeGrant = preparedQuery("activeGrant", (db) =>
  db
    .select({ id: portalGrants.id })
    .from(portalGrants)
    .where(
      and(
        eq(portalGrants.orgId, sql.placeholder("orgId")),
        eq(portalGrants.accountId, sql.placeholder("accountId")),
        eq(portalGrants.clientId, sql.placeholder("clientId")),
        eq(portalGrants.status, "active"),
      ),
    ),
);

export async function hasActiveGrant(db: Db, orgId: string, accountId: string, clientId: string): Promise<boolean> {
  return (await activeGrant(db).get({ orgId, accountId, clientId })) !== undefined;
}

export function initialsOf(name: string): string {
  const parts = name.split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? "?";
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "";
  return (first + last).toUpperCase();
}

export async function markTourSeen(db: Db, accountId: string, now = Date.now()): Promise<void> {
  await db.update(accounts).set({ tourSeenAt: now }).where(eq(accounts.id, accountId));
}
