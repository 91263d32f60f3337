// Accounts (staff and COV) and their portal grants.
import { and, asc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { type Db, preparedQuery } from "./client";
import { accounts, clients, portalGrants } from "./schema";

export type AccountRow = typeof accounts.$inferSelect;

export function findAccountByEmail(db: Db, orgId: string, email: string): AccountRow | undefined {
  return db
    .select()
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), eq(accounts.email, email.toLowerCase())))
    .get();
}

const accountById = preparedQuery((db) =>
  db
    .select()
    .from(accounts)
    .where(and(eq(accounts.orgId, sql.placeholder("orgId")), eq(accounts.id, sql.placeholder("id"))))
    .prepare(),
);

export function findAccountById(db: Db, orgId: string, id: string): AccountRow | undefined {
  return accountById(db).get({ orgId, id });
}

/**
 * Counts a wrong password in SQL, not from `account` as read before the (slow, awaited) password check:
 * wrong passwords sent at once must all count, or a burst of guesses would never block.
 */
export function recordFailedPassword(db: Db, account: AccountRow, maxFailed: number): { blocked: boolean } {
  const row = db
    .update(accounts)
    .set({ failedPasswords: sql`${accounts.failedPasswords} + 1`, updatedAt: Date.now() })
    .where(and(eq(accounts.id, account.id), eq(accounts.status, "active")))
    .returning({ failed: accounts.failedPasswords })
    .get();
  if (!row) return { blocked: false };
  const blocked = row.failed >= maxFailed;
  if (blocked) db.update(accounts).set({ status: "blocked", blockedReason: "wachtwoord" }).where(eq(accounts.id, account.id)).run();
  return { blocked };
}

export function resetFailedPasswords(db: Db, accountId: string): void {
  db.update(accounts).set({ failedPasswords: 0 }).where(eq(accounts.id, accountId)).run();
}

export function recordLogin(db: Db, account: AccountRow, at: number): void {
  db.update(accounts)
    .set({ previousLoginAt: account.lastVisitAt, lastLoginAt: at, failedPasswords: 0 })
    .where(eq(accounts.id, account.id))
    .run();
}

/**
 * The portal was opened in the session that started at `sessionStart`: that login was a visit. Written
 * once per session (the caller compares first), never moved backwards.
 */
export function recordVisit(db: Db, accountId: string, sessionStart: number): void {
  db.update(accounts)
    .set({ lastVisitAt: sessionStart })
    .where(and(eq(accounts.id, accountId), or(isNull(accounts.lastVisitAt), lt(accounts.lastVisitAt, sessionStart))))
    .run();
}

export interface PortalRow {
  clientId: string;
  name: string;
  relation: string;
}

const portalsOfAccount = preparedQuery((db) =>
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
    .orderBy(asc(clients.firstName))
    .prepare(),
);

export function listPortalsForAccount(db: Db, orgId: string, accountId: string): PortalRow[] {
  return portalsOfAccount(db).all({ orgId, accountId });
}

const activeGrant = preparedQuery((db) =>
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
    )
    .prepare(),
);

export function hasActiveGrant(db: Db, orgId: string, accountId: string, clientId: string): boolean {
  return activeGrant(db).get({ orgId, accountId, clientId }) !== undefined;
}

export function initialsOf(name: string): string {
  const parts = name.split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? "?";
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "";
  return (first + last).toUpperCase();
}

export function markTourSeen(db: Db, accountId: string, now = Date.now()): void {
  db.update(accounts).set({ tourSeenAt: now }).where(eq(accounts.id, accountId)).run();
}
