// Staff accounts as the beheerder manages them: list, role, state, second factor and care team.
import type { CareTeamClient, StaffDetail, StaffListQuery, StaffListResponse, StaffStatus, StaffSummary } from "@portaal/shared/staff";
import { CARE_ROLES } from "@portaal/shared/staff";
import { and, asc, count, eq, inArray, ne, or, sql } from "drizzle-orm";
import { accessStatusOf, blockReasonOf, newestActivationLinks } from "./access-states";
import { type AccountRow, LOCKOUT_CLEARED } from "./accounts";
import type { Db } from "./client";
import { accounts, careTeam, clients, sessions, totpCredentials, trustedDevices, webauthnCredentials } from "./schema";
import type { StaffRole } from "./setup";

const STATUS_OF: Record<AccountRow["status"], StaffStatus> = {
  invited: "uitgenodigd",
  active: "actief",
  blocked: "geblokkeerd",
  deactivated: "gedeactiveerd",
  closed: "gedeactiveerd",
};
const ACCOUNT_STATUSES: Record<StaffStatus, AccountRow["status"][]> = {
  uitgenodigd: ["invited"],
  actief: ["active"],
  geblokkeerd: ["blocked"],
  gedeactiveerd: ["deactivated", "closed"],
};

export function isCareRole(role: string | null): boolean {
  return (CARE_ROLES as readonly string[]).includes(role ?? "");
}

/** Waiting for a new second factor: an account that was active once and is invited again with its password kept. */
export function factorResetPending(a: Pick<AccountRow, "status" | "passwordHash" | "lastLoginAt">): boolean {
  return a.status === "invited" && a.passwordHash !== null && a.lastLoginAt !== null;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** A staff member of this organization (never a client's or relation's account), or undefined. */
export function findStaff(db: Db, orgId: string, staffId: string): AccountRow | undefined {
  return db
    .select()
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), eq(accounts.id, staffId), eq(accounts.kind, "staff")))
    .get();
}

function summaries(db: Db, rows: AccountRow[], selfId: string, now: number): StaffSummary[] {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const withTotp = new Set(
    db
      .select({ id: totpCredentials.accountId })
      .from(totpCredentials)
      .where(and(inArray(totpCredentials.accountId, ids), eq(totpCredentials.confirmed, true)))
      .all()
      .map((r) => r.id),
  );
  const withKey = new Set(
    db
      .select({ id: webauthnCredentials.accountId })
      .from(webauthnCredentials)
      .where(inArray(webauthnCredentials.accountId, ids))
      .all()
      .map((r) => r.id),
  );
  const teamSizes = new Map(
    db
      .select({ id: careTeam.staffId, n: count() })
      .from(careTeam)
      .where(inArray(careTeam.staffId, ids))
      .groupBy(careTeam.staffId)
      .all()
      .map((r) => [r.id, r.n]),
  );
  const links = newestActivationLinks(
    db,
    rows.filter((r) => r.status === "invited").map((r) => r.id),
  );
  return rows.map((a) => ({
    id: a.id,
    name: a.displayName,
    email: a.email,
    role: a.staffRole ?? "begeleider",
    status: STATUS_OF[a.status],
    blockedReason: a.status === "blocked" ? blockReasonOf(a.blockedReason) : null,
    invitationExpired: a.status === "invited" && accessStatusOf(a, links.get(a.id), now) !== "uitgenodigd",
    factorResetPending: factorResetPending(a),
    secondFactorSet: withTotp.has(a.id) || withKey.has(a.id),
    lastLoginAt: a.lastLoginAt,
    careTeamSize: teamSizes.get(a.id) ?? 0,
    version: a.version,
    isSelf: a.id === selfId,
  }));
}

export function listStaff(db: Db, orgId: string, q: StaffListQuery, selfId: string, now = Date.now()): StaffListResponse {
  const term = q.q ? `%${escapeLike(q.q)}%` : null;
  const where = and(
    eq(accounts.orgId, orgId),
    eq(accounts.kind, "staff"),
    term ? or(sql`${accounts.displayName} LIKE ${term} ESCAPE '\\'`, sql`${accounts.email} LIKE ${term} ESCAPE '\\'`) : undefined,
    q.status ? inArray(accounts.status, ACCOUNT_STATUSES[q.status]) : undefined,
    q.role ? eq(accounts.staffRole, q.role) : undefined,
  );
  const total = db.select({ n: count() }).from(accounts).where(where).get()?.n ?? 0;
  const rows = db
    .select()
    .from(accounts)
    .where(where)
    .orderBy(asc(sql`${accounts.displayName} COLLATE NOCASE`), asc(accounts.email))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .all();
  return { items: summaries(db, rows, selfId, now), total, page: q.page, pageSize: q.pageSize };
}

export function careTeamClients(db: Db, orgId: string, staffId: string): CareTeamClient[] {
  return db
    .select({ id: clients.id, clientNumber: clients.clientNumber, name: sql<string>`${clients.firstName} || ' ' || ${clients.lastName}` })
    .from(careTeam)
    .innerJoin(clients, eq(clients.id, careTeam.clientId))
    .where(and(eq(careTeam.orgId, orgId), eq(careTeam.staffId, staffId)))
    .orderBy(asc(sql`${clients.lastName} COLLATE NOCASE`), asc(sql`${clients.firstName} COLLATE NOCASE`))
    .all();
}

export function getStaffDetail(db: Db, orgId: string, staffId: string, selfId: string, now = Date.now()): StaffDetail | null {
  const row = findStaff(db, orgId, staffId);
  if (!row) return null;
  const [summary] = summaries(db, [row], selfId, now);
  return summary ? { ...summary, careTeam: careTeamClients(db, orgId, staffId) } : null;
}

/** Active beheerders of the organization other than `exceptId`: the organization must keep at least one. */
export function otherActiveBeheerders(db: Db, orgId: string, exceptId: string): number {
  return (
    db
      .select({ n: count() })
      .from(accounts)
      .where(
        and(
          eq(accounts.orgId, orgId),
          eq(accounts.kind, "staff"),
          eq(accounts.staffRole, "beheerder"),
          eq(accounts.status, "active"),
          ne(accounts.id, exceptId),
        ),
      )
      .get()?.n ?? 0
  );
}

/** Every change a beheerder makes raises the version; a change that started from an older one is refused (409). */
export function bumpStaffVersion(db: Db, staffId: string, now = Date.now()): void {
  db.update(accounts)
    .set({ version: sql`${accounts.version} + 1`, updatedAt: now })
    .where(eq(accounts.id, staffId))
    .run();
}

/** A new role; someone who no longer works in care teams leaves them (a secretariaat or beheerder sees every client anyway). */
export function setStaffRole(db: Db, orgId: string, staffId: string, role: StaffRole): number {
  db.update(accounts).set({ staffRole: role }).where(eq(accounts.id, staffId)).run();
  if (isCareRole(role)) return 0;
  return db
    .delete(careTeam)
    .where(and(eq(careTeam.orgId, orgId), eq(careTeam.staffId, staffId)))
    .run().changes;
}

/**
 * The second factor starts over: authenticator apps, security keys, trusted devices and sessions go; the
 * password stays. The account waits (invited) until its holder sets a new factor through the e-mailed link.
 */
export function resetSecondFactor(db: Db, staffId: string, now = Date.now()): { apps: number; keys: number } {
  const apps = db.delete(totpCredentials).where(eq(totpCredentials.accountId, staffId)).run().changes;
  const keys = db.delete(webauthnCredentials).where(eq(webauthnCredentials.accountId, staffId)).run().changes;
  db.delete(trustedDevices).where(eq(trustedDevices.accountId, staffId)).run();
  db.delete(sessions).where(eq(sessions.accountId, staffId)).run();
  db.update(accounts)
    .set({ status: "invited", ...LOCKOUT_CLEARED, loginsWithoutFactor: 0, blockedReason: null, updatedAt: now })
    .where(eq(accounts.id, staffId))
    .run();
  return { apps, keys };
}

export type CareTeamResult = { ok: true } | { ok: false; reason: "client_not_found" | "already_in_team" | "not_in_team" };

export function addToCareTeam(db: Db, orgId: string, staffId: string, clientId: string): CareTeamResult {
  const client = db
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.orgId, orgId), eq(clients.id, clientId)))
    .get();
  if (!client) return { ok: false, reason: "client_not_found" };
  const changes = db.insert(careTeam).values({ orgId, clientId, staffId }).onConflictDoNothing().run().changes;
  return changes === 1 ? { ok: true } : { ok: false, reason: "already_in_team" };
}

export function removeFromCareTeam(db: Db, orgId: string, staffId: string, clientId: string): CareTeamResult {
  const changes = db
    .delete(careTeam)
    .where(and(eq(careTeam.orgId, orgId), eq(careTeam.staffId, staffId), eq(careTeam.clientId, clientId)))
    .run().changes;
  return changes === 1 ? { ok: true } : { ok: false, reason: "not_in_team" };
}
