// Login: e-mail + password, then a second factor; logout.
import { LoginRequestSchema, type LoginResponse, TotpRequestSchema } from "@portaal/shared/auth";
import { Hono } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import { appendAudit } from "../audit/log";
import { clearSessionCookie, readDeviceCookie, writeDeviceCookie, writeSessionCookie } from "../auth/cookies";
import { createTrustedDevice, isTrustedDevice, listFactorKinds, verifyAccountTotp } from "../auth/factors";
import { burnPasswordCheck, verifyPassword } from "../auth/password";
import { createSession, invalidateSession } from "../auth/sessions";
import { findAccountByEmail, recordFailedPassword, recordLogin, resetFailedPasswords } from "../db/accounts";
import { writeTx } from "../db/client";
import { apiError } from "../lib/http-error";
import { createRateLimiter } from "../lib/rate-limit";
import { validate } from "../lib/validate";
import { loadSession } from "../middleware/session";
import type { AppEnv } from "../types";

export function clientIp(c: Parameters<typeof getConnInfo>[0]): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

const WRONG_CREDENTIALS = "Het e-mailadres of het wachtwoord klopt niet. Controleer ze en probeer het opnieuw.";

export function authRoutes() {
  const loginPerIp = createRateLimiter(30, 5 * 60_000);
  const factorPerSession = createRateLimiter(5, 10 * 60_000);
  const factorPerAccount = createRateLimiter(15, 15 * 60_000);

  return new Hono<AppEnv>()
    .post("/login", loadSession({ required: false }), validate("json", LoginRequestSchema), async (c) => {
      const { db } = c.var.deps;
      const org = c.var.org;
      const ip = clientIp(c);
      if (!loginPerIp.consume(`${org.id}:${ip}`)) {
        return apiError(c, 429, "too_many_attempts", "Te veel inlogpogingen vanaf dit adres. Wacht een paar minuten en probeer het opnieuw.");
      }
      const { email, password } = c.req.valid("json");
      const account = findAccountByEmail(db, org.id, email);
      const audit = (outcome: "success" | "failure" | "denied", action: string, details?: Record<string, unknown>) =>
        appendAudit(db, { orgId: org.id, actorId: account?.id ?? null, actorLabel: account?.email ?? "onbekend", action, ip, outcome, details });

      if (!account || !account.passwordHash) {
        await burnPasswordCheck(password);
        audit("failure", "login.password", { reason: account ? "not_activated" : "unknown_email" });
        return apiError(c, 401, "wrong_credentials", WRONG_CREDENTIALS);
      }
      // Blocked answers the same whether the password was right or wrong: no password oracle.
      if (account.status === "blocked") {
        await burnPasswordCheck(password);
        audit("denied", "login.password", { reason: "blocked" });
        return apiError(c, 423, "account_blocked", `Uw account is geblokkeerd. Bel ${org.name} via ${org.phone} om het te laten deblokkeren.`);
      }
      const ok = await verifyPassword(account.passwordHash, password);
      if (!ok) {
        const { blocked } = writeTx(db, () => {
          const r = account.status === "active" ? recordFailedPassword(db, account, org.policy.maxFailedPasswords) : { blocked: false };
          audit("failure", "login.password", { reason: "wrong_password", blocked: r.blocked });
          return r;
        });
        if (blocked) {
          return apiError(c, 423, "account_blocked", `Uw account is geblokkeerd na ${org.policy.maxFailedPasswords} onjuiste wachtwoorden. Bel ${org.name} via ${org.phone} om het te laten deblokkeren.`);
        }
        return apiError(c, 401, "wrong_credentials", WRONG_CREDENTIALS);
      }
      if (account.status !== "active") {
        audit("denied", "login.password", { reason: account.status });
        const what = account.status === "closed" ? "gesloten" : account.status === "deactivated" ? "uitgeschakeld" : "nog niet geactiveerd";
        return apiError(c, 403, `account_${account.status}`, `Uw account is ${what}. Neem contact op met ${org.name} via ${org.phone}.`);
      }
      if (c.var.session) invalidateSession(db, c.var.session.id);
      resetFailedPasswords(db, account.id);

      const factors = listFactorKinds(db, account.id, org.policy);
      const trusted = isTrustedDevice(db, account.id, readDeviceCookie(c));
      const done = trusted && factors.some((f) => f !== "email");
      const { token, session } = writeTx(db, () => {
        const s = createSession(db, { orgId: org.id, accountId: account.id, secondFactorVerified: done, ip, userAgent: c.req.header("user-agent") ?? null }, org.policy);
        if (done) {
          recordLogin(db, account, s.session.createdAt);
          audit("success", "login", { factor: "trusted-device" });
        } else {
          audit("success", "login.password");
        }
        return s;
      });
      writeSessionCookie(c, token, session.absoluteExpiresAt);
      const body: LoginResponse = done ? { step: "done" } : { step: "second-factor", factors };
      return c.json(body, 200);
    })
    .post("/totp", loadSession({ required: true }), validate("json", TotpRequestSchema), async (c) => {
      const { db, secretBox } = c.var.deps;
      const { org, session, user } = c.var;
      const ip = clientIp(c);
      if (session.secondFactorVerified) return c.json({ step: "done" } satisfies LoginResponse, 200);
      if (!factorPerSession.consume(session.id) || !factorPerAccount.consume(user.id)) {
        invalidateSession(db, session.id);
        clearSessionCookie(c);
        appendAudit(db, { orgId: org.id, actorId: user.id, actorLabel: user.email, action: "login.totp", ip, outcome: "denied", details: { reason: "too_many_attempts" } });
        return apiError(c, 429, "too_many_attempts", "Te veel onjuiste codes. Log opnieuw in en probeer het nog eens.");
      }
      const { code, trustDevice } = c.req.valid("json");
      const ok = verifyAccountTotp(db, secretBox, user.id, code, org.policy);
      if (!ok) {
        appendAudit(db, { orgId: org.id, actorId: user.id, actorLabel: user.email, action: "login.totp", ip, outcome: "failure" });
        return apiError(c, 400, "wrong_code", "Deze verificatiecode klopt niet of is al gebruikt. Wacht op een nieuwe code in uw app en probeer het opnieuw.", { code: "Onjuiste code" });
      }
      // A new token once the second factor passes: a token seen before login is worth nothing after.
      const next = writeTx(db, () => {
        invalidateSession(db, session.id);
        const s = createSession(db, { orgId: org.id, accountId: user.id, secondFactorVerified: true, ip, userAgent: c.req.header("user-agent") ?? null }, org.policy);
        recordLogin(db, user, s.session.createdAt);
        appendAudit(db, { orgId: org.id, actorId: user.id, actorLabel: user.email, action: "login", ip, outcome: "success", details: { factor: "totp", trustDevice } });
        return s;
      });
      factorPerSession.reset(session.id);
      writeSessionCookie(c, next.token, next.session.absoluteExpiresAt);
      if (trustDevice && org.policy.trustDeviceDays > 0) {
        const device = createTrustedDevice(db, { orgId: org.id, accountId: user.id, userAgent: c.req.header("user-agent") ?? null, days: org.policy.trustDeviceDays });
        writeDeviceCookie(c, device.token, device.expiresAt);
      }
      return c.json({ step: "done" } satisfies LoginResponse, 200);
    })
    .post("/logout", loadSession({ required: false }), (c) => {
      const { db } = c.var.deps;
      if (c.var.session) {
        invalidateSession(db, c.var.session.id);
        appendAudit(db, { orgId: c.var.org.id, actorId: c.var.user.id, actorLabel: c.var.user.email, action: "logout", ip: clientIp(c), outcome: "success" });
      }
      clearSessionCookie(c);
      return c.json({ ok: true }, 200);
    });
}
