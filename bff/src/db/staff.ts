// Staff accounts as the beheerder manages them: list, role, state, second factor and care team.
import type { CareTeamClient, StaffDetail, StaffListQuery, StaffListResponse, StaffStatus, StaffSummary } from "@portaal/shared/staff";
import { CARE_ROLES } from "@portaal/shared/staff";
import { and, asc, count, eq, inArray, ne, or, sql } from "drizzle-orm";
import { accessStatusOf, blockReasonOf, newestActivationLinks } from "./access-states";
import { type AccountRow, LOCKOUT_CLEARED } from "./accounts";
import { changes, type Db, first } from "./client";
import { ilike, nocase } from "./dialect";
import type { StaffRole } from "./setup";
import { accounts, careTeam, clients, sessions, totpCredentials, trustedDevices, webauthnCredentials } from "./tables";

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
export async function findStaff(db: Db, orgId: string, staffId: string): Promise<AccountRow | undefined> {
  return first(
    await db
      .select()
      .from(accounts)
      .where(and(eq(accounts.orgId, orgId), eq(accounts.id, staffId), eq(accounts.kind, "staff"))),
  );
}

async function summaries(db: Db, rows: AccountRow[], selfId: string, now: number): Promise<StaffSummary[]> {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const withTotp = new Set(
    (
      await db
        .select({ id: totpCredentials.accountId })
        .from(totpCredentials)
        .where(and(inArray(totpCredentials.accountId, ids), eq(totpCredentials.confirmed, true)))
    ).map((r) => r.id),
  );
  const withKey = new Set(
    (
      await db.select({ id: webauthnCredentials.accountId }).from(webauthnCredentials).where(inArray(webauthnCredentials.accountId, ids))
    ).map((r) => r.id),
  );
  const teamSizes = new Map(
    (
      await db.select({ id: careTeam.staffId, n: count() }).from(careTeam).where(inArray(careTeam.staffId, ids)).groupBy(careTeam.staffId)
    ).map((r) => [r.id, r.n]),
  );
  const links = await newestActivationLinks(
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

export async function listStaff(db: Db, orgId: string, q: StaffListQuery, selfId: string, now = Date.now()): Promise<StaffListResponse> {
  const term = q.q ? `%${escapeLike(q.q)}%` : null;
  const where = and(
    eq(accounts.orgId, orgId),
    eq(accounts.kind, "staff"),
    term ? or(ilike(accounts.displayName, term), ilike(accounts.email, term)) : undefined,
    q.status ? inArray(accounts.status, ACCOUNT_STATUSES[q.status]) : undefined,
    q.role ? eq(accounts.staffRole, q.role) : undefined,
  );
  const total = first(await db.select({ n: count() }).from(accounts).where(where))?.n ?? 0;
  const rows = await db
    .select()
    .from(accounts)
    .where(where)
    .orderBy(asc(nocase(accounts.displayName)), asc(accounts.email))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: await summaries(db, rows, selfId, now), total, page: q.page, pageSize: q.pageSize };
}

export async function careTeamClients(db: Db, orgId: string, staffId: string): Promise<CareTeamClient[]> {
  return await db
    .select({ id: clients.id, clientNumber: clients.clientNumber, name: sql<string>`${clients.firstName} || ' ' || ${clients.lastName}` })
    .from(careTeam)
    .innerJoin(clients, eq(clients.id, careTeam.clientId))
    .where(and(eq(careTeam.orgId, orgId), eq(careTeam.staffId, staffId)))
    .orderBy(asc(nocase(clients.lastName)), asc(nocase(clients.firstName)));
}

export async function getStaffDetail(
  db: Db,
  orgId: string,
  staffId: string,
  selfId: string,
  now = Date.now(),
): Promise<StaffDetail | null> {
  const row = await findStaff(db, orgId, staffId);
  if (!row) return null;
  const [summary] = await summaries(db, [row], selfId, now);
  return summary ? { ...summary, careTeam: await careTeamClients(db, orgId, staffId) } : null;
}

/** Active beheerders of the organization other than `exceptId`: the organization must keep at least one. */
export async function otherActiveBeheerders(db: Db, orgId: string, exceptId: string): Promise<number> {
  return (
    first(
      await db
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
        ),
    )?.n ?? 0
  );
}

/** Every change a beheerder makes raises the version; a change that started from an older one is refused (409). */
export async function bumpStaffVersion(db: Db, staffId: string, now = Date.now()): Promise<void> {
  await db
    .update(accounts)
    .set({ version: sql`${accounts.version} + 1`, updatedAt: now })
    .where(eq(accounts.id, staffId));
}

/** A new role; someone who no longer works in care teams leaves them (a secretariaat or beheerder sees every client anyway). */
export async function setStaffRole(db: Db, orgId: string, staffId: string, role: StaffRole): Promise<number> {
  await db.update(accounts).set({ staffRole: role }).where(eq(accounts.id, staffId));
  if (isCareRole(role)) return 0;
  return changes(await db.delete(careTeam).where(and(eq(careTeam.orgId, orgId), eq(careTeam.staffId, staffId))));
}

/**
 * The second factor starts over: authenticator apps, security keys, trusted devices and sessions go; the
 * password stays. The account waits (invited) until its holder sets a new factor through the e-mailed link.
 */
export async function resetSecondFactor(db: Db, staffId: string, now = Date.now()): Promise<{ apps: number; keys: number }> {
  const apps = changes(await db.delete(totpCredentials).where(eq(totpCredentials.accountId, staffId)));
  const keys = changes(await db.delete(webauthnCredentials).where(eq(webauthnCredentials.accountId, staffId)));
  await db.delete(trustedDevices).where(eq(trustedDevices.accountId, staffId));
  await db.delete(sessions).where(eq(sessions.accountId, staffId));
  await db
    .update(accounts)
    .set({ status: "invited", ...LOCKOUT_CLEARED, loginsWithoutFactor: 0, blockedReason: null, updatedAt: now })
    .where(eq(accounts.id, staffId));
  return { apps, keys };
}

export type CareTeamResult = { ok: true } | { ok: false; reason: "client_not_found" | "already_in_team" | "not_in_team" };

export async function addToCareTeam(db: Db, orgId: string, staffId: string, clientId: string): Promise<CareTeamResult> {
  const client = first(
    await db
      .select({ id: clients.id })
      .from(clients)
      .where(and(eq(clients.orgId, orgId), eq(clients.id, clientId))),
  );
  if (!client) return { ok: false, reason: "client_not_found" };
  const added = changes(await db.insert(careTeam).values({ orgId, clientId, staffId }).onConflictDoNothing());
  return added === 1 ? { ok: true } : { ok: false, reason: "already_in_team" };
}

export async function removeFromCareTeam(db: Db, orgId: string, staffId: string, clientId: string): Promise<CareTeamResult> {
  const removed = changes(
    await db.delete(careTeam).where(and(eq(careTeam.orgId, orgId), eq(careTeam.staffId, staffId), eq(careTeam.clientId, clientId))),
  );
  return removed === 1 ? { ok: true } : { ok: false, reason: "not_in_team" };
}
