// Care rules (WGBO) as the BFF applies them on every portal request and in the daily job: end of care,
// the client's age, and the consent that keeps a parent's or guardian's access after 16.
import { ageOn, birthdayAt, type CareState, CONSENT_AGE, type Consent, ownAccountAge } from "@portaal/shared/care";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { clients, placements, portalConsents, relations } from "../db/schema";
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
export function careOf(db: Db, orgId: string, clientId: string, today: string): { state: CareState["state"]; endedOn: string | null } {
  const rows = db
    .select({ startDate: placements.startDate, endDate: placements.endDate })
    .from(placements)
    .where(and(eq(placements.orgId, orgId), eq(placements.clientId, clientId)))
    .all();
  if (rows.some((p) => p.startDate <= today && (p.endDate === null || p.endDate >= today))) return { state: "actief", endedOn: null };
  const ended = rows.map((p) => p.endDate).filter((d): d is string => d !== null && d < today);
  if (ended.length === 0) return { state: "geen", endedOn: null };
  return { state: "beeindigd", endedOn: ended.sort().at(-1) ?? null };
}

export function careStateOf(db: Db, org: Organization, clientId: string, birthDate: string | null, now: number): CareState {
  const today = dutchToday(now);
  const care = careOf(db, org.id, clientId, today);
  return {
    ...care,
    closesPortal: org.policy.closeAtEndOfCare,
    age: birthDate ? ageOn(birthDate, today) : null,
    sixteenOn: birthDate ? birthdayAt(birthDate, CONSENT_AGE) : null,
  };
}

/** The consent in force for a relation, or null (never given, or revoked). */
export function activeConsent(db: Db, orgId: string, relationId: string): (Consent & { id: string }) | null {
  const row = db
    .select({ id: portalConsents.id, givenBy: portalConsents.givenBy, givenAt: portalConsents.givenAt })
    .from(portalConsents)
    .where(and(eq(portalConsents.orgId, orgId), eq(portalConsents.relationId, relationId), isNull(portalConsents.revokedAt)))
    .get();
  return row ?? null;
}

export interface Refusal {
  code: "care_ended" | "client_too_young" | "consent_needed";
  message: string;
}

/**
 * Why this account may not open this client's portal today under the care rules, or null. Read on
 * every portal request (a job that did not run never extends access) and by the daily job.
 */
export function careRefusal(
  db: Db,
  org: Organization,
  account: { clientId: string | null; contactId: string | null },
  clientId: string,
  now: number,
): Refusal | null {
  const client = db
    .select({ firstName: clients.firstName, birthDate: clients.birthDate })
    .from(clients)
    .where(and(eq(clients.orgId, org.id), eq(clients.id, clientId)))
    .get();
  if (!client) return null;
  const today = dutchToday(now);
  if (org.policy.closeAtEndOfCare) {
    const care = careOf(db, org.id, clientId, today);
    if (care.state === "beeindigd" && care.endedOn) {
      return {
        code: "care_ended",
        message: `De zorg is op ${dutchDate(care.endedOn)} beëindigd. Daarom is dit portaal gesloten. Heeft u vragen? Bel ${org.name}: ${org.phone}.`,
      };
    }
  }
  if (!client.birthDate) return null;
  const age = ageOn(client.birthDate, today);
  if (account.clientId === clientId) {
    const min = ownAccountAge(org.policy.minimumClientAge);
    if (age < min) {
      return {
        code: "client_too_young",
        message: `Een eigen account kan bij ${org.name} vanaf ${min} jaar. Dit portaal is daarom nog niet voor u open.`,
      };
    }
    return null;
  }
  if (account.contactId && age >= CONSENT_AGE) {
    const relation = db
      .select({ id: relations.id, gezag: relations.gezag })
      .from(relations)
      .where(and(eq(relations.orgId, org.id), eq(relations.clientId, clientId), eq(relations.contactId, account.contactId)))
      .get();
    if (relation?.gezag && !activeConsent(db, org.id, relation.id)) {
      return {
        code: "consent_needed",
        message: `${client.firstName} is 16 jaar of ouder en beslist nu zelf wie het portaal mag zien. Ouders en voogden hebben alleen toegang met toestemming van ${client.firstName}. Die toestemming is er niet (meer).`,
      };
    }
  }
  return null;
}
