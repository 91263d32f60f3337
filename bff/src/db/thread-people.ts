// Who a conversation is for: the client's care team (or the part of it its writer chose) and the people
import type { StaffRole } from "@portaal/shared/auth";
// with access to the portal. Practitioners outside the chosen part neither read it nor hear of it.
import type { PortalPerson, TeamMember, ThreadReaders } from "@portaal/shared/messages";
import { can } from "@portaal/shared/roles";
import { and, asc, eq, inArray } from "drizzle-orm";
import { changes, type Db } from "./client";
import { accounts, careTeam, portalGrants, threadParticipants, threadStaff } from "./tables";

/** The client's care team: the practitioners linked to the client, active ones only. */
export async function careTeamMembers(db: Db, orgId: string, clientId: string): Promise<TeamMember[]> {
  return (
    await db
      .select({ id: accounts.id, name: accounts.displayName, role: accounts.staffRole })
      .from(careTeam)
      .innerJoin(accounts, eq(accounts.id, careTeam.staffId))
      .where(and(eq(careTeam.orgId, orgId), eq(careTeam.clientId, clientId), eq(accounts.status, "active")))
      .orderBy(asc(accounts.displayName))
  ).map((m) => ({ id: m.id, name: m.name, role: m.role ?? "medewerker" }));
}

/** Staff chosen for a thread; empty when it is for the whole team. */
export async function chosenStaff(db: Db, threadId: string): Promise<string[]> {
  return (await db.select({ id: threadStaff.staffId }).from(threadStaff).where(eq(threadStaff.threadId, threadId))).map((r) => r.id);
}

/** Records the chosen part of the team (the writer, when staff, always stays in). */
export async function chooseStaff(db: Db, orgId: string, threadId: string, staffIds: string[]): Promise<void> {
  for (const staffId of new Set(staffIds)) await db.insert(threadStaff).values({ orgId, threadId, staffId }).onConflictDoNothing();
}

/**
 * Whether a staff member reads this thread: beheerders read every conversation of their organization (as
 * before); a practitioner when the thread is for the whole team or they were chosen.
 */
export async function staffReadsThread(db: Db, threadId: string, staff: { id: string; staffRole: string | null }): Promise<boolean> {
  if (can(staff.staffRole as StaffRole | null, "threads.all")) return true;
  const chosen = await chosenStaff(db, threadId);
  return chosen.length === 0 || chosen.includes(staff.id);
}

/** Threads of these clients that were for others in the team, not this practitioner. */
export async function threadsChosenForOthers(db: Db, orgId: string, staffId: string, threadIds: string[]): Promise<Set<string>> {
  if (threadIds.length === 0) return new Set();
  const rows = await db
    .select({ threadId: threadStaff.threadId, staffId: threadStaff.staffId })
    .from(threadStaff)
    .where(and(eq(threadStaff.orgId, orgId), inArray(threadStaff.threadId, threadIds)));
  const mine = new Set(rows.filter((r) => r.staffId === staffId).map((r) => r.threadId));
  return new Set(rows.filter((r) => !mine.has(r.threadId)).map((r) => r.threadId));
}

/** The people with access to a portal now (an active grant and an active account): whom a thread can be for. */
export async function portalPeopleOf(db: Db, orgId: string, clientId: string): Promise<PortalPerson[]> {
  return await db
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
    .orderBy(asc(accounts.displayName));
}

/** Whether some of these ids are not people of this portal now (unknown, other portal, access ended). */
export async function unknownPortalPeople(db: Db, orgId: string, clientId: string, ids: readonly string[] | undefined): Promise<boolean> {
  if (!ids || ids.length === 0) return false;
  const people = new Set((await portalPeopleOf(db, orgId, clientId)).map((p) => p.id));
  return ids.some((id) => !people.has(id));
}

/** The participants of a thread who are people of its portal now: who reads it in the portal. */
export async function threadParticipantsOf(db: Db, orgId: string, clientId: string, threadId: string): Promise<PortalPerson[]> {
  return await db
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
    .orderBy(asc(accounts.displayName));
}

/** Adds portal people to a thread; returns the ids that were not in it yet. */
export async function addParticipants(
  db: Db,
  orgId: string,
  threadId: string,
  accountIds: readonly string[],
  addedBy: string,
  now: number,
): Promise<string[]> {
  const added: string[] = [];
  for (const accountId of new Set(accountIds)) {
    const r = await db.insert(threadParticipants).values({ orgId, threadId, accountId, addedAt: now, addedBy }).onConflictDoNothing();
    if (changes(r) > 0) added.push(accountId);
  }
  return added;
}

/** The line above a conversation: who can read it (its participants in the portal and its part of the team). */
export async function threadReaders(
  db: Db,
  orgId: string,
  clientId: string,
  threadId: string,
  viewerId: string,
  /** The thread's portal readers when the caller has them; else read here. */
  portalReaders?: PortalPerson[],
): Promise<ThreadReaders> {
  const portal = portalReaders ?? (await threadParticipantsOf(db, orgId, clientId, threadId));
  const chosen = await chosenStaff(db, threadId);
  const team =
    chosen.length === 0
      ? await careTeamMembers(db, orgId, clientId)
      : (
          await db
            .select({ id: accounts.id, name: accounts.displayName, role: accounts.staffRole })
            .from(accounts)
            .where(and(eq(accounts.orgId, orgId), inArray(accounts.id, chosen), eq(accounts.status, "active")))
            .orderBy(asc(accounts.displayName))
        ).map((m) => ({ id: m.id, name: m.name, role: m.role ?? "medewerker" }));
  return {
    portal: portal.map((p) => ({ name: p.name, you: p.id === viewerId })),
    staff: team.map((m) => ({ name: m.name, role: m.role, you: m.id === viewerId })),
    wholeTeam: chosen.length === 0,
  };
}
