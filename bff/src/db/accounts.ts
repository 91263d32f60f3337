// Accounts (staff and COV) and their portal grants.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "./client";
import { accounts, clients, portalGrants } from "./schema";

export type AccountRow = typeof accounts.$inferSelect;

export function findAccountByEmail(db: Db, orgId: string, email: string): AccountRow | undefined {
  return db
    .select()
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), eq(accounts.email, email.toLowerCase())))
    .get();
}

export function findAccountById(db: Db, orgId: string, id: string): AccountRow | undefined {
  return db
    .select()
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), eq(accounts.id, id)))
    .get();
}

export function recordFailedPassword(db: Db, account: AccountRow, maxFailed: number): { blocked: boolean } {
  const failed = account.failedPasswords + 1;
  const blocked = failed >= maxFailed;
  db.update(accounts)
    .set({
      failedPasswords: failed,
      ...(blocked ? { status: "blocked" as const, blockedReason: "wachtwoord" } : {}),
      updatedAt: Date.now(),
    })
    .where(eq(accounts.id, account.id))
    .run();
  return { blocked };
}

export function resetFailedPasswords(db: Db, accountId: string): void {
  db.update(accounts).set({ failedPasswords: 0 }).where(eq(accounts.id, accountId)).run();
}

export function recordLogin(db: Db, account: AccountRow, at: number): void {
  db.update(accounts)
    .set({ previousLoginAt: account.lastLoginAt, lastLoginAt: at, failedPasswords: 0 })
    .where(eq(accounts.id, account.id))
    .run();
}

export interface PortalRow {
  clientId: string;
  name: string;
  relation: string;
}

export function listPortalsForAccount(db: Db, orgId: string, accountId: string): PortalRow[] {
  return db
    .select({
      clientId: portalGrants.clientId,
      name: sql<string>`${clients.firstName} || ' ' || ${clients.lastName}`,
      relation: portalGrants.relation,
    })
    .from(portalGrants)
    .innerJoin(clients, eq(clients.id, portalGrants.clientId))
    .where(and(eq(portalGrants.orgId, orgId), eq(portalGrants.accountId, accountId), eq(portalGrants.status, "active")))
    .orderBy(asc(clients.firstName))
    .all();
}

export function hasActiveGrant(db: Db, orgId: string, accountId: string, clientId: string): boolean {
  const row = db
    .select({ id: portalGrants.id })
    .from(portalGrants)
    .where(
      and(
        eq(portalGrants.orgId, orgId),
        eq(portalGrants.accountId, accountId),
        eq(portalGrants.clientId, clientId),
        eq(portalGrants.status, "active"),
      ),
    )
    .get();
  return row !== undefined;
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
