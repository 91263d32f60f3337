// Login: e-mail + password, then a second factor; logout.

import { EmailCodeRequestSchema, LoginRequestSchema, type LoginResponse, TotpRequestSchema } from "@portaal/shared/auth";
import { WebAuthnLoginVerifySchema } from "@portaal/shared/webauthn";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { type Context, Hono } from "hono";
import { appendAudit } from "../../audit/log";
import { clearSessionCookie, readDeviceCookie, writeSessionCookie } from "../../auth/cookies";
import { blockAccount, countLoginWithoutFactor, issueEmailCode, verifyEmailCode } from "../../auth/email-codes";
import { isTrustedDevice, listFactorKinds, verifyAccountTotp } from "../../auth/factors";
import { accountBlocked, codesPaused, completeSecondFactor, countWrongCode, notifyLockout } from "../../auth/login-steps";
import { burnPasswordCheck, verifyPassword } from "../../auth/password";
import { createSession, invalidateSession } from "../../auth/sessions";
import { beginAuthentication, finishAuthentication, relyingParty } from "../../auth/webauthn";
import { findAccountByEmail, pausedUntil, recordFailedPassword, recordLogin, resetFailedPasswords } from "../../db/accounts";
import { type Db, writeTx } from "../../db/client";
import { factorResetPending } from "../../db/staff";
import { clientIp } from "../../lib/client-ip";
import { apiError } from "../../lib/http-error";
import { createRateLimiter } from "../../lib/rate-limit";
import { validate } from "../../lib/validate";
import { emailCodeMail } from "../../mail/templates";
import { loadSession } from "../../middleware/session";
import type { AppEnv } from "../../types";

const WRONG_CREDENTIALS =
  "Het e-mailadres of het wachtwoord klopt niet. Controleer ze en probeer het opnieuw. Na te veel onjuiste pogingen kunt u even niet inloggen; u krijgt dan een e-mail.";

function wrongCredentials(c: Context<AppEnv>) {
  return apiError(c, 401, "wrong_credentials", WRONG_CREDENTIALS);
}

export function authRoutes() {
  // Per-IP throttling: strict where the policy asks for it (aanbevolen), a generous backstop elsewhere,
  // since many users can share one address (a care home, a school). Accounts block after 5 wrong passwords.
  const loginPerIpStrict = createRateLimiter("login-ip-strict", 20, 5 * 60_000);
  const loginPerIp = createRateLimiter("login-ip", 300, 5 * 60_000);
  const factorPerSession = createRateLimiter("factor-session", 5, 10 * 60_000);
  const factorPerAccount = createRateLimiter("factor-account", 15, 15 * 60_000);
  const emailSendPerAccount = createRateLimiter("email-code-send", 6, 15 * 60_000);

  return new Hono<AppEnv>()
    .post("/login", loadSession({ required: false }), validate("json", LoginRequestSchema), async (c) => {
      const { db, mailer } = c.var.deps;
      const org = c.var.org;
      const ip = clientIp(c);
      const ipLimiter = org.policy.ipThrottling ? loginPerIpStrict : loginPerIp;
      if (!(await ipLimiter.consume(c.var.deps, `${org.id}:${ip}`))) {
        return apiError(
          c,
          429,
          "too_many_attempts",
          "Te veel inlogpogingen vanaf dit adres. Wacht een paar minuten en probeer het opnieuw.",
        );
      }
      const { email, password } = c.req.valid("json");
      const account = await findAccountByEmail(db, org.id, email);
      // Outside a transaction on db; inside one, pass its tx.
      const audit = (outcome: "success" | "failure" | "denied", action: string, details?: Record<string, unknown>, on: Db = db) =>
        appendAudit(on, {
          orgId: org.id,
          actorId: account?.id ?? null,
          actorLabel: account?.email ?? "onbekend",
          action,
          ip,
          outcome,
          details,
        });

      // Every wrong password gets this one answer, in about the same time (one argon2 check): whether the
      // address has an account, whether it is blocked or paused. Only the right password learns more.
      if (!account?.passwordHash) {
        await burnPasswordCheck(password);
        await audit("failure", "login.password", { reason: account ? "not_activated" : "unknown_email" });
        return wrongCredentials(c);
      }
      if (pausedUntil(account.passwordPausedUntil) !== null) {
        // A temporary block (or a blocked account's pace): nothing is checked, so nothing is learned.
        await burnPasswordCheck(password);
        await audit("denied", "login.password", { reason: account.status === "blocked" ? "blocked" : "paused" });
        return wrongCredentials(c);
      }
      const ok = await verifyPassword(account.passwordHash, password);
      if (!ok) {
        await writeTx(db, async (tx) => {
          const step = await recordFailedPassword(tx, account.id, org.policy);
          await audit("failure", "login.password", { reason: "wrong_password", lockout: step.kind }, tx);
          await notifyLockout(mailer, org, account, "wachtwoord", step, tx);
        });
        return wrongCredentials(c);
      }
      // The password check took a while: wrong passwords sent alongside this one may have blocked or
      // paused the account meanwhile. The block wins, or a burst of guesses would get past the limit.
      const now = (await findAccountByEmail(db, org.id, email)) ?? account;
      if (now.status === "blocked") {
        await audit("denied", "login.password", { reason: "blocked" });
        return accountBlocked(c, now.blockedReason);
      }
      if (pausedUntil(now.passwordPausedUntil) !== null) {
        await audit("denied", "login.password", { reason: "paused" });
        return wrongCredentials(c);
      }
      if (now.status !== "active") {
        await audit("denied", "login.password", { reason: now.status });
        // A beheerder reset this staff member's second factor: the e-mailed link sets a new one first.
        if (factorResetPending(now)) {
          return apiError(
            c,
            403,
            "second_factor_reset",
            `Uw tweede stap is opnieuw ingesteld. Open de link in de e-mail "Stel een nieuwe tweede stap in" om een nieuwe authenticator-app of beveiligingssleutel in te stellen; daarna kunt u weer inloggen. Geen e-mail gekregen? Neem contact op met de beheerder van ${org.name}.`,
          );
        }
        const what = now.status === "closed" ? "gesloten" : now.status === "deactivated" ? "uitgeschakeld" : "nog niet geactiveerd";
        return apiError(c, 403, `account_${now.status}`, `Uw account is ${what}. Neem contact op met ${org.name} via ${org.phone}.`);
      }
      if (c.var.session) await invalidateSession(db, c.var.session.id);
      await resetFailedPasswords(db, account.id);

      const factors = await listFactorKinds(db, account.id, org.policy);
      // ggz rule: without an own factor, only a limited number of logins with e-mailed codes.
      if (
        org.policy.secondFactor === "email-until-set" &&
        factors.length === 1 &&
        factors[0] === "email" &&
        account.loginsWithoutFactor >= org.policy.loginsWithoutFactor
      ) {
        await writeTx(db, async (tx) => {
          await blockAccount(tx, account.id, "geen-tweede-factor");
          await audit("denied", "login.password", { reason: "logins_without_factor" }, tx);
          await notifyLockout(mailer, org, account, "geen-tweede-factor", { kind: "block" }, tx);
        });
        return accountBlocked(c, "geen-tweede-factor");
      }
      // A trusted browser skips the second factor; with e-mailed codes only, the login still counts
      // towards the limit above (the ggz rule), as if a code had been entered.
      const done = await isTrustedDevice(db, account.id, readDeviceCookie(c));
      const emailOnly = factors.every((f) => f === "email");
      const { token, session } = await writeTx(db, async (tx) => {
        const s = await createSession(
          tx,
          { orgId: org.id, accountId: account.id, secondFactorVerified: done, ip, userAgent: c.req.header("user-agent") ?? null },
          org.policy,
        );
        if (done) {
          await recordLogin(tx, account, s.session.createdAt);
          if (emailOnly) await countLoginWithoutFactor(tx, account.id, account.loginsWithoutFactor);
          await audit("success", "login", { factor: "trusted-device" }, tx);
        } else {
          await audit("success", "login.password", undefined, tx);
        }
        return s;
      });
      writeSessionCookie(c, token, session.absoluteExpiresAt);
      const loginsLeft = Math.max(0, org.policy.loginsWithoutFactor - account.loginsWithoutFactor - 1);
      const body: LoginResponse = !done ? { step: "second-factor", factors } : emailOnly ? { step: "done", loginsLeft } : { step: "done" };
      return c.json(body, 200);
    })
    .post("/totp", loadSession({ required: true }), validate("json", TotpRequestSchema), async (c) => {
      const { db, secretBox } = c.var.deps;
      const { org, session, user } = c.var;
      const ip = clientIp(c);
      if (session.secondFactorVerified) return c.json({ step: "done" } satisfies LoginResponse, 200);
      if (!(await factorPerSession.consume(c.var.deps, session.id)) || !(await factorPerAccount.consume(c.var.deps, user.id))) {
        await invalidateSession(db, session.id);
        clearSessionCookie(c);
        await appendAudit(db, {
          orgId: org.id,
          actorId: user.id,
          actorLabel: user.email,
          action: "login.totp",
          ip,
          outcome: "denied",
          details: { reason: "too_many_attempts" },
        });
        return apiError(c, 429, "too_many_attempts", "Te veel onjuiste codes. Log opnieuw in en probeer het nog eens.");
      }
      const paused = pausedUntil(user.codesPausedUntil);
      if (paused !== null) return codesPaused(c, paused);
      const { code, trustDevice } = c.req.valid("json");
      const ok = await verifyAccountTotp(db, secretBox, user.id, code, org.policy);
      if (!ok) {
        const lockout = await countWrongCode(c, "login.totp");
        if (lockout) return lockout;
        return apiError(
          c,
          400,
          "wrong_code",
          "Deze verificatiecode klopt niet of is al gebruikt. Wacht op een nieuwe code in uw app en probeer het opnieuw.",
          { code: "Onjuiste code" },
        );
      }
      await factorPerSession.reset(c.var.deps, session.id);
      // The holder proved it: the throttle is for guesses, not for someone who logs in often.
      await factorPerAccount.reset(c.var.deps, user.id);
      await completeSecondFactor(c, "totp", trustDevice);
      return c.json({ step: "done" } satisfies LoginResponse, 200);
    })
    .post("/webauthn/options", loadSession({ required: true }), async (c) => {
      const { db } = c.var.deps;
      const { org, session, user } = c.var;
      if (session.secondFactorVerified) return c.json({ step: "done" } satisfies LoginResponse, 200);
      if (!(await listFactorKinds(db, user.id, org.policy)).includes("webauthn")) {
        return apiError(
          c,
          400,
          "no_security_key",
          "Er is geen beveiligingssleutel gekoppeld aan uw account. Gebruik uw authenticator-app.",
        );
      }
      return c.json(await beginAuthentication(db, { orgId: org.id, accountId: user.id, rp: relyingParty(c), boundTo: session.id }), 200);
    })
    .post("/webauthn/verify", loadSession({ required: true }), validate("json", WebAuthnLoginVerifySchema), async (c) => {
      const { db } = c.var.deps;
      const { org, session, user } = c.var;
      const ip = clientIp(c);
      if (session.secondFactorVerified) return c.json({ step: "done" } satisfies LoginResponse, 200);
      if (!(await factorPerSession.consume(c.var.deps, session.id)) || !(await factorPerAccount.consume(c.var.deps, user.id))) {
        await invalidateSession(db, session.id);
        clearSessionCookie(c);
        return apiError(c, 429, "too_many_attempts", "Te veel mislukte pogingen. Log opnieuw in en probeer het nog eens.");
      }
      const { credential, trustDevice } = c.req.valid("json");
      const ok = await finishAuthentication(db, {
        accountId: user.id,
        rp: relyingParty(c),
        response: credential as unknown as AuthenticationResponseJSON,
        boundTo: session.id,
      });
      if (!ok) {
        await appendAudit(db, {
          orgId: org.id,
          actorId: user.id,
          actorLabel: user.email,
          action: "login.webauthn",
          ip,
          outcome: "failure",
        });
        return apiError(
          c,
          400,
          "key_refused",
          "Deze beveiligingssleutel werd niet herkend. Probeer het opnieuw met de sleutel die bij uw account hoort.",
        );
      }
      await factorPerSession.reset(c.var.deps, session.id);
      // The holder proved it: the throttle is for guesses, not for someone who logs in often.
      await factorPerAccount.reset(c.var.deps, user.id);
      await completeSecondFactor(c, "webauthn", trustDevice);
      return c.json({ step: "done" } satisfies LoginResponse, 200);
    })
    .post("/email-code/send", loadSession({ required: true }), async (c) => {
      const { db, mailer } = c.var.deps;
      const { org, session, user } = c.var;
      if (session.secondFactorVerified) return c.json({ step: "done" } satisfies LoginResponse, 200);
      if (!(await emailSendPerAccount.consume(c.var.deps, user.id))) {
        return apiError(
          c,
          429,
          "too_many_codes",
          "Er zijn net al codes verstuurd. Kijk in uw e-mail (ook bij ongewenste e-mail) of wacht een paar minuten.",
        );
      }
      if (!(await listFactorKinds(db, user.id, org.policy)).includes("email")) {
        return apiError(
          c,
          400,
          "email_code_not_allowed",
          "Voor uw account is inloggen met een code per e-mail niet mogelijk. Gebruik uw authenticator-app of beveiligingssleutel.",
        );
      }
      await writeTx(db, async (tx) => {
        const code = await issueEmailCode(tx, org.id, user.id);
        await mailer.enqueue(emailCodeMail(org, user.email, code), tx);
        await appendAudit(tx, {
          orgId: org.id,
          actorId: user.id,
          actorLabel: user.email,
          action: "login.email-code.send",
          ip: clientIp(c),
          outcome: "success",
        });
      });
      return c.json({ sent: true }, 200);
    })
    .post("/email-code/verify", loadSession({ required: true }), validate("json", EmailCodeRequestSchema), async (c) => {
      const { db } = c.var.deps;
      const { org, session, user } = c.var;
      const ip = clientIp(c);
      if (session.secondFactorVerified) return c.json({ step: "done" } satisfies LoginResponse, 200);
      if (!(await factorPerAccount.consume(c.var.deps, user.id))) {
        await invalidateSession(db, session.id);
        clearSessionCookie(c);
        return apiError(c, 429, "too_many_attempts", "Te veel onjuiste codes. Log opnieuw in en probeer het nog eens.");
      }
      const paused = pausedUntil(user.codesPausedUntil);
      if (paused !== null) return codesPaused(c, paused);
      const { code, trustDevice } = c.req.valid("json");
      const result = await verifyEmailCode(db, user.id, code);
      if (result !== "ok") {
        if (result === "wrong" || result === "too_many_attempts") {
          const lockout = await countWrongCode(c, "login.email-code", { reason: result });
          if (lockout) return lockout;
        } else {
          await appendAudit(db, {
            orgId: org.id,
            actorId: user.id,
            actorLabel: user.email,
            action: "login.email-code",
            ip,
            outcome: "failure",
            details: { reason: result },
          });
        }
        const messages = {
          wrong: "Deze code klopt niet. Controleer de code in de e-mail en probeer het opnieuw.",
          expired: "Deze code is verlopen (na 10 minuten). Vraag een nieuwe code aan.",
          no_code: "Er is geen geldige code voor u. Vraag een nieuwe code aan.",
          too_many_attempts: "Deze code is te vaak onjuist ingevuld en werkt niet meer. Vraag een nieuwe code aan.",
        } as const;
        return apiError(c, 400, `code_${result}`, messages[result], { code: "Onjuiste code" });
      }
      const count = await countLoginWithoutFactor(db, user.id, user.loginsWithoutFactor);
      // The holder proved it: the throttle is for guesses, not for someone who logs in often.
      await factorPerAccount.reset(c.var.deps, user.id);
      await completeSecondFactor(c, "email", trustDevice);
      return c.json({ step: "done", loginsLeft: Math.max(0, org.policy.loginsWithoutFactor - count) }, 200);
    })
    .post("/logout", loadSession({ required: false }), async (c) => {
      const { db } = c.var.deps;
      if (c.var.session) {
        await invalidateSession(db, c.var.session.id);
        await appendAudit(db, {
          orgId: c.var.org.id,
          actorId: c.var.user.id,
          actorLabel: c.var.user.email,
          action: "logout",
          ip: clientIp(c),
          outcome: "success",
        });
      }
      clearSessionCookie(c);
      return c.json({ ok: true }, 200);
    });
}
