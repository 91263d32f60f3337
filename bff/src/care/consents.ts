// Consent that a relation may see the client's portal: the client's (16+) for parents and guardians with
// gezag and for relations without gezag, a gezag holder's for relations without gezag of a client under 16.
// Given and revoked by staff in Beheer or by the client in Mijn account. Rows are never deleted (history).
import { ageOn, CONSENT_AGE, type ComingBirthday, type PortalViewer } from "@portaal/shared/care";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { type Db, first } from "../db/client";
import { clients, contacts, portalConsents, relations } from "../db/tables";
import { newId } from "../lib/ids";
import type { Deps } from "../types";
import { clientsTurningSixteen, relationsWithAccess } from "./daily-job";
import { activeConsent, activeConsents, consentFor, consentView, dutchToday } from "./rules";

export type ConsentResult =
  | { ok: true; changed: boolean }
  | { ok: false; reason: "relation_not_found" | "relation_ended" | "not_gezag_holder" | "gezag_needs_client" | "client_decides" };

/** Whose consent is recorded: the client's own, or that of a parent or guardian with gezag (their relation). */
export type Decider = { kind: "client" } | { kind: "gezaghouder"; relationId: string };

/**
 * Gives (`given`) or revokes one person's consent for one relation of the client; nothing changes when it
 * already stands so. A gezag holder decides only for a relation without gezag, and only while the client
 * is under 16; the client's own consent may be recorded at any age (it counts from the 16th birthday).
 */
export async function setConsent(
  db: Db,
  orgId: string,
  clientId: string,
  relationId: string,
  given: boolean,
  by: { kind: "medewerker" | "client"; accountId: string },
  now: number,
  decider: Decider = { kind: "client" },
): Promise<ConsentResult> {
  const relation = first(
    await db
      .select({ id: relations.id, contactId: relations.contactId, gezag: relations.gezag, endDate: relations.endDate })
      .from(relations)
      .where(and(eq(relations.orgId, orgId), eq(relations.clientId, clientId), eq(relations.id, relationId))),
  );
  if (!relation) return { ok: false, reason: "relation_not_found" };
  if (relation.endDate !== null && given) return { ok: false, reason: "relation_ended" };
  if (decider.kind === "gezaghouder") {
    if (relation.gezag) return { ok: false, reason: "gezag_needs_client" };
    const holder = first(
      await db
        .select({ gezag: relations.gezag, endDate: relations.endDate })
        .from(relations)
        .where(and(eq(relations.orgId, orgId), eq(relations.clientId, clientId), eq(relations.id, decider.relationId))),
    );
    if (!holder?.gezag || holder.endDate !== null || decider.relationId === relationId) return { ok: false, reason: "not_gezag_holder" };
    if (given && (await clientDecides(db, orgId, clientId, now))) return { ok: false, reason: "client_decides" };
  }
  const current = (await activeConsents(db, orgId, relationId)).find((c) =>
    decider.kind === "client" ? c.decidedBy === "client" : c.decidedBy === "gezaghouder" && c.gezagRelationId === decider.relationId,
  );
  if (given) {
    if (current) return { ok: true, changed: false };
    await db.insert(portalConsents).values({
      id: newId(),
      orgId,
      clientId,
      relationId,
      contactId: relation.contactId,
      givenBy: by.kind,
      givenById: by.accountId,
      givenAt: now,
      decidedBy: decider.kind,
      gezagRelationId: decider.kind === "gezaghouder" ? decider.relationId : null,
    });
    return { ok: true, changed: true };
  }
  if (!current) return { ok: true, changed: false };
  await db
    .update(portalConsents)
    .set({ revokedAt: now, revokedById: by.accountId })
    .where(and(eq(portalConsents.id, current.id), isNull(portalConsents.revokedAt)));
  return { ok: true, changed: true };
}

/** The client's actuele relaties, with or without gezag, with the consent that counts for each today. */
export async function portalViewers(db: Db, orgId: string, clientId: string, now: number): Promise<PortalViewer[]> {
  const c = first(
    await db
      .select({ birthDate: clients.birthDate })
      .from(clients)
      .where(and(eq(clients.orgId, orgId), eq(clients.id, clientId))),
  );
  const age = c?.birthDate ? ageOn(c.birthDate, dutchToday(now)) : null;
  const rows = await db
    .select({
      relationId: relations.id,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      role: relations.role,
      gezag: relations.gezag,
    })
    .from(relations)
    .innerJoin(contacts, eq(contacts.id, relations.contactId))
    .where(and(eq(relations.orgId, orgId), eq(relations.clientId, clientId), isNull(relations.endDate)))
    .orderBy(desc(relations.gezag), asc(contacts.lastName), asc(contacts.firstName));
  const viewers: PortalViewer[] = [];
  for (const r of rows) {
    viewers.push({
      relationId: r.relationId,
      name: `${r.firstName} ${r.lastName}`,
      role: r.role,
      gezag: r.gezag,
      consent: consentView((await consentFor(db, orgId, { id: r.relationId, gezag: r.gezag }, age)).consent),
    });
  }
  return viewers;
}

/** Whether the client decides about their portal today (16 or older). */
export async function clientDecides(db: Db, orgId: string, clientId: string, now: number): Promise<boolean> {
  const c = first(
    await db
      .select({ birthDate: clients.birthDate })
      .from(clients)
      .where(and(eq(clients.orgId, orgId), eq(clients.id, clientId))),
  );
  return Boolean(c?.birthDate && ageOn(c.birthDate, dutchToday(now)) >= CONSENT_AGE);
}

/** Werkvoorraad: clients turning 16 within 30 days, with the relations who have access now (their access ends without consent). */
export async function comingBirthdays(deps: Pick<Deps, "db">, orgId: string, now: number): Promise<ComingBirthday[]> {
  const coming: ComingBirthday[] = [];
  for (const c of await clientsTurningSixteen(deps, orgId, dutchToday(now))) {
    const holders: ComingBirthday["holders"] = [];
    for (const h of await relationsWithAccess(deps, orgId, c.id)) {
      holders.push({ name: h.displayName, consent: (await activeConsent(deps.db, orgId, h.relationId)) !== null });
    }
    coming.push({ clientId: c.id, name: `${c.firstName} ${c.lastName}`, clientNumber: c.clientNumber, sixteenOn: c.sixteenOn, holders });
  }
  return coming;
}
