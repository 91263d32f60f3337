// Who a conversation is for: the client's care team (or the part of it its writer chose) and the people
import type { StaffRole } from "@portaal/shared/auth";
// with access to the portal. Practitioners outside the chosen part neither read it nor hear of it.
import type { PortalPerson, TeamMember, ThreadReaders } from "@portaal/shared/messages";
import { can } from "@portaal/shared/roles";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "./client";
import { accounts, careTeam, portalGrants, threadParticipants, threadStaff } from "./schema";

/** The client's care team: the practitioners linked to the client, active ones only. */
export function careTeamMembers(db: Db, orgId: string, clientId: string): TeamMember[] {
  return db
    .select({ id: accounts.id, name: accounts.displayName, role: accounts.staffRole })
    .from(careTeam)
    .innerJoin(accounts, eq(accounts.id, careTeam.staffId))
    .where(and(eq(careTeam.orgId, orgId), eq(careTeam.clientId, clientId), eq(accounts.status, "active")))
    .orderBy(asc(accounts.displayName))
    .all()
    .map((m) => ({ id: m.id, name: m.name, role: m.role ?? "medewerker" }));
}

/** Staff chosen for a thread; empty when it is for the whole team. */
export function chosenStaff(db: Db, threadId: string): string[] {
  return db
    .select({ id: threadStaff.staffId })
    .from(threadStaff)
    .where(eq(threadStaff.threadId, threadId))
    .all()
    .map((r) => r.id);
}

/** Records the chosen part of the team (the writer, when staff, always stays in). */
export function chooseStaff(db: Db, orgId: string, threadId: string, staffIds: string[]): void {
  for (const staffId of new Set(staffIds)) db.insert(threadStaff).values({ orgId, threadId, staffId }).onConflictDoNothing().run();
}

/**
 * Whether a staff member reads this thread: beheerders read every conversation of their organization (as
 * before); a practitioner when the thread is for the whole team or they were chosen.
 */
export function staffReadsThread(db: Db, threadId: string, staff: { id: string; staffRole: string | null }): boolean {
  if (can(staff.staffRole as StaffRole | null, "threads.all")) return true;
  const chosen = chosenStaff(db, threadId);
  return chosen.length === 0 || chosen.includes(staff.id);
}

/** Threads of these clients that were for others in the team, not this practitioner. */
export function threadsChosenForOthers(db: Db, orgId: string, staffId: string, threadIds: string[]): Set<string> {
  if (threadIds.length === 0) return new Set();
  const rows = db
    .select({ threadId: threadStaff.threadId, staffId: threadStaff.staffId })
    .from(threadStaff)
    .where(and(eq(threadStaff.orgId, orgId), inArray(threadStaff.threadId, threadIds)))
    .all();
  const mine = new Set(rows.filter((r) => r.staffId === staffId).map((r) => r.threadId));
  return new Set(rows.filter((r) => !mine.has(r.threadId)).map((r) => r.threadId));
}

/** The people with access to a portal now (an active grant and an active account): whom a thread can be for. */
export function portalPeopleOf(db: Db, orgId: string, clientId: string): PortalPerson[] {
  return db
    .select({ id: accounts.id, name: accounts.displayName, role: portalGrants.relation })
    .from(portalGrants)
    .innerJoin(accounts, eq(accounts.id, portalGrants.accountId))
    .where(
      and(
        eq(portalGrants.orgId, orgId),
        eq(portalGrants.clientId, clientId),
        eq(portalGrants.status, "active"),
        eq(accounts.status, "active"),
        eq(accounts.kind, "cov"),
      ),
    )
    .orderBy(asc(accounts.displayName))
    .all();
}

/** Whether some of these ids are not people of this portal now (unknown, other portal, access ended). */
export function unknownPortalPeople(db: Db, orgId: string, clientId: string, ids: readonly string[] | undefined): boolean {
  if (!ids || ids.length === 0) return false;
  const people = new Set(portalPeopleOf(db, orgId, clientId).map((p) => p.id));
  return ids.some((id) => !people.has(id));
}

/** The participants of a thread who are people of its portal now: who reads it in the portal. */
export function threadParticipantsOf(db: Db, orgId: string, clientId: string, threadId: string): PortalPerson[] {
  return db
    .select({ id: accounts.id, name: accounts.displayName, role: portalGrants.relation })
    .from(threadParticipants)
    .innerJoin(accounts, eq(accounts.id, threadParticipants.accountId))
    .innerJoin(
      portalGrants,
      and(eq(portalGrants.accountId, accounts.id), eq(portalGrants.orgId, orgId), eq(portalGrants.clientId, clientId)),
    )
    .where(
      and(
        eq(threadParticipants.orgId, orgId),
        eq(threadParticipants.threadId, threadId),
        eq(portalGrants.status, "active"),
        eq(accounts.status, "active"),
      ),
    )
    .orderBy(asc(accounts.displayName))
    .all();
}

/** Adds portal people to a thread; returns the ids that were not in it yet. */
export function addParticipants(
  db: Db,
  orgId: string,
  threadId: string,
  accountIds: readonly string[],
  addedBy: string,
  now: number,
): string[] {
  const added: string[] = [];
  for (const accountId of new Set(accountIds)) {
    const r = db.insert(threadParticipants).values({ orgId, threadId, accountId, addedAt: now, addedBy }).onConflictDoNothing().run();
    if (r.changes > 0) added.push(accountId);
  }
  return added;
}

/** The line above a conversation: who can read it (its participants in the portal and its part of the team). */
export function threadReaders(
  db: Db,
  orgId: string,
  clientId: string,
  threadId: string,
  viewerId: string,
  portal: PortalPerson[] = threadParticipantsOf(db, orgId, clientId, threadId),
): ThreadReaders {
  const chosen = chosenStaff(db, threadId);
  const team =
    chosen.length === 0
      ? careTeamMembers(db, orgId, clientId)
      : db
          .select({ id: accounts.id, name: accounts.displayName, role: accounts.staffRole })
          .from(accounts)
          .where(and(eq(accounts.orgId, orgId), inArray(accounts.id, chosen), eq(accounts.status, "active")))
          .orderBy(asc(accounts.displayName))
          .all()
          .map((m) => ({ id: m.id, name: m.name, role: m.role ?? "medewerker" }));
  return {
    portal: portal.map((p) => ({ name: p.name, you: p.id === viewerId })),
    staff: team.map((m) => ({ name: m.name, role: m.role, you: m.id === viewerId })),
    wholeTeam: chosen.length === 0,
  };
}
