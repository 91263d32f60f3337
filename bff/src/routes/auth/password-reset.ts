// Forgotten password: an e-mailed single-use link (1 hour). The second factor is still asked at the next login.
import { PasswordResetCompleteSchema, PasswordResetRequestSchema } from "@portaal/shared/auth";
import { type Context, Hono } from "hono";
import { appendAudit } from "../../audit/log";
import { setPasswordHash } from "../../auth/account-credentials";
import { revokeTrustedDevices } from "../../auth/factors";
import { claimLinkToken, findLinkToken, issueLinkToken } from "../../auth/link-tokens";
import { hashPassword } from "../../auth/password";
import { passwordProblem } from "../../auth/password-policy";
import { invalidateAccountSessions } from "../../auth/sessions";
import { findAccountByEmail, findAccountById } from "../../db/accounts";
import { writeTx } from "../../db/client";
import { clientIp } from "../../lib/client-ip";
import { apiError } from "../../lib/http-error";
import { publicOrigin } from "../../lib/origin";
import { createRateLimiter, type RateLimiter } from "../../lib/rate-limit";
import { validate } from "../../lib/validate";
import { resetMail } from "../../mail/templates";
import type { AppEnv, Deps, Organization } from "../../types";

const RESET_TTL_MS = 60 * 60_000;
const SAME_ANSWER = {
  sent: true,
  message:
    "Als dit e-mailadres bij een actief account hoort, ontvangt u binnen enkele minuten een e-mail met een link om een nieuw wachtwoord te kiezen.",
};

export function passwordResetRoutes() {
  const perIp = createRateLimiter("reset-ip", 20, 15 * 60_000);
  const perAccount = createRateLimiter("reset-account", 3, 60 * 60_000);
  return new Hono<AppEnv>()
    .post("/request", validate("json", PasswordResetRequestSchema), async (c) => {
      const { deps, org } = c.var;
      const ip = clientIp(c);
      if (!(await perIp.consume(c.var.deps, `${org.id}:${ip}`)))
        return apiError(c, 429, "too_many_attempts", "Te veel aanvragen vanaf dit adres. Wacht een kwartier en probeer het opnieuw.");
      // The same answer for every address, in the same time: nothing account-dependent happens before it.
      // Whether the address has an account, and the link, the mail and the audit row, come after the
      // answer (measured before: 17 ms for a known address against 6.5 ms for an unknown one). A crash in
      // between costs one mail; the user asks again.
      const request = { email: c.req.valid("json").email, ip, origin: publicOrigin(c) };
      setImmediate(async () => {
        try {
          await sendResetLink(deps, org, request, perAccount);
        } catch (err) {
          console.error("[bff] password reset request failed", err instanceof Error ? err.message : err);
        }
      });
      return c.json(SAME_ANSWER, 200);
    })
    .post("/complete", validate("json", PasswordResetCompleteSchema), async (c) => {
      const { db } = c.var.deps;
      const { org } = c.var;
      const { token, password } = c.req.valid("json");
      const lookup = await findLinkToken(db, org.id, "reset", token);
      const account = lookup.ok ? await findAccountById(db, org.id, lookup.row.accountId) : undefined;
      if (!lookup.ok || !account || account.status !== "active") return linkInvalid(c);
      const weak = passwordProblem(org.policy, password, account.email);
      if (weak) return apiError(c, 400, "weak_password", weak.message, { password: weak.detail });
      // Claimed before the (slow, awaited) hashing: of two requests with one link at the same moment,
      // only one gets past here.
      if (!(await claimLinkToken(db, lookup.row.id))) return linkInvalid(c);
      const hash = await hashPassword(password);
      await writeTx(db, async (tx) => {
        await setPasswordHash(tx, account.id, hash);
        await invalidateAccountSessions(tx, account.id);
        // SPEC 4.3: the second factor is still asked after a reset, also on a "trusted" computer.
        await revokeTrustedDevices(tx, account.id);
        await appendAudit(tx, {
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

function linkInvalid(c: Context<AppEnv>) {
  return apiError(
    c,
    410,
    "link_invalid",
    "Deze link is verlopen, al gebruikt of vervangen door een nieuwere. Vraag opnieuw een nieuw wachtwoord aan.",
  );
}

/** After the answer: a link for an active account (at most three an hour), an audit row for every request. */
async function sendResetLink(
  deps: Deps,
  org: Organization,
  request: { email: string; ip: string | null; origin: string },
  perAccount: RateLimiter,
): Promise<void> {
  const { db, mailer } = deps;
  const account = await findAccountByEmail(db, org.id, request.email);
  const send = account?.status === "active" && account.passwordHash !== null && (await perAccount.consume(deps, account.id));
  await writeTx(db, async (tx) => {
    if (account && send) {
      const token = await issueLinkToken(tx, { orgId: org.id, accountId: account.id, purpose: "reset", ttlMs: RESET_TTL_MS });
      await mailer.enqueue(resetMail(org, account.email, account.displayName, `${request.origin}/wachtwoord-herstellen#${token}`), tx);
    }
    await appendAudit(tx, {
      orgId: org.id,
      actorId: account?.id ?? null,
      actorLabel: account?.email ?? "onbekend",
      action: "password.reset.request",
      ip: request.ip,
      outcome: send ? "success" : "denied",
      details: send ? undefined : { reason: !account ? "unknown_email" : account.status !== "active" ? account.status : "no_link" },
    });
  });
}
