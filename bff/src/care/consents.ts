// Consent of a client (16+) that a parent or guardian with gezag keeps access to the portal: given and
// revoked by staff in Beheer or by the client in Mijn account. Rows are never deleted (history).
import { ageOn, CONSENT_AGE, type ComingBirthday, type PortalViewer } from "@portaal/shared/care";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { clients, contacts, portalConsents, relations } from "../db/schema";
import { newId } from "../lib/ids";
import type { Deps } from "../types";
import { clientsTurningSixteen, gezagHoldersWithAccess } from "./daily-job";
import { activeConsent, dutchToday } from "./rules";

export type ConsentResult = { ok: true; changed: boolean } | { ok: false; reason: "relation_not_found" | "no_gezag" };

/** Gives (`given`) or revokes consent for one relation of the client; nothing changes when it already stands so. */
export function setConsent(
  db: Db,
  orgId: string,
  clientId: string,
  relationId: string,
  given: boolean,
  by: { kind: "medewerker" | "client"; accountId: string },
  now: number,
): ConsentResult {
  const relation = db
    .select({ id: relations.id, contactId: relations.contactId, gezag: relations.gezag })
    .from(relations)
    .where(and(eq(relations.orgId, orgId), eq(relations.clientId, clientId), eq(relations.id, relationId)))
    .get();
  if (!relation) return { ok: false, reason: "relation_not_found" };
  if (!relation.gezag) return { ok: false, reason: "no_gezag" };
  const current = activeConsent(db, orgId, relationId);
  if (given) {
    if (current) return { ok: true, changed: false };
    db.insert(portalConsents)
      .values({
        id: newId(),
        orgId,
        clientId,
        relationId,
        contactId: relation.contactId,
        givenBy: by.kind,
        givenById: by.accountId,
        givenAt: now,
      })
      .run();
    return { ok: true, changed: true };
  }
  if (!current) return { ok: true, changed: false };
  db.update(portalConsents)
    .set({ revokedAt: now, revokedById: by.accountId })
    .where(and(eq(portalConsents.id, current.id), isNull(portalConsents.revokedAt)))
    .run();
  return { ok: true, changed: true };
}

/** The parents and guardians with gezag of a client, with the consent in force for each. */
export function portalViewers(db: Db, orgId: string, clientId: string): PortalViewer[] {
  return db
    .select({ relationId: relations.id, firstName: contacts.firstName, lastName: contacts.lastName, role: relations.role })
    .from(relations)
    .innerJoin(contacts, eq(contacts.id, relations.contactId))
    .where(and(eq(relations.orgId, orgId), eq(relations.clientId, clientId), eq(relations.gezag, true)))
    .orderBy(asc(contacts.lastName), asc(contacts.firstName))
    .all()
    .map((r) => {
      const consent = activeConsent(db, orgId, r.relationId);
      return {
        relationId: r.relationId,
        name: `${r.firstName} ${r.lastName}`,
        role: r.role,
        consent: consent ? { givenBy: consent.givenBy, givenAt: consent.givenAt } : null,
      };
    });
}

/** Whether the client decides about their portal today (16 or older). */
export function clientDecides(db: Db, orgId: string, clientId: string, now: number): boolean {
  const c = db
    .select({ birthDate: clients.birthDate })
    .from(clients)
    .where(and(eq(clients.orgId, orgId), eq(clients.id, clientId)))
    .get();
  return Boolean(c?.birthDate && ageOn(c.birthDate, dutchToday(now)) >= CONSENT_AGE);
}

/** Werkvoorraad: clients turning 16 within 30 days, with the gezag holders who have access now. */
export function comingBirthdays(deps: Pick<Deps, "db">, orgId: string, now: number): ComingBirthday[] {
  return clientsTurningSixteen(deps, orgId, dutchToday(now)).map((c) => ({
    clientId: c.id,
    name: `${c.firstName} ${c.lastName}`,
    clientNumber: c.clientNumber,
    sixteenOn: c.sixteenOn,
    holders: gezagHoldersWithAccess(deps, orgId, c.id).map((h) => ({
      name: h.displayName,
      consent: activeConsent(deps.db, orgId, h.relationId) !== null,
    })),
  }));
}
