// Forgotten password: an e-mailed single-use link (1 hour). The second factor is still asked at the next login.
import { PasswordResetCompleteSchema, PasswordResetRequestSchema } from "@portaal/shared/auth";
import { Hono } from "hono";
import { appendAudit } from "../audit/log";
import { setPasswordHash } from "../auth/account-credentials";
import { findLinkToken, issueLinkToken, useLinkToken } from "../auth/link-tokens";
import { hashPassword } from "../auth/password";
import { passwordProblem } from "../auth/password-policy";
import { invalidateAccountSessions } from "../auth/sessions";
import { findAccountByEmail, findAccountById } from "../db/accounts";
import { writeTx } from "../db/client";
import { apiError } from "../lib/http-error";
import { publicOrigin } from "../lib/origin";
import { createRateLimiter } from "../lib/rate-limit";
import { validate } from "../lib/validate";
import { resetMail } from "../mail/templates";
import type { AppEnv } from "../types";
import { clientIp } from "./auth";

const RESET_TTL_MS = 60 * 60_000;
const SAME_ANSWER = {
  sent: true,
  message:
    "Als dit e-mailadres bij een actief account hoort, ontvangt u binnen enkele minuten een e-mail met een link om een nieuw wachtwoord te kiezen.",
};

export function passwordResetRoutes() {
  const perIp = createRateLimiter(20, 15 * 60_000);
  const perAccount = createRateLimiter(3, 60 * 60_000);
  return new Hono<AppEnv>()
    .post("/request", validate("json", PasswordResetRequestSchema), (c) => {
      const { db, mailer } = c.var.deps;
      const { org } = c.var;
      const ip = clientIp(c);
      if (!perIp.consume(`${org.id}:${ip}`))
        return apiError(c, 429, "too_many_attempts", "Te veel aanvragen vanaf dit adres. Wacht een kwartier en probeer het opnieuw.");
      const account = findAccountByEmail(db, org.id, c.req.valid("json").email);
      // The same answer for unknown addresses: no way to learn who has an account.
      if (account && account.status === "active" && account.passwordHash && perAccount.consume(account.id)) {
        writeTx(db, () => {
          const token = issueLinkToken(db, { orgId: org.id, accountId: account.id, purpose: "reset", ttlMs: RESET_TTL_MS });
          mailer.enqueue(resetMail(org, account.email, account.displayName, `${publicOrigin(c)}/wachtwoord-herstellen#${token}`));
          appendAudit(db, {
            orgId: org.id,
            actorId: account.id,
            actorLabel: account.email,
            action: "password.reset.request",
            ip,
            outcome: "success",
          });
        });
      }
      return c.json(SAME_ANSWER, 200);
    })
    .post("/complete", validate("json", PasswordResetCompleteSchema), async (c) => {
      const { db } = c.var.deps;
      const { org } = c.var;
      const { token, password } = c.req.valid("json");
      const lookup = findLinkToken(db, org.id, "reset", token);
      const account = lookup.ok ? findAccountById(db, org.id, lookup.row.accountId) : undefined;
      if (!lookup.ok || !account || account.status !== "active") {
        return apiError(
          c,
          410,
          "link_invalid",
          "Deze link is verlopen, al gebruikt of vervangen door een nieuwere. Vraag opnieuw een nieuw wachtwoord aan.",
        );
      }
      const weak = passwordProblem(org.policy, password, account.email);
      if (weak) return apiError(c, 400, "weak_password", weak.message, { password: weak.detail });
      const hash = await hashPassword(password);
      writeTx(db, () => {
        setPasswordHash(db, account.id, hash);
        useLinkToken(db, lookup.row.id);
        invalidateAccountSessions(db, account.id);
        appendAudit(db, {
          orgId: org.id,
          actorId: account.id,
          actorLabel: account.email,
          action: "password.reset.complete",
          ip: clientIp(c),
          outcome: "success",
        });
      });
      return c.json({ ok: true }, 200);
    });
}
