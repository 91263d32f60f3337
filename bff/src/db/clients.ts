// Clients, placements and actuele relaties as staff see them; every query is scoped by organization.
import type { AccessFilter } from "@portaal/shared/access";
import type { ClientDetail, ClientListResponse, ContactSummary, CreateRelation, LinkRelation } from "@portaal/shared/beheer";
import { ageOn } from "@portaal/shared/care";
import { and, asc, count, eq, inArray, like, or, sql } from "drizzle-orm";
import { careStateOf, consentFor, consentView, dutchToday, missingConsent } from "../care/rules";
import { newId } from "../lib/ids";
import type { Organization } from "../types";
import { accessRows, clientIdsWithAccess } from "./access-states";
import type { Db } from "./client";
import { careTeam, clients, contacts, placements, relations } from "./schema";

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
  return and(eq(relations.orgId, orgId), or(sql`${contactName} LIKE ${term} ESCAPE '\\'`, sql`${contacts.email} LIKE ${term} ESCAPE '\\'`));
}

export function listClients(
  db: Db,
  scope: ClientScope,
  q: { q?: string | undefined; page: number; pageSize: number; toegang?: AccessFilter | undefined },
  opts: { withAccess: boolean } = { withAccess: false },
): ClientListResponse {
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
    term
      ? or(
          sql`${fullName} LIKE ${term} ESCAPE '\\'`,
          like(clients.clientNumber, term),
          sql`${clients.email} LIKE ${term} ESCAPE '\\'`,
          viaRelation,
        )
      : undefined,
    q.toegang ? inArray(clients.id, clientIdsWithAccess(db, scope.orgId, q.toegang)) : undefined,
  );
  const total = db.select({ n: count() }).from(clients).where(where).get()?.n ?? 0;
  const rows = db
    .select({ id: clients.id, clientNumber: clients.clientNumber, name: fullName, birthDate: clients.birthDate })
    .from(clients)
    .where(where)
    .orderBy(asc(clients.lastName), asc(clients.firstName), asc(clients.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .all();
  const ids = rows.map((r) => r.id);
  const plac = ids.length
    ? db
        .select()
        .from(placements)
        .where(and(eq(placements.orgId, scope.orgId), inArray(placements.clientId, ids)))
        .all()
    : [];
  const matched =
    term && ids.length
      ? db
          .select({ clientId: relations.clientId, name: contactName, role: relations.role, email: contacts.email })
          .from(relations)
          .innerJoin(contacts, eq(contacts.id, relations.contactId))
          .where(and(relationMatch(scope.orgId, term), inArray(relations.clientId, ids)))
          .all()
      : [];
  const access = opts.withAccess ? accessRows(db, scope.orgId, { clientIds: ids }) : [];
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

export function clientVisible(db: Db, scope: ClientScope, clientId: string): boolean {
  return (
    db
      .select({ id: clients.id })
      .from(clients)
      .where(and(scopeWhere(scope), eq(clients.id, clientId)))
      .get() !== undefined
  );
}

export function getClientDetail(db: Db, scope: ClientScope, clientId: string, at: { org: Organization; now: number }): ClientDetail | null {
  const client = db
    .select()
    .from(clients)
    .where(and(scopeWhere(scope), eq(clients.id, clientId)))
    .get();
  if (!client) return null;
  const orgId = scope.orgId;
  const today = dutchToday(at.now);
  const age = client.birthDate ? ageOn(client.birthDate, today) : null;
  // An ended relation needs no consent any more; an actual one: the consent that counts, and what is missing.
  const consentOf = (r: { id: string; gezag: boolean; endDate: string | null; firstName: string; lastName: string; role: string }) => {
    if (r.endDate !== null) return { consent: null, consentMissing: null };
    const found = consentFor(db, orgId, r, age);
    const person = { id: r.id, gezag: r.gezag, name: `${r.firstName} ${r.lastName}`, role: r.role };
    return { consent: consentView(found.consent), consentMissing: missingConsent(db, orgId, client, person, at.now, found) };
  };
  const plac = db
    .select()
    .from(placements)
    .where(and(eq(placements.orgId, orgId), eq(placements.clientId, clientId)))
    .orderBy(asc(placements.startDate))
    .all();
  const rels = db
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
    .orderBy(sql`${relations.endDate} IS NOT NULL`, asc(contacts.lastName))
    .all();
  const contactIds = rels.map((r) => r.contactId);
  const others = contactIds.length
    ? db
        .select({ contactId: relations.contactId, id: clients.id, name: fullName })
        .from(relations)
        .innerJoin(clients, eq(clients.id, relations.clientId))
        .where(and(eq(relations.orgId, orgId), inArray(relations.contactId, contactIds)))
        .all()
    : [];
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
    relations: rels.map((r) => ({
      id: r.id,
      contactId: r.contactId,
      name: `${r.firstName} ${r.lastName}`,
      role: r.role as ClientDetail["relations"][number]["role"],
      gezag: r.gezag,
      email: r.email,
      phone: r.phone,
      otherClients: others.filter((o) => o.contactId === r.contactId && o.id !== clientId).map((o) => ({ id: o.id, name: o.name })),
      ...consentOf(r),
      endDate: r.endDate,
      version: r.version,
    })),
    care: careStateOf(db, at.org, clientId, client.birthDate, at.now),
  };
}

export type RelationResult =
  | { ok: true; relationId: string; contactId: string }
  | { ok: false; reason: "email_taken" | "already_linked" | "contact_not_found" };

export function createRelation(db: Db, orgId: string, clientId: string, input: CreateRelation): RelationResult {
  if (input.email) {
    const taken = db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.orgId, orgId), eq(contacts.email, input.email)))
      .get();
    if (taken) return { ok: false, reason: "email_taken" };
  }
  const contactId = newId();
  const relationId = newId();
  db.insert(contacts)
    .values({
      id: contactId,
      orgId,
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email ?? null,
      phone: input.phone ?? null,
    })
    .run();
  db.insert(relations)
    .values({ id: relationId, orgId, clientId, contactId, role: input.role, gezag: input.gezag, startDate: todayIso() })
    .run();
  return { ok: true, relationId, contactId };
}

export function linkRelation(db: Db, orgId: string, clientId: string, input: LinkRelation): RelationResult {
  const contact = db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.id, input.contactId)))
    .get();
  if (!contact) return { ok: false, reason: "contact_not_found" };
  const existing = db
    .select({ id: relations.id, endDate: relations.endDate })
    .from(relations)
    .where(and(eq(relations.orgId, orgId), eq(relations.clientId, clientId), eq(relations.contactId, input.contactId)))
    .get();
  if (existing && existing.endDate === null) return { ok: false, reason: "already_linked" };
  if (existing) {
    // An ended relation linked again becomes an actuele relatie from today; its access stays closed until
    // staff activate it again. The earlier period is in the audit log.
    db.update(relations)
      .set({ role: input.role, gezag: input.gezag, startDate: todayIso(), endDate: null, version: sql`${relations.version} + 1` })
      .where(eq(relations.id, existing.id))
      .run();
    return { ok: true, relationId: existing.id, contactId: input.contactId };
  }
  const relationId = newId();
  db.insert(relations)
    .values({ id: relationId, orgId, clientId, contactId: input.contactId, role: input.role, gezag: input.gezag, startDate: todayIso() })
    .run();
  return { ok: true, relationId, contactId: input.contactId };
}

export function searchContacts(db: Db, orgId: string, q: string): ContactSummary[] {
  const term = `%${escapeLike(q)}%`;
  const rows = db
    .select({ id: contacts.id, firstName: contacts.firstName, lastName: contacts.lastName, email: contacts.email })
    .from(contacts)
    .where(
      and(
        eq(contacts.orgId, orgId),
        or(
          sql`(${contacts.firstName} || ' ' || ${contacts.lastName}) LIKE ${term} ESCAPE '\\'`,
          sql`${contacts.email} LIKE ${term} ESCAPE '\\'`,
        ),
      ),
    )
    .orderBy(asc(contacts.lastName))
    .limit(20)
    .all();
  const ids = rows.map((r) => r.id);
  const links = ids.length
    ? db
        .select({ contactId: relations.contactId, id: clients.id, name: fullName })
        .from(relations)
        .innerJoin(clients, eq(clients.id, relations.clientId))
        .where(and(eq(relations.orgId, orgId), inArray(relations.contactId, ids)))
        .all()
    : [];
  return rows.map((r) => ({
    id: r.id,
    name: `${r.firstName} ${r.lastName}`,
    email: r.email,
    clients: links.filter((l) => l.contactId === r.id).map((l) => ({ id: l.id, name: l.name })),
  }));
}
