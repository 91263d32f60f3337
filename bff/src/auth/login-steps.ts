// What a login step answers when codes or passwords run out (blocks, pauses and their e-mails), and the
// completed second factor. Used by the login routes and by Mijn account's re-authentication.
import type { LockoutStep } from "@portaal/shared/policy";
import type { Context } from "hono";
import { appendAudit } from "../audit/log";
import { clearFailedCodes, recordFailedCode, recordLogin } from "../db/accounts";
import { type Db, writeTx } from "../db/client";
import { clientIp } from "../lib/client-ip";
import { apiError } from "../lib/http-error";
import type { Mailer } from "../mail/outbox";
import { accountBlockedMail, type LockoutCause, loginPausedMail, wrongCodesMail } from "../mail/templates";
import type { AppEnv, Organization } from "../types";
import { clearSessionCookie, writeDeviceCookie, writeSessionCookie } from "./cookies";
import { createTrustedDevice } from "./factors";
import { createSession, invalidateSession } from "./sessions";

/** Only for the right password (or a right password's session): the account is blocked, and whom to call. */
export function accountBlocked(c: Context<AppEnv>, reason: string | null) {
  const { org } = c.var;
  const why =
    reason === "wachtwoord"
      ? " na te veel onjuiste wachtwoorden"
      : reason === "tweede-factor"
        ? " na te veel onjuiste verificatiecodes"
        : reason === "geen-tweede-factor"
          ? ` omdat er na ${org.policy.loginsWithoutFactor} keer inloggen nog geen authenticator-app of beveiligingssleutel is ingesteld`
          : "";
  return apiError(
    c,
    423,
    "account_blocked",
    `Uw account is geblokkeerd${why}. Bel ${org.name} via ${org.phone} om het te laten deblokkeren.`,
  );
}

/**
 * The holder hears of every pause and block, by e-mail: what happened and what to do. Called inside the
 * transaction that counted the step: the mail is queued with its `tx`.
 */
export async function notifyLockout(
  mailer: Mailer,
  org: Organization,
  account: { email: string; displayName: string },
  cause: LockoutCause,
  step: LockoutStep,
  tx: Db,
): Promise<void> {
  if (step.kind === "block") await mailer.enqueue(accountBlockedMail(org, account.email, account.displayName, cause), tx);
  if (step.kind === "pause" && cause !== "geen-tweede-factor")
    await mailer.enqueue(loginPausedMail(org, account.email, account.displayName, cause, step.minutes), tx);
}

const timeOfDay = (ms: number) =>
  new Date(ms).toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Amsterdam" });

/**
 * A wrong second-factor code (authenticator or e-mailed), after the right password: counted towards the
 * lockout in the same transaction as its audit row. Answers what it caused, or undefined for a plain miss.
 */
export async function countWrongCode(c: Context<AppEnv>, action: string, details?: Record<string, unknown>): Promise<Response | undefined> {
  const { db, mailer } = c.var.deps;
  const { org, user } = c.var;
  const ip = clientIp(c);
  const step = await writeTx(db, async (tx) => {
    const s = await recordFailedCode(tx, user.id, org.policy);
    await appendAudit(tx, {
      orgId: org.id,
      actorId: user.id,
      actorLabel: user.email,
      action,
      ip,
      outcome: "failure",
      details: { ...details, lockout: s.kind },
    });
    await notifyLockout(mailer, org, user, "tweede-factor", s, tx);
    return s;
  });
  if (step.kind === "block") {
    clearSessionCookie(c);
    return accountBlocked(c, "tweede-factor");
  }
  if (step.kind === "pause") return codesPaused(c, step.until ?? Date.now());
  return undefined;
}

/** Codes are not checked during a pause: the answer says until when. */
export function codesPaused(c: Context<AppEnv>, until: number) {
  return apiError(
    c,
    429,
    "codes_paused",
    `Er zijn te veel onjuiste codes ingevuld. U kunt het om ${timeOfDay(until)} opnieuw proberen; u heeft hierover een e-mail gekregen.`,
  );
}

/** Fewer wrong codes before a right one are taken for typing errors. */
const WRONG_CODES_WORTH_A_MAIL = 3;

/**
 * The second factor passed: a new session token (a token seen before login is worth nothing after),
 * the login recorded and audited, and the device trusted when asked.
 */
export async function completeSecondFactor(c: Context<AppEnv>, factor: "totp" | "webauthn" | "email", trustDevice: boolean): Promise<void> {
  const { db } = c.var.deps;
  const { org, session, user } = c.var;
  const ip = clientIp(c);
  const userAgent = c.req.header("user-agent") ?? null;
  const next = await writeTx(db, async (tx) => {
    await invalidateSession(tx, session.id);
    const s = await createSession(tx, { orgId: org.id, accountId: user.id, secondFactorVerified: true, ip, userAgent }, org.policy);
    await recordLogin(tx, user, s.session.createdAt);
    // A right second factor ends the run of wrong codes; a run of several is worth telling the holder.
    await clearFailedCodes(tx, user.id);
    if (user.failedCodes >= WRONG_CODES_WORTH_A_MAIL)
      await c.var.deps.mailer.enqueue(wrongCodesMail(org, user.email, user.displayName, user.failedCodes), tx);
    await appendAudit(tx, {
      orgId: org.id,
      actorId: user.id,
      actorLabel: user.email,
      action: "login",
      ip,
      outcome: "success",
      details: { factor, trustDevice },
    });
    return s;
  });
  writeSessionCookie(c, next.token, next.session.absoluteExpiresAt);
  if (trustDevice && org.policy.trustDeviceDays > 0) {
    const device = await createTrustedDevice(db, {
      orgId: org.id,
      accountId: user.id,
      userAgent,
      days: org.policy.trustDeviceDays,
    });
    writeDeviceCookie(c, device.token, device.expiresAt);
  }
}
