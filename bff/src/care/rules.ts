// Care rules (WGBO) as the BFF applies them on every portal request and in the daily job: end of care,
// the client's age, and consent: a parent's or guardian's access after 16, a relation without gezag.
import { ageOn, birthdayAt, type CareState, CONSENT_AGE, type Consent, ownAccountAge } from "@portaal/shared/care";
import { and, eq, isNull } from "drizzle-orm";
import { type Db, first } from "../db/client";
import { clients, contacts, placements, portalConsents, relations } from "../db/tables";
import { amsterdamDate } from "../lib/dutch-time";
import type { Organization } from "../types";

/** The Dutch calendar day (Europe/Amsterdam) at `now`, as YYYY-MM-DD. */
export function dutchToday(now: number): string {
  return amsterdamDate(now);
}

/** 2026-12-31 → 31-12-2026, as Dutch readers write a date. */
export function dutchDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}-${m}-${y}`;
}

/**
 * Whether care runs on `today`: a placement or product whose start is on or before today and whose end
 * (inclusive) is not before it. When none runs and one has ended, care ended on the last end date.
 */
export async function careOf(
  db: Db,
  orgId: string,
  clientId: string,
  today: string,
): Promise<{ state: CareState["state"]; endedOn: string | null }> {
  const rows = await db
    .select({ startDate: placements.startDate, endDate: placements.endDate })
    .from(placements)
    .where(and(eq(placements.orgId, orgId), eq(placements.clientId, clientId)));
  if (rows.some((p) => p.startDate <= today && (p.endDate === null || p.endDate >= today))) return { state: "actief", endedOn: null };
  const ended = rows.map((p) => p.endDate).filter((d): d is string => d !== null && d < today);
  if (ended.length === 0) return { state: "geen", endedOn: null };
  return { state: "beeindigd", endedOn: ended.sort().at(-1) ?? null };
}

export async function careStateOf(db: Db, org: Organization, clientId: string, birthDate: string | null, now: number): Promise<CareState> {
  const today = dutchToday(now);
  const care = await careOf(db, org.id, clientId, today);
  return {
    ...care,
    closesPortal: org.policy.closeAtEndOfCare,
    age: birthDate ? ageOn(birthDate, today) : null,
    sixteenOn: birthDate ? birthdayAt(birthDate, CONSENT_AGE) : null,
  };
}

export interface ConsentRow extends Consent {
  id: string;
}

/** Every consent not revoked for a relation: the client's and gezag holders'. */
export async function activeConsents(db: Db, orgId: string, relationId: string): Promise<ConsentRow[]> {
  const rows = await db
    .select({
      id: portalConsents.id,
      givenBy: portalConsents.givenBy,
      givenAt: portalConsents.givenAt,
      decidedBy: portalConsents.decidedBy,
      gezagRelationId: portalConsents.gezagRelationId,
      first: contacts.firstName,
      last: contacts.lastName,
    })
    .from(portalConsents)
    .leftJoin(relations, eq(relations.id, portalConsents.gezagRelationId))
    .leftJoin(contacts, eq(contacts.id, relations.contactId))
    .where(and(eq(portalConsents.orgId, orgId), eq(portalConsents.relationId, relationId), isNull(portalConsents.revokedAt)));
  return rows.map(({ first, last, ...r }) => ({ ...r, gezagHolder: first ? `${first} ${last}` : null }));
}

/** Public shape of a consent row (no ids). */
export function consentView(c: ConsentRow | null): Consent | null {
  return c
    ? { givenBy: c.givenBy, givenAt: c.givenAt, decidedBy: c.decidedBy, gezagHolder: c.gezagHolder, gezagRelationId: c.gezagRelationId }
    : null;
}

/** The client's own consent for a relation, or null (never given, or revoked). */
export async function activeConsent(db: Db, orgId: string, relationId: string): Promise<ConsentRow | null> {
  return (await activeConsents(db, orgId, relationId)).find((c) => c.decidedBy === "client") ?? null;
}

/** Whether a gezag holder's relation still stands with gezag: a consent of someone who lost gezag no longer counts. */
async function holdsGezag(db: Db, orgId: string, relationId: string | null): Promise<boolean> {
  if (!relationId) return false;
  const r = first(
    await db
      .select({ gezag: relations.gezag, endDate: relations.endDate })
      .from(relations)
      .where(and(eq(relations.orgId, orgId), eq(relations.id, relationId))),
  );
  return Boolean(r?.gezag && r.endDate === null);
}

/**
 * Whose consent a relation needs today (WGBO), and the one that counts:
 * - with gezag: none under 16; from 16 the client's;
 * - without gezag (verwant, mentor, …): under 16 a gezag holder's; from 16 the client's (a gezag
 *   holder's consent lapses on the 16th birthday: from then on the client decides).
 * An unknown age counts as under 16 (activation needs the birth date anyway).
 */
export async function consentFor(
  db: Db,
  orgId: string,
  relation: { id: string; gezag: boolean },
  age: number | null,
): Promise<{ needed: "none" | "client" | "gezaghouder"; consent: ConsentRow | null }> {
  const adult = age !== null && age >= CONSENT_AGE;
  const all = await activeConsents(db, orgId, relation.id);
  const own = all.find((c) => c.decidedBy === "client") ?? null;
  if (relation.gezag) return { needed: adult ? "client" : "none", consent: own };
  if (adult) return { needed: "client", consent: own };
  for (const c of all) {
    if (c.decidedBy === "gezaghouder" && (await holdsGezag(db, orgId, c.gezagRelationId))) return { needed: "gezaghouder", consent: c };
  }
  return { needed: "gezaghouder", consent: null };
}

/** The names of a client's gezag holders (actuele relaties), for the sentence that says whose consent is missing. */
export async function gezagHolderNames(db: Db, orgId: string, clientId: string): Promise<string[]> {
  const rows = await db
    .select({ first: contacts.firstName, last: contacts.lastName })
    .from(relations)
    .innerJoin(contacts, eq(contacts.id, relations.contactId))
    .where(and(eq(relations.orgId, orgId), eq(relations.clientId, clientId), eq(relations.gezag, true), isNull(relations.endDate)));
  return rows.map((r) => `${r.first} ${r.last}`);
}

/**
 * For staff: the sentence that says whose consent this relation lacks before it can have access today,
 * or null when none is missing.
 */
export async function missingConsent(
  db: Db,
  orgId: string,
  client: { id: string; firstName: string; birthDate: string | null },
  relation: { id: string; gezag: boolean; name: string; role: string },
  now: number,
  found?: Awaited<ReturnType<typeof consentFor>>,
): Promise<string | null> {
  const age = client.birthDate ? ageOn(client.birthDate, dutchToday(now)) : null;
  const { needed, consent } = found ?? (await consentFor(db, orgId, relation, age));
  if (needed === "none" || consent) return null;
  if (relation.gezag) {
    return `${client.firstName} is 16 jaar of ouder: ouders en voogden krijgen alleen toegang met toestemming van ${client.firstName}. Leg die toestemming eerst vast.`;
  }
  const who = `${relation.name} (${relation.role}, zonder gezag)`;
  if (needed === "client") {
    return `Voor toegang van ${who} is toestemming van ${client.firstName} nodig: ${client.firstName} is 16 jaar of ouder en beslist dat zelf. Leg die toestemming eerst vast.`;
  }
  const holders = await gezagHolderNames(db, orgId, client.id);
  if (holders.length === 0) {
    return `Voor toegang van ${who} is toestemming nodig van een ouder of voogd met gezag, maar er staat geen relatie met gezag in het dossier. Voeg die eerst toe en leg de toestemming vast.`;
  }
  return `Voor toegang van ${who} is toestemming nodig van een ouder of voogd met gezag (${holders.join(" of ")}). Leg die toestemming eerst vast.`;
}

export interface Refusal {
  code: "care_ended" | "client_too_young" | "consent_needed" | "consent_missing";
  message: string;
}

/**
 * Why this account may not open this client's portal today under the care rules, or null. Read on
 * every portal request (a job that did not run never extends access) and by the daily job.
 */
export async function careRefusal(
  db: Db,
  org: Organization,
  account: { clientId: string | null; contactId: string | null },
  clientId: string,
  now: number,
): Promise<Refusal | null> {
  const client = first(
    await db
      .select({ firstName: clients.firstName, birthDate: clients.birthDate })
      .from(clients)
      .where(and(eq(clients.orgId, org.id), eq(clients.id, clientId))),
  );
  if (!client) return null;
  const today = dutchToday(now);
  if (org.policy.closeAtEndOfCare) {
    const care = await careOf(db, org.id, clientId, today);
    if (care.state === "beeindigd" && care.endedOn) {
      return {
        code: "care_ended",
        message: `De zorg is op ${dutchDate(care.endedOn)} beëindigd. Daarom is dit portaal gesloten. Heeft u vragen? Bel ${org.name}: ${org.phone}.`,
      };
    }
  }
  const age = client.birthDate ? ageOn(client.birthDate, today) : null;
  if (account.clientId === clientId) {
    if (age === null) return null;
    const min = ownAccountAge(org.policy.minimumClientAge);
    if (age < min) {
      return {
        code: "client_too_young",
        message: `Een eigen account kan bij ${org.name} vanaf ${min} jaar. Dit portaal is daarom nog niet voor u open.`,
      };
    }
    return null;
  }
  if (account.contactId) {
    const relation = first(
      await db
        .select({ id: relations.id, gezag: relations.gezag })
        .from(relations)
        .where(and(eq(relations.orgId, org.id), eq(relations.clientId, clientId), eq(relations.contactId, account.contactId)))
        .limit(1),
    );
    // A parent or guardian with gezag of a minor needs no consent: the common case, with nothing to look up.
    if (!relation || (relation.gezag && (age === null || age < CONSENT_AGE))) return null;
    const { needed, consent } = await consentFor(db, org.id, relation, age);
    if (needed === "none" || consent) return null;
    if (relation.gezag) {
      return {
        code: "consent_needed",
        message: `${client.firstName} is 16 jaar of ouder en beslist nu zelf wie het portaal mag zien. Ouders en voogden hebben alleen toegang met toestemming van ${client.firstName}. Die toestemming is er niet (meer).`,
      };
    }
    const whose = needed === "client" ? client.firstName : `een ouder of voogd met gezag van ${client.firstName}`;
    return {
      code: "consent_missing",
      message: `Voor uw toegang tot dit portaal is toestemming nodig van ${whose}. Die toestemming is er niet (meer). Heeft u vragen? Bel ${org.name}: ${org.phone}.`,
    };
  }
  return null;
}
