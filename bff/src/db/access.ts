// User access (gebruikerstoegang) to a client's portal: who has it, the prerequisites, and its lifecycle.
import type { AccessPerson, ActivateAccess } from "@portaal/shared/access";
import { ageOn, ownAccountAge } from "@portaal/shared/care";
import { isOwnDomainEmail } from "@portaal/shared/common";
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import { dutchToday, missingConsent } from "../care/rules";
import { newId } from "../lib/ids";
import type { Organization } from "../types";
import { accessStatusOf, blockReasonOf, newestActivationLinks } from "./access-states";
import { LOCKOUT_CLEARED } from "./accounts";
import { type Db, first } from "./client";
import {
  accounts,
  clients,
  contacts,
  placements,
  portalGrants,
  relations,
  sessions,
  totpCredentials,
  trustedDevices,
  webauthnCredentials,
} from "./tables";

type AccountStatus = (typeof accounts.$inferSelect)["status"];
/** The Dutch calendar day (Europe/Amsterdam): a placement ends, and a client turns 16, on a Dutch day. */
function todayIso(now = Date.now()): string {
  return dutchToday(now);
}

export async function hasActivePlacement(db: Db, orgId: string, clientId: string, now = Date.now()): Promise<boolean> {
  const today = todayIso(now);
  return (
    await db
      .select({ startDate: placements.startDate, endDate: placements.endDate })
      .from(placements)
      .where(and(eq(placements.orgId, orgId), eq(placements.clientId, clientId)))
  ).some((p) => p.startDate <= today && (p.endDate === null || p.endDate >= today));
}

interface Person {
  personType: "client" | "contact";
  /** The relation's id (contacts only). */
  relationId?: string;
  personId: string;
  name: string;
  role: string;
  gezag: boolean;
  email: string | null;
}

async function peopleOfClient(
  db: Db,
  orgId: string,
  clientId: string,
): Promise<{ client: typeof clients.$inferSelect; people: Person[] } | null> {
  const client = first(
    await db
      .select()
      .from(clients)
      .where(and(eq(clients.orgId, orgId), eq(clients.id, clientId))),
  );
  if (!client) return null;
  const rels = await db
    .select({ relationId: relations.id, contact: contacts, role: relations.role, gezag: relations.gezag })
    .from(relations)
    .innerJoin(contacts, eq(contacts.id, relations.contactId))
    // An ended relation is no longer a person of this portal: no access can be given to it.
    .where(and(eq(relations.orgId, orgId), eq(relations.clientId, clientId), isNull(relations.endDate)));
  return {
    client,
    people: [
      {
        personType: "client",
        personId: client.id,
        name: `${client.firstName} ${client.lastName}`,
        role: "cliënt",
        gezag: false,
        email: client.email,
      },
      ...rels.map((r) => ({
        personType: "contact" as const,
        relationId: r.relationId,
        personId: r.contact.id,
        name: `${r.contact.firstName} ${r.contact.lastName}`,
        role: r.role,
        gezag: r.gezag,
        email: r.contact.email,
      })),
    ],
  };
}

async function accountOfPerson(db: Db, orgId: string, person: { personType: "client" | "contact"; personId: string }) {
  const col = person.personType === "client" ? accounts.clientId : accounts.contactId;
  return first(
    await db
      .select()
      .from(accounts)
      .where(and(eq(accounts.orgId, orgId), eq(col, person.personId)))
      .limit(1),
  );
}

/** Why this person cannot get access yet: one sentence per reason, saying what to fix (or why it has to wait). */
async function missingFor(db: Db, org: Organization, client: typeof clients.$inferSelect, person: Person, now: number): Promise<string[]> {
  const missing: string[] = [];
  const min = ownAccountAge(org.policy.minimumClientAge);
  const age = client.birthDate ? ageOn(client.birthDate, todayIso(now)) : null;
  if (!client.birthDate) missing.push("De geboortedatum van de cliënt staat nog niet in het dossier.");
  else if (person.personType === "client" && age !== null && age < min) {
    missing.push(`${client.firstName} is nog geen ${min}: een eigen account kan vanaf ${min} jaar.`);
  } else if (person.personType === "contact" && person.relationId) {
    const consent = await missingConsent(
      db,
      org.id,
      client,
      { id: person.relationId, gezag: person.gezag, name: person.name, role: person.role },
      now,
    );
    if (consent) missing.push(consent);
  }
  if (!person.email) {
    missing.push(`Het e-mailadres van ${person.personType === "client" ? "de cliënt" : "deze relatie"} staat nog niet in het dossier.`);
  } else if (isOwnDomainEmail(person.email, org.emailDomain)) {
    missing.push("Het e-mailadres is een adres van de organisatie; er is een eigen e-mailadres nodig.");
  }
  if (!(await hasActivePlacement(db, org.id, client.id, now))) missing.push("Er is geen actieve plaatsing of actief product.");
  return missing;
}

export async function listAccessPeople(db: Db, org: Organization, clientId: string, now = Date.now()): Promise<AccessPerson[] | null> {
  const found = await peopleOfClient(db, org.id, clientId);
  if (!found) return null;
  const out: AccessPerson[] = [];
  for (const p of found.people) {
    const account = await accountOfPerson(db, org.id, p);
    const grant = account
      ? first(
          await db
            .select({ status: portalGrants.status })
            .from(portalGrants)
            .where(and(eq(portalGrants.accountId, account.id), eq(portalGrants.clientId, clientId)))
            .limit(1),
        )
      : undefined;
    // Closing revokes every grant; the closed account still shows, so staff can see it and reactivate it.
    const hasGrant = grant?.status === "active" || (grant !== undefined && account?.status === "closed");
    const factor =
      account !== undefined &&
      (first(
        await db
          .select({ id: totpCredentials.id })
          .from(totpCredentials)
          .where(and(eq(totpCredentials.accountId, account.id), eq(totpCredentials.confirmed, true)))
          .limit(1),
      ) !== undefined ||
        first(
          await db
            .select({ id: webauthnCredentials.id })
            .from(webauthnCredentials)
            .where(eq(webauthnCredentials.accountId, account.id))
            .limit(1),
        ) !== undefined);
    const shown = account && hasGrant ? account : null;
    const link = shown?.status === "invited" ? (await newestActivationLinks(db, [shown.id])).get(shown.id) : undefined;
    out.push({
      ...p,
      accountId: shown ? shown.id : null,
      status: shown ? accessStatusOf(shown, link, now) : "geen",
      lastLoginAt: shown ? shown.lastLoginAt : null,
      secondFactorSet: Boolean(shown && factor),
      secretQuestionSet: Boolean(shown?.secretAnswerHash),
      secretQuestion: shown?.secretAnswerHash ? shown.secretQuestion : null,
      blockedReason: shown?.status === "blocked" ? blockReasonOf(shown.blockedReason) : null,
      closeRequestedAt: shown && shown.status !== "closed" ? shown.closeRequestedAt : null,
      secretCheckBlocked: Boolean(shown && shown.secretCheckFailures >= SECRET_CHECK_LIMIT),
      missing: await missingFor(db, org, found.client, p, now),
    });
  }
  return out;
}

export type ActivateResult =
  | {
      ok: true;
      accountId: string;
      email: string;
      displayName: string;
      needsActivation: boolean;
      /** Whether the account had no active grant to this portal before: someone new gets access. */
      newGrant: boolean;
    }
  | { ok: false; status: 400 | 404 | 409; code: string; message: string };

/**
 * Grants a person access to a client's portal: creates the account when needed (status invited) and the
 * grant. An account that is already active only gains the portal. The caller sends the e-mail.
 */
export async function grantAccess(
  db: Db,
  org: Organization,
  clientId: string,
  input: ActivateAccess,
  now = Date.now(),
): Promise<ActivateResult> {
  const found = await peopleOfClient(db, org.id, clientId);
  if (!found)
    return { ok: false, status: 404, code: "client_not_found", message: "Deze cliënt bestaat niet of u heeft er geen toegang toe." };
  const person = found.people.find((p) => p.personType === input.personType && p.personId === input.personId);
  if (!person)
    return { ok: false, status: 404, code: "person_not_found", message: "Deze persoon is geen cliënt of actuele relatie van deze cliënt." };
  const missing = await missingFor(db, org, found.client, person, now);
  if (missing.length > 0 || !person.email) {
    return {
      ok: false,
      status: 400,
      code: "prerequisites_missing",
      message: `Toegang kan nog niet worden geactiveerd. ${missing.join(" ")}`,
    };
  }
  const email = person.email.toLowerCase();
  let account = await accountOfPerson(db, org.id, person);
  const sameEmail = first(
    await db
      .select()
      .from(accounts)
      .where(and(eq(accounts.orgId, org.id), eq(accounts.email, email)))
      .limit(1),
  );
  if (sameEmail && sameEmail.id !== account?.id) {
    return {
      ok: false,
      status: 409,
      code: "email_in_use",
      message:
        "Dit e-mailadres hoort al bij een ander account. Elk e-mailadres kan maar aan één account gekoppeld zijn; vraag om een eigen e-mailadres.",
    };
  }
  if (account && (account.status === "closed" || account.status === "deactivated")) {
    return {
      ok: false,
      status: 409,
      code: `account_${account.status}`,
      message: "Dit account is uitgeschakeld of gesloten. Gebruik Heractiveren om opnieuw toegang te geven.",
    };
  }
  if (!account) {
    const id = newId();
    await db.insert(accounts).values({
      id,
      orgId: org.id,
      email,
      kind: "cov",
      displayName: person.name,
      clientId: person.personType === "client" ? person.personId : null,
      contactId: person.personType === "contact" ? person.personId : null,
      status: "invited",
    });
    account = await accountOfPerson(db, org.id, person);
  }
  if (!account) throw new Error("account insert failed");
  const relation = person.personType === "client" ? "eigen" : person.role;
  const grant = first(
    await db
      .select()
      .from(portalGrants)
      .where(and(eq(portalGrants.accountId, account.id), eq(portalGrants.clientId, clientId)))
      .limit(1),
  );
  if (grant) {
    await db.update(portalGrants).set({ status: "active", revokedAt: null, relation }).where(eq(portalGrants.id, grant.id));
  } else {
    await db.insert(portalGrants).values({ id: newId(), orgId: org.id, accountId: account.id, clientId, relation, status: "active" });
  }
  return {
    ok: true,
    accountId: account.id,
    email,
    displayName: account.displayName,
    needsActivation: account.status === "invited",
    newGrant: grant?.status !== "active",
  };
}

/** The account of `accountId` when it can reach `clientId`'s portal (any grant state), scoped by org. */
export async function findAccountForClient(db: Db, orgId: string, clientId: string, accountId: string) {
  return first(
    await db
      .select({ account: accounts })
      .from(accounts)
      .innerJoin(portalGrants, and(eq(portalGrants.accountId, accounts.id), eq(portalGrants.clientId, clientId)))
      .where(and(eq(accounts.orgId, orgId), eq(accounts.id, accountId)))
      .limit(1),
  )?.account;
}

export async function endAllSessions(db: Db, accountId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.accountId, accountId));
  await db.delete(trustedDevices).where(eq(trustedDevices.accountId, accountId));
}

export async function setAccountStatus(db: Db, accountId: string, status: AccountStatus, now = Date.now()): Promise<void> {
  await db
    .update(accounts)
    .set({ status, updatedAt: now, ...(status === "active" ? { ...LOCKOUT_CLEARED, loginsWithoutFactor: 0, blockedReason: null } : {}) })
    .where(eq(accounts.id, accountId));
}

/** Wrong answers to the secret question before staff can no longer check it (until a beheerder resets it). */
export const SECRET_CHECK_LIMIT = 3;

/**
 * Takes one attempt at the secret question before the answer is hashed, counted as a miss until it
 * matches: concurrent checks cannot slip past the limit while the slow hash runs. Returns the attempts
 * left after this one, or null when the check is blocked.
 */
export async function claimSecretCheck(db: Db, accountId: string): Promise<number | null> {
  const row = first(
    await db
      .update(accounts)
      .set({ secretCheckFailures: sql`${accounts.secretCheckFailures} + 1` })
      .where(and(eq(accounts.id, accountId), lt(accounts.secretCheckFailures, SECRET_CHECK_LIMIT)))
      .returning({ failures: accounts.secretCheckFailures }),
  );
  return row ? SECRET_CHECK_LIMIT - row.failures : null;
}

/** A right answer: the misses before it no longer count. */
export async function clearSecretCheck(db: Db, accountId: string): Promise<void> {
  await db.update(accounts).set({ secretCheckFailures: 0 }).where(eq(accounts.id, accountId));
}

/** Reactivation starts over: no password, no factors, no trusted devices, no sessions. */
export async function resetCredentials(db: Db, accountId: string, now = Date.now()): Promise<void> {
  await endAllSessions(db, accountId);
  await db.delete(totpCredentials).where(eq(totpCredentials.accountId, accountId));
  await db.delete(webauthnCredentials).where(eq(webauthnCredentials.accountId, accountId));
  await db
    .update(accounts)
    .set({
      status: "invited",
      passwordHash: null,
      ...LOCKOUT_CLEARED,
      loginsWithoutFactor: 0,
      blockedReason: null,
      closeRequestedAt: null,
      updatedAt: now,
    })
    .where(eq(accounts.id, accountId));
}

/** Closing ends every grant; the account cannot log in again. */
export async function closeAccount(db: Db, accountId: string, now = Date.now()): Promise<void> {
  await endAllSessions(db, accountId);
  await db.update(portalGrants).set({ status: "revoked", revokedAt: now }).where(eq(portalGrants.accountId, accountId));
  await setAccountStatus(db, accountId, "closed", now);
}

export async function activeGrantClientIds(db: Db, accountId: string): Promise<string[]> {
  return (
    await db
      .select({ clientId: portalGrants.clientId })
      .from(portalGrants)
      .where(and(eq(portalGrants.accountId, accountId), eq(portalGrants.status, "active")))
  ).map((g) => g.clientId);
}

export async function clientBirthDate(db: Db, orgId: string, clientId: string): Promise<string | null> {
  return (
    first(
      await db
        .select({ b: clients.birthDate })
        .from(clients)
        .where(and(eq(clients.orgId, orgId), eq(clients.id, clientId))),
    )?.b ?? null
  );
}

export async function clientFirstName(db: Db, orgId: string, clientId: string): Promise<string> {
  return (
    first(
      await db
        .select({ n: clients.firstName })
        .from(clients)
        .where(and(eq(clients.orgId, orgId), eq(clients.id, clientId))),
    )?.n ?? ""
  );
}

/** The client themself, or a relation with gezag over them, may read who viewed their items. */
export async function mayReadAccessLog(
  db: Db,
  orgId: string,
  clientId: string,
  account: { clientId: string | null; contactId: string | null },
): Promise<boolean> {
  if (account.clientId === clientId) return true;
  if (!account.contactId) return false;
  const rel = first(
    await db
      .select({ gezag: relations.gezag })
      .from(relations)
      .where(
        and(
          eq(relations.orgId, orgId),
          eq(relations.clientId, clientId),
          eq(relations.contactId, account.contactId),
          isNull(relations.endDate),
        ),
      )
      .limit(1),
  );
  return rel?.gezag === true;
}
