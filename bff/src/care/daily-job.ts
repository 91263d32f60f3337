// The daily care job: applies end of care and the age rules to the grants (revokes, closes accounts that
// have no other portal, e-mails the holders) and tells relations with access 30 days before a 16th birthday.
// The BFF refuses on every request anyway (careRefusal); this job makes the state and the mails follow.
import { BIRTHDAY_NOTICE_DAYS, birthdayAt, CONSENT_AGE } from "@portaal/shared/care";
import { and, eq, inArray, isNull, ne } from "drizzle-orm";
import { appendAudit } from "../audit/log";
import { revokeLinkTokens } from "../auth/link-tokens";
import { endAllSessions, setAccountStatus } from "../db/access";
import { type Db, first, writeTx } from "../db/client";
import { allOrganizations } from "../db/organizations";
import { accounts, careNotices, clients, jobRuns, portalGrants, relations } from "../db/tables";
import {
  accessEndedAtSixteenMail,
  accessEndedNoConsentMail,
  portalClosedMail,
  turningSixteenMail,
  turningSixteenRelationMail,
} from "../mail/templates";
import type { Deps, Organization } from "../types";
import { activeConsent, careRefusal, dutchDate, dutchToday } from "./rules";

const JOB = "daily-care";
const DAY = 86_400_000;

export interface DailyCareResult {
  /** False when the job already ran on this Dutch day. */
  ran: boolean;
  day: string;
  grantsRevoked: number;
  accountsClosed: number;
  birthdayNotices: number;
}

/**
 * Runs once per Dutch calendar day (the day is remembered in the database, so a restart does not run it
 * twice, nor do several processes on one database). Call it as often as you like; `force` runs it again on
 * the same day (tests, the operator).
 */
export async function runDailyCareJobs(deps: Deps, opts: { force?: boolean } = {}): Promise<DailyCareResult> {
  const now = deps.clock();
  const day = dutchToday(now);
  const result: DailyCareResult = { ran: false, day, grantsRevoked: 0, accountsClosed: 0, birthdayNotices: 0 };
  // The day is claimed in one statement: of processes claiming it at once, one gets a row back.
  const claimed = await deps.db
    .insert(jobRuns)
    .values({ name: JOB, lastDay: day, ranAt: now })
    .onConflictDoUpdate({
      target: jobRuns.name,
      set: { lastDay: day, ranAt: now },
      setWhere: opts.force ? undefined : ne(jobRuns.lastDay, day),
    })
    .returning({ name: jobRuns.name });
  if (claimed.length === 0) return result;
  result.ran = true;
  for (const org of await allOrganizations(deps.db)) {
    // One transaction per organization: a failure in one leaves the others applied.
    await writeTx(deps.db, (tx) => applyOrganization(deps, tx, org, now, day, result));
  }
  deps.log.info({ ...result }, "daily care job ran");
  return result;
}

/** Inside the organization's transaction: every query and queued mail on `tx`. */
async function applyOrganization(deps: Deps, tx: Db, org: Organization, now: number, day: string, result: DailyCareResult) {
  const { mailer } = deps;
  const grants = await tx
    .select({
      grantId: portalGrants.id,
      clientId: portalGrants.clientId,
      accountId: accounts.id,
      email: accounts.email,
      displayName: accounts.displayName,
      status: accounts.status,
      clientOf: accounts.clientId,
      contactId: accounts.contactId,
    })
    .from(portalGrants)
    .innerJoin(accounts, eq(accounts.id, portalGrants.accountId))
    .where(and(eq(portalGrants.orgId, org.id), eq(portalGrants.status, "active"), eq(accounts.kind, "cov")));
  const touched = new Set<string>();
  for (const g of grants) {
    const refusal = await careRefusal(tx, org, { clientId: g.clientOf, contactId: g.contactId }, g.clientId, now);
    if (!refusal) continue;
    await tx.update(portalGrants).set({ status: "revoked", revokedAt: now }).where(eq(portalGrants.id, g.grantId));
    result.grantsRevoked++;
    touched.add(g.accountId);
    await appendAudit(tx, {
      orgId: org.id,
      actorId: null,
      actorLabel: "systeem (dagelijkse zorgregels)",
      clientId: g.clientId,
      action: "access.care-rule",
      objectType: "account",
      objectId: g.accountId,
      outcome: "success",
      details: { rule: refusal.code },
    });
    // Only people who could use the portal are told; an invitation that was never taken up just lapses.
    if (g.status === "active" || g.status === "blocked") {
      if (refusal.code === "care_ended") await mailer.enqueue(portalClosedMail(org, g.email, g.displayName), tx);
      else if (refusal.code === "consent_needed") await mailer.enqueue(accessEndedAtSixteenMail(org, g.email, g.displayName), tx);
      else if (refusal.code === "consent_missing") await mailer.enqueue(accessEndedNoConsentMail(org, g.email, g.displayName), tx);
    }
  }
  // An account left without any portal closes (its sessions end); one with another portal keeps that one.
  for (const accountId of touched) {
    const other = first(
      await tx
        .select({ id: portalGrants.id })
        .from(portalGrants)
        .where(and(eq(portalGrants.accountId, accountId), eq(portalGrants.status, "active")))
        .limit(1),
    );
    if (other) continue;
    await endAllSessions(tx, accountId);
    await revokeLinkTokens(tx, accountId);
    await setAccountStatus(tx, accountId, "closed", now);
    result.accountsClosed++;
  }
  result.birthdayNotices += await noticeComingBirthdays(deps, tx, org, now, day);
}

/** Clients whose 16th birthday falls within the next 30 days (after today), with their birth date. */
export async function clientsTurningSixteen(deps: Pick<Deps, "db">, orgId: string, day: string) {
  const horizon = dutchToday(Date.parse(`${day}T12:00:00Z`) + BIRTHDAY_NOTICE_DAYS * DAY);
  const rows = await deps.db
    .select({
      id: clients.id,
      firstName: clients.firstName,
      lastName: clients.lastName,
      clientNumber: clients.clientNumber,
      birthDate: clients.birthDate,
    })
    .from(clients)
    .where(eq(clients.orgId, orgId));
  return rows
    .flatMap((c) => {
      if (!c.birthDate) return [];
      const sixteenOn = birthdayAt(c.birthDate, CONSENT_AGE);
      return sixteenOn > day && sixteenOn <= horizon ? [{ ...c, birthDate: c.birthDate, sixteenOn }] : [];
    })
    .sort((a, b) => a.sixteenOn.localeCompare(b.sixteenOn));
}

/**
 * Relations of a client with an active grant whose access the 16th birthday ends unless the client
 * consents: parents and guardians with gezag, and relations without gezag (a gezag holder's consent lapses).
 */
export async function relationsWithAccess(deps: Pick<Deps, "db">, orgId: string, clientId: string) {
  return await deps.db
    .select({
      relationId: relations.id,
      gezag: relations.gezag,
      accountId: accounts.id,
      email: accounts.email,
      displayName: accounts.displayName,
      status: accounts.status,
    })
    .from(relations)
    .innerJoin(accounts, and(eq(accounts.orgId, orgId), eq(accounts.contactId, relations.contactId)))
    .innerJoin(
      portalGrants,
      and(eq(portalGrants.accountId, accounts.id), eq(portalGrants.clientId, clientId), eq(portalGrants.status, "active")),
    )
    .where(and(eq(relations.orgId, orgId), eq(relations.clientId, clientId), isNull(relations.endDate)));
}

async function noticeComingBirthdays(deps: Deps, tx: Db, org: Organization, now: number, day: string): Promise<number> {
  const { mailer } = deps;
  let sent = 0;
  for (const c of await clientsTurningSixteen({ db: tx }, org.id, day)) {
    const holders: Awaited<ReturnType<typeof relationsWithAccess>> = [];
    for (const h of await relationsWithAccess({ db: tx }, org.id, c.id)) {
      if ((h.status === "active" || h.status === "blocked") && !(await activeConsent(tx, org.id, h.relationId))) holders.push(h);
    }
    if (holders.length === 0) continue;
    const done = new Set(
      (
        await tx
          .select({ accountId: careNotices.accountId })
          .from(careNotices)
          .where(
            and(
              eq(careNotices.clientId, c.id),
              eq(careNotices.kind, `sixteen:${c.sixteenOn}`),
              inArray(
                careNotices.accountId,
                holders.map((h) => h.accountId),
              ),
            ),
          )
      ).map((n) => n.accountId),
    );
    for (const h of holders) {
      if (done.has(h.accountId)) continue;
      await tx
        .insert(careNotices)
        .values({ orgId: org.id, clientId: c.id, accountId: h.accountId, kind: `sixteen:${c.sixteenOn}`, sentAt: now });
      const mail = h.gezag ? turningSixteenMail : turningSixteenRelationMail;
      await mailer.enqueue(mail(org, h.email, h.displayName, dutchDate(c.sixteenOn)), tx);
      sent++;
    }
  }
  return sent;
}
