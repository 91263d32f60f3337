// Clients, placements and actuele relaties as staff see them; every query is scoped by organization.
import type { AccessFilter } from "@portaal/shared/access";
import type { ClientDetail, ClientListResponse, ContactSummary, CreateRelation, LinkRelation } from "@portaal/shared/beheer";
import { ageOn } from "@portaal/shared/care";
import { and, asc, count, eq, inArray, or, sql } from "drizzle-orm";
import { careStateOf, consentFor, consentView, dutchToday, missingConsent } from "../care/rules";
import { newId } from "../lib/ids";
import type { Organization } from "../types";
import { accessRows, clientIdsWithAccess } from "./access-states";
import { type Db, first } from "./client";
import { ilike } from "./dialect";
import { careTeam, clients, contacts, placements, relations } from "./tables";

const fullName = sql<string>`${clients.firstName} || ' ' || ${clients.lastName}`;

/** Today as the Dutch calendar has it (Europe/Amsterdam): a placement ends on a Dutch day. */
function todayIso(): string {
  return dutchToday(Date.now());
}

function isActive(p: { startDate: string; endDate: string | null }, today = todayIso()): boolean {
  return p.startDate <= today && (p.endDate === null || p.endDate >= today);
}

/** Limits a staff member to the clients they may see: all of them, or their care team's. */
export interface ClientScope {
  orgId: string;
  /** When set, only clients whose care team includes this staff member. */
  careTeamOf: string | null;
}

function scopeWhere(scope: ClientScope) {
  const base = eq(clients.orgId, scope.orgId);
  if (!scope.careTeamOf) return base;
  return and(
    base,
    inArray(
      clients.id,
      sql`(SELECT ${careTeam.clientId} FROM ${careTeam} WHERE ${careTeam.orgId} = ${scope.orgId} AND ${careTeam.staffId} = ${scope.careTeamOf})`,
    ),
  );
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

const contactName = sql<string>`${contacts.firstName} || ' ' || ${contacts.lastName}`;

/** Relations whose name or e-mail matches: a parent who phones in is found by their own name or address. */
function relationMatch(orgId: string, term: string) {
  return and(eq(relations.orgId, orgId), or(ilike(contactName, term), ilike(contacts.email, term)));
}

export async function listClients(
  db: Db,
  scope: ClientScope,
  q: { q?: string | undefined; page: number; pageSize: number; toegang?: AccessFilter | undefined },
  opts: { withAccess: boolean } = { withAccess: false },
): Promise<ClientListResponse> {
  const term = q.q ? `%${escapeLike(q.q)}%` : null;
  const viaRelation = term
    ? inArray(
        clients.id,
        db
          .select({ id: relations.clientId })
          .from(relations)
          .innerJoin(contacts, eq(contacts.id, relations.contactId))
          .where(relationMatch(scope.orgId, term)),
      )
    : undefined;
  const where = and(
    scopeWhere(scope),
    term ? or(ilike(fullName, term), ilike(clients.clientNumber, term), ilike(clients.email, term), viaRelation) : undefined,
    q.toegang ? inArray(clients.id, await clientIdsWithAccess(db, scope.orgId, q.toegang)) : undefined,
  );
  const total = first(await db.select({ n: count() }).from(clients).where(where))?.n ?? 0;
  const rows = await db
    .select({ id: clients.id, clientNumber: clients.clientNumber, name: fullName, birthDate: clients.birthDate })
    .from(clients)
    .where(where)
    .orderBy(asc(clients.lastName), asc(clients.firstName), asc(clients.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const ids = rows.map((r) => r.id);
  const plac = ids.length
    ? await db
        .select()
        .from(placements)
        .where(and(eq(placements.orgId, scope.orgId), inArray(placements.clientId, ids)))
    : [];
  const matched =
    term && ids.length
      ? await db
          .select({ clientId: relations.clientId, name: contactName, role: relations.role, email: contacts.email })
          .from(relations)
          .innerJoin(contacts, eq(contacts.id, relations.contactId))
          .where(and(relationMatch(scope.orgId, term), inArray(relations.clientId, ids)))
      : [];
  const access = opts.withAccess ? await accessRows(db, scope.orgId, { clientIds: ids }) : [];
  const today = todayIso();
  return {
    items: rows.map((r) => ({
      ...r,
      activePlacement: plac.find((p) => p.clientId === r.id && isActive(p, today))?.name ?? null,
      matchedRelations: matched.filter((m) => m.clientId === r.id).map(({ name, role, email }) => ({ name, role, email })),
      access: access
        .filter((a) => a.clientId === r.id)
        .map((a) => ({
          name: a.account.displayName,
          role: a.relation === "eigen" ? "cliënt" : a.relation,
          status: a.status,
          blockedReason: a.blockedReason,
          closeRequested: a.closeRequested,
        })),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function clientVisible(db: Db, scope: ClientScope, clientId: string): Promise<boolean> {
  return (
    first(
      await db
        .select({ id: clients.id })
        .from(clients)
        .where(and(scopeWhere(scope), eq(clients.id, clientId))),
    ) !== undefined
  );
}

export async function getClientDetail(
  db: Db,
  scope: ClientScope,
  clientId: string,
  at: { org: Organization; now: number },
): Promise<ClientDetail | null> {
  const client = first(
    await db
      .select()
      .from(clients)
      .where(and(scopeWhere(scope), eq(clients.id, clientId))),
  );
  if (!client) return null;
  const orgId = scope.orgId;
  const today = dutchToday(at.now);
  const age = client.birthDate ? ageOn(client.birthDate, today) : null;
  // An ended relation needs no consent any more; an actual one: the consent that counts, and what is missing.
  const consentOf = async (r: {
    id: string;
    gezag: boolean;
    endDate: string | null;
    firstName: string;
    lastName: string;
    role: string;
  }) => {
    if (r.endDate !== null) return { consent: null, consentMissing: null };
    const found = await consentFor(db, orgId, r, age);
    const person = { id: r.id, gezag: r.gezag, name: `${r.firstName} ${r.lastName}`, role: r.role };
    return { consent: consentView(found.consent), consentMissing: await missingConsent(db, orgId, client, person, at.now, found) };
  };
  const plac = await db
    .select()
    .from(placements)
    .where(and(eq(placements.orgId, orgId), eq(placements.clientId, clientId)))
    .orderBy(asc(placements.startDate));
  const rels = await db
    .select({
      id: relations.id,
      contactId: contacts.id,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      email: contacts.email,
      phone: contacts.phone,
      role: relations.role,
      gezag: relations.gezag,
      endDate: relations.endDate,
      version: relations.version,
    })
    .from(relations)
    .innerJoin(contacts, eq(contacts.id, relations.contactId))
    .where(and(eq(relations.orgId, orgId), eq(relations.clientId, clientId)))
    // Actuele relaties first, ended ones after them (they stay as history).
    .orderBy(sql`${relations.endDate} IS NOT NULL`, asc(contacts.lastName));
  const contactIds = rels.map((r) => r.contactId);
  const others = contactIds.length
    ? await db
        .select({ contactId: relations.contactId, id: clients.id, name: fullName })
        .from(relations)
        .innerJoin(clients, eq(clients.id, relations.clientId))
        .where(and(eq(relations.orgId, orgId), inArray(relations.contactId, contactIds)))
    : [];
  const relationItems: ClientDetail["relations"] = [];
  for (const r of rels) {
    relationItems.push({
      id: r.id,
      contactId: r.contactId,
      name: `${r.firstName} ${r.lastName}`,
      role: r.role as ClientDetail["relations"][number]["role"],
      gezag: r.gezag,
      email: r.email,
      phone: r.phone,
      otherClients: others.filter((o) => o.contactId === r.contactId && o.id !== clientId).map((o) => ({ id: o.id, name: o.name })),
      ...(await consentOf(r)),
      endDate: r.endDate,
      version: r.version,
    });
  }
  return {
    id: client.id,
    clientNumber: client.clientNumber,
    firstName: client.firstName,
    lastName: client.lastName,
    birthDate: client.birthDate,
    email: client.email,
    phone: client.phone,
    address: client.address,
    version: client.version,
    placements: plac.map((p) => ({
      id: p.id,
      kind: p.kind,
      name: p.name,
      location: p.location,
      startDate: p.startDate,
      endDate: p.endDate,
      active: isActive(p, today),
      version: p.version,
    })),
    relations: relationItems,
    care: await careStateOf(db, at.org, clientId, client.birthDate, at.now),
  };
}

export type RelationResult =
  | { ok: true; relationId: string; contactId: string }
  | { ok: false; reason: "email_taken" | "already_linked" | "contact_not_found" };

export async function createRelation(db: Db, orgId: string, clientId: string, input: CreateRelation): Promise<RelationResult> {
  if (input.email) {
    const taken = first(
      await db
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.orgId, orgId), eq(contacts.email, input.email)))
        .limit(1),
    );
    if (taken) return { ok: false, reason: "email_taken" };
  }
  const contactId = newId();
  const relationId = newId();
  await db.insert(contacts).values({
    id: contactId,
    orgId,
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email ?? null,
    phone: input.phone ?? null,
  });
  await db
    .insert(relations)
    .values({ id: relationId, orgId, clientId, contactId, role: input.role, gezag: input.gezag, startDate: todayIso() });
  return { ok: true, relationId, contactId };
}

export async function linkRelation(db: Db, orgId: string, clientId: string, input: LinkRelation): Promise<RelationResult> {
  const contact = first(
    await db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.orgId, orgId), eq(contacts.id, input.contactId))),
  );
  if (!contact) return { ok: false, reason: "contact_not_found" };
  const existing = first(
    await db
      .select({ id: relations.id, endDate: relations.endDate })
      .from(relations)
      .where(and(eq(relations.orgId, orgId), eq(relations.clientId, clientId), eq(relations.contactId, input.contactId)))
      .limit(1),
  );
  if (existing && existing.endDate === null) return { ok: false, reason: "already_linked" };
  if (existing) {
    // An ended relation linked again becomes an actuele relatie from today; its access stays closed until
    // staff activate it again. The earlier period is in the audit log.
    await db
      .update(relations)
      .set({ role: input.role, gezag: input.gezag, startDate: todayIso(), endDate: null, version: sql`${relations.version} + 1` })
      .where(eq(relations.id, existing.id));
    return { ok: true, relationId: existing.id, contactId: input.contactId };
  }
  const relationId = newId();
  await db
    .insert(relations)
    .values({ id: relationId, orgId, clientId, contactId: input.contactId, role: input.role, gezag: input.gezag, startDate: todayIso() });
  return { ok: true, relationId, contactId: input.contactId };
}

export async function searchContacts(db: Db, orgId: string, q: string): Promise<ContactSummary[]> {
  const term = `%${escapeLike(q)}%`;
  const rows = await db
    .select({ id: contacts.id, firstName: contacts.firstName, lastName: contacts.lastName, email: contacts.email })
    .from(contacts)
    .where(
      and(
        eq(contacts.orgId, orgId),
        or(ilike(sql`(${contacts.firstName} || ' ' || ${contacts.lastName})`, term), ilike(contacts.email, term)),
      ),
    )
    .orderBy(asc(contacts.lastName))
    .limit(20);
  const ids = rows.map((r) => r.id);
  const links = ids.length
    ? await db
        .select({ contactId: relations.contactId, id: clients.id, name: fullName })
        .from(relations)
        .innerJoin(clients, eq(clients.id, relations.clientId))
        .where(and(eq(relations.orgId, orgId), inArray(relations.contactId, ids)))
    : [];
  return rows.map((r) => ({
    id: r.id,
    name: `${r.firstName} ${r.lastName}`,
    email: r.email,
    clients: links.filter((l) => l.contactId === r.id).map((l) => ({ id: l.id, name: l.name })),
  }));
}
