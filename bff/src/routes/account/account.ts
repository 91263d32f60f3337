// Mijn account: change password, authenticators, trusted devices, sessions, secret question, closing.
import {
  ChangePasswordSchema,
  CloseRequestSchema,
  HandleSchema,
  REAUTH_WINDOW_MINUTES,
  ReauthSchema,
  SecretQuestionSchema,
  TotpConfirmSchema,
} from "@portaal/shared/account";
import { IdSchema } from "@portaal/shared/common";
import { WebAuthnRegisterVerifySchema } from "@portaal/shared/webauthn";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { type Context, Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import { appendAudit } from "../../audit/log";
import { setPasswordHash } from "../../auth/account-credentials";
import {
  accountOverview,
  confirmTotpEnrollment,
  countOwnFactors,
  pendingTotpEnrollment,
  removeSecurityKey,
  removeTotp,
  requestClose,
  revokeDeviceByHandle,
  revokeOtherSessions,
  revokeSessionByHandle,
  setSecretQuestion,
  startTotpEnrollment,
} from "../../auth/account-security";
import { clearSessionCookie, readDeviceCookie } from "../../auth/cookies";
import { revokeTrustedDevices, verifyAccountTotp } from "../../auth/factors";
import { revokeLinkTokens } from "../../auth/link-tokens";
import { accountBlocked, codesPaused, countWrongCode, notifyLockout } from "../../auth/login-steps";
import { hashPassword, verifyPassword } from "../../auth/password";
import { passwordProblem } from "../../auth/password-policy";
import { normaliseAnswer } from "../../auth/secret-answer";
import { markReauthenticated } from "../../auth/sessions";
import { matchTotp, totpSetupPayload } from "../../auth/totp";
import { beginRegistration, finishRegistration, relyingParty } from "../../auth/webauthn";
import { activeGrantClientIds } from "../../db/access";
import { closeRequestRecipients } from "../../db/access-states";
import { clearFailedCodes, pausedUntil, recordFailedPassword, resetFailedPasswords } from "../../db/accounts";
import { type Db, writeTx, writeTxOr } from "../../db/client";
import { clientIp } from "../../lib/client-ip";
import { apiError } from "../../lib/http-error";
import { hashToken } from "../../lib/ids";
import { publicOrigin } from "../../lib/origin";
import { createRateLimiter } from "../../lib/rate-limit";
import { validate } from "../../lib/validate";
import { closeRequestMail } from "../../mail/templates";
import type { AppEnv } from "../../types";

/** The secretariaat hears that a close request waits: a link to the client page, nothing about whom. */
async function notifyCloseRequest(c: Context<AppEnv>, tx: Db) {
  const { org, user } = c.var;
  const [first] = await activeGrantClientIds(tx, user.id);
  const link = first ? `${publicOrigin(c)}/beheer/clienten/${first}` : `${publicOrigin(c)}/beheer/werkvoorraad`;
  for (const staff of await closeRequestRecipients(tx, org.id))
    await c.var.deps.mailer.enqueue(closeRequestMail(org, staff.email, staff.name, link), tx);
}

/** `db`: the transaction's tx inside a writeTx body, else the database. */
function audit(c: Context<AppEnv>, db: Db, action: string, outcome: "success" | "failure" = "success", details?: Record<string, unknown>) {
  const { user, org } = c.var;
  return appendAudit(db, { orgId: org.id, actorId: user.id, actorLabel: user.email, action, ip: clientIp(c), outcome, details });
}

const FactorParam = z.object({ id: IdSchema });
const KeyParam = z.object({ id: z.string().min(1).max(1024) });
const HandleParam = z.object({ id: HandleSchema });

/** Removes one of the user's own things (scoped to them in the query), audited; 404 when it is not theirs. */
async function removeOwn(c: Context<AppEnv>, remove: (db: Db, id: string) => Promise<boolean>, action: string, notFound: string) {
  const { db } = c.var.deps;
  const id = c.req.param("id") ?? "";
  const removed = await writeTx(db, async (tx) => {
    const ok = await remove(tx, id);
    if (ok) await audit(c, tx, action);
    return ok;
  });
  if (!removed) return apiError(c, 404, "not_found", notFound);
  return c.json({ ok: true }, 200);
}

const REAUTH_WINDOW_MS = REAUTH_WINDOW_MINUTES * 60_000;

/**
 * Adding or removing a factor or a trusted device needs the password or a code confirmed in this
 * session in the last few minutes. The login itself does not count: a session taken over (a stolen
 * cookie, a computer left signed in) was also logged in recently, and must not be able to add its own key.
 * @example account.post("/totp/setup", recentlyAuthenticated(), ...)
 */
function recentlyAuthenticated() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const at = c.var.session.reauthAt;
    if (at === null || Date.now() - at > REAUTH_WINDOW_MS) {
      return apiError(
        c,
        403,
        "reauth_required",
        "Bevestig eerst dat u het bent: vul uw wachtwoord of een code uit uw authenticator-app in. Daarna kunt u dit wijzigen.",
      );
    }
    return next();
  });
}

/** A wrong password in Mijn account counts like one at login: the same pauses and block. */
async function countWrongPassword(c: Context<AppEnv>, action: string): Promise<Response | undefined> {
  const { db, mailer } = c.var.deps;
  const { user, org } = c.var;
  const step = await writeTx(db, async (tx) => {
    const s = await recordFailedPassword(tx, user.id, org.policy);
    await audit(c, tx, action, "failure", { lockout: s.kind });
    await notifyLockout(mailer, org, user, "wachtwoord", s, tx);
    return s;
  });
  if (step.kind === "block") {
    clearSessionCookie(c);
    return accountBlocked(c, "wachtwoord");
  }
  if (step.kind === "pause") return passwordPaused(c);
  return undefined;
}

function passwordPaused(c: Context<AppEnv>) {
  return apiError(
    c,
    429,
    "password_paused",
    "Er is te vaak een onjuist wachtwoord ingevuld. Wacht een paar minuten en probeer het opnieuw; u heeft hierover een e-mail gekregen.",
  );
}

class LastFactor extends Error {}

/**
 * Removes one of the user's own factors. Whether it was theirs comes first (404 for anyone else's), then,
 * in the same transaction, whether one remains where the policy requires one (rolled back when not).
 */
async function removeOwnFactor(c: Context<AppEnv>, remove: (db: Db, id: string) => Promise<boolean>, action: string, notFound: string) {
  const { db } = c.var.deps;
  const { user, org } = c.var;
  const id = c.req.param("id") ?? "";
  const result = await writeTxOr(
    db,
    async (tx) => {
      if (!(await remove(tx, id))) return "not_found" as const;
      if (org.policy.secondFactor === "required" && (await countOwnFactors(tx, user.id)) === 0) throw new LastFactor();
      await audit(c, tx, action);
      return "ok" as const;
    },
    LastFactor,
  );
  if (result instanceof LastFactor) {
    return apiError(
      c,
      409,
      "last_factor",
      "Dit is uw laatste manier van tweestapsverificatie. Voeg eerst een andere toe voordat u deze verwijdert.",
    );
  }
  if (result === "not_found") return apiError(c, 404, "not_found", notFound);
  return c.json({ ok: true }, 200);
}

export function accountRoutes() {
  const passwordTries = createRateLimiter("account-password", 10, 15 * 60_000);
  const codeTries = createRateLimiter("account-code", 10, 15 * 60_000);
  const reauthTries = createRateLimiter("account-reauth", 10, 15 * 60_000);

  return new Hono<AppEnv>()
    .get("/", async (c) => {
      const device = readDeviceCookie(c);
      const body = await accountOverview(
        c.var.deps.db,
        c.var.user,
        c.var.session.id,
        device ? hashToken(device) : null,
        c.var.org.policy.secondFactor === "required",
      );
      return c.json(body, 200);
    })
    .post("/password", validate("json", ChangePasswordSchema), async (c) => {
      const { db } = c.var.deps;
      const { user, org, session } = c.var;
      if (!(await passwordTries.consume(c.var.deps, user.id)))
        return apiError(c, 429, "too_many_attempts", "Te veel pogingen. Wacht een kwartier en probeer het opnieuw.");
      const { currentPassword, newPassword } = c.req.valid("json");
      if (pausedUntil(user.passwordPausedUntil) !== null) return passwordPaused(c);
      if (!user.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
        const lockout = await countWrongPassword(c, "account.password.change");
        if (lockout) return lockout;
        return apiError(c, 400, "wrong_password", "Uw huidige wachtwoord klopt niet.", { currentPassword: "Onjuist wachtwoord" });
      }
      const weak = passwordProblem(org.policy, newPassword, user.email);
      if (weak) return apiError(c, 400, "weak_password", weak.message, { newPassword: weak.detail });
      const hash = await hashPassword(newPassword);
      await writeTx(db, async (tx) => {
        await setPasswordHash(tx, user.id, hash);
        // Other browsers that knew the old password are signed out, no computer stays trusted, and
        // reset links asked before the change no longer work.
        await revokeOtherSessions(tx, user.id, session.id);
        await revokeTrustedDevices(tx, user.id);
        await revokeLinkTokens(tx, user.id, Date.now(), "reset");
        await resetFailedPasswords(tx, user.id);
        await audit(c, tx, "account.password.change");
      });
      return c.json({ ok: true }, 200);
    })
    .post("/reauth", validate("json", ReauthSchema), async (c) => {
      const { db, secretBox } = c.var.deps;
      const { user, org, session } = c.var;
      if (!(await reauthTries.consume(c.var.deps, session.id)))
        return apiError(c, 429, "too_many_attempts", "Te veel pogingen. Wacht een kwartier en probeer het opnieuw.");
      const { password, code } = c.req.valid("json");
      if (password !== undefined) {
        if (pausedUntil(user.passwordPausedUntil) !== null) return passwordPaused(c);
        if (!user.passwordHash || !(await verifyPassword(user.passwordHash, password))) {
          const lockout = await countWrongPassword(c, "account.reauth");
          if (lockout) return lockout;
          return apiError(c, 400, "wrong_password", "Dit wachtwoord klopt niet.", { password: "Onjuist wachtwoord" });
        }
      } else {
        const paused = pausedUntil(user.codesPausedUntil);
        if (paused !== null) return codesPaused(c, paused);
        if (!(await verifyAccountTotp(db, secretBox, user.id, code ?? "", org.policy))) {
          const lockout = await countWrongCode(c, "account.reauth");
          if (lockout) return lockout;
          return apiError(c, 400, "wrong_code", "Deze code klopt niet of is al gebruikt. Wacht op een nieuwe code in uw app.", {
            code: "Onjuiste code",
          });
        }
      }
      await writeTx(db, async (tx) => {
        await markReauthenticated(tx, session.id);
        if (password !== undefined) await resetFailedPasswords(tx, user.id);
        else await clearFailedCodes(tx, user.id);
        await audit(c, tx, "account.reauth", "success", { with: password !== undefined ? "password" : "totp" });
      });
      return c.json({ ok: true }, 200);
    })
    .post("/totp/setup", recentlyAuthenticated(), async (c) => {
      const { db, secretBox } = c.var.deps;
      const { user, org } = c.var;
      const key = await writeTx(db, async (tx) => startTotpEnrollment(tx, secretBox, org.id, user.id));
      return c.json(await totpSetupPayload(org.name, user.email, key), 200);
    })
    .post("/totp/confirm", recentlyAuthenticated(), validate("json", TotpConfirmSchema), async (c) => {
      const { db, secretBox } = c.var.deps;
      const { user, org } = c.var;
      if (!(await codeTries.consume(c.var.deps, user.id)))
        return apiError(c, 429, "too_many_attempts", "Te veel pogingen. Wacht een kwartier en probeer het opnieuw.");
      const pending = await pendingTotpEnrollment(db, user.id);
      if (!pending) return apiError(c, 409, "no_pending_key", "Start eerst het instellen van de authenticator-app.");
      const step = matchTotp(
        secretBox.open(pending.keyEncrypted),
        c.req.valid("json").code,
        { pastSteps: org.policy.totpPastSteps, futureSteps: org.policy.totpFutureSteps },
        null,
      );
      if (step === null) {
        return apiError(
          c,
          400,
          "wrong_code",
          "Deze code klopt niet. Controleer of de tijd op uw telefoon goed staat en vul de nieuwste code in.",
          { code: "Onjuiste code" },
        );
      }
      await writeTx(db, async (tx) => {
        await confirmTotpEnrollment(tx, pending.id, step);
        await audit(c, tx, "account.totp.add");
      });
      return c.json({ ok: true }, 200);
    })
    .post("/webauthn/options", recentlyAuthenticated(), async (c) => {
      const { user, org, session } = c.var;
      return c.json(
        await beginRegistration(c.var.deps.db, { orgId: org.id, account: user, rp: relyingParty(c), boundTo: session.id }),
        200,
      );
    })
    .post("/webauthn/verify", recentlyAuthenticated(), validate("json", WebAuthnRegisterVerifySchema), async (c) => {
      const { db } = c.var.deps;
      const { user, org, session } = c.var;
      const body = c.req.valid("json");
      const result = await finishRegistration(db, {
        orgId: org.id,
        accountId: user.id,
        rp: relyingParty(c),
        response: body.credential as unknown as RegistrationResponseJSON,
        name: body.name,
        boundTo: session.id,
      });
      if (!result.ok)
        return apiError(c, 400, "key_not_registered", "De beveiligingssleutel kon niet worden gekoppeld. Probeer het opnieuw.");
      await audit(c, db, "account.webauthn.add");
      return c.json({ ok: true }, 200);
    })
    .post("/totp/:id/remove", recentlyAuthenticated(), validate("param", FactorParam), (c) =>
      removeOwnFactor(
        c,
        (db, id) => removeTotp(db, c.var.user.id, id),
        "account.totp.remove",
        "Deze authenticator-app hoort niet (meer) bij uw account.",
      ),
    )
    .post("/security-keys/:id/remove", recentlyAuthenticated(), validate("param", KeyParam), (c) =>
      removeOwnFactor(
        c,
        (db, id) => removeSecurityKey(db, c.var.user.id, id),
        "account.webauthn.remove",
        "Deze beveiligingssleutel hoort niet (meer) bij uw account.",
      ),
    )
    .post("/devices/:id/revoke", recentlyAuthenticated(), validate("param", HandleParam), (c) =>
      removeOwn(
        c,
        (db, id) => revokeDeviceByHandle(db, c.var.user.id, id),
        "account.device.revoke",
        "Dit apparaat staat niet (meer) in uw lijst.",
      ),
    )
    .post("/sessions/:id/revoke", validate("param", HandleParam), (c) =>
      removeOwn(c, (db, id) => revokeSessionByHandle(db, c.var.user.id, id), "account.session.revoke", "Deze sessie bestaat niet (meer)."),
    )
    .post("/secret-question", validate("json", SecretQuestionSchema), async (c) => {
      const { db } = c.var.deps;
      const { question, answer } = c.req.valid("json");
      const hash = await hashPassword(normaliseAnswer(answer));
      await writeTx(db, async (tx) => {
        await setSecretQuestion(tx, c.var.user.id, question, hash);
        await audit(c, tx, "account.secret-question.set");
      });
      return c.json({ ok: true }, 200);
    })
    .post("/close-request", validate("json", CloseRequestSchema), async (c) => {
      const { db } = c.var.deps;
      const { user } = c.var;
      if (user.kind === "staff") {
        return apiError(c, 409, "staff_account", "Een medewerkersaccount wordt door een beheerder gesloten. Vraag het uw beheerder.");
      }
      // Asking again while a request waits changes nothing and mails nobody again.
      if (user.closeRequestedAt !== null) return c.json({ ok: true }, 200);
      await writeTx(db, async (tx) => {
        await requestClose(tx, user.id);
        await notifyCloseRequest(c, tx);
        await audit(c, tx, "account.close.request", "success", { reason: c.req.valid("json").reason ?? null });
      });
      return c.json({ ok: true }, 200);
    });
}
