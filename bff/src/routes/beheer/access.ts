// Beheer: user access to one client's portal — activate, deactivate, reactivate, unblock, close, check the secret answer.

import { AccessActionSchema, ActivateAccessSchema, SecretCheckSchema } from "@portaal/shared/access";
import { IdSchema } from "@portaal/shared/common";
import { Hono } from "hono";
import { z } from "zod";
import { appendAudit } from "../../audit/log";
import { issueLinkToken, revokeLinkTokens } from "../../auth/link-tokens";
import { verifyPassword } from "../../auth/password";
import { normaliseAnswer } from "../../auth/secret-answer";
import {
  claimSecretCheck,
  clearSecretCheck,
  closeAccount,
  endAllSessions,
  findAccountForClient,
  grantAccess,
  listAccessPeople,
  resetCredentials,
  SECRET_CHECK_LIMIT,
  setAccountStatus,
} from "../../db/access";
import { type Db, writeTx, writeTxOr } from "../../db/client";
import { clientVisible } from "../../db/clients";
import { clientIp } from "../../lib/client-ip";
import { apiError } from "../../lib/http-error";
import { publicOrigin } from "../../lib/origin";
import { validate } from "../../lib/validate";
import { notifyNewAccess } from "../../mail/notify-new-access";
import { activationMail, portalAddedMail } from "../../mail/templates";
import { requireCan } from "../../middleware/session";
import { visibleClient } from "../../middleware/visible-client";
import type { AppEnv } from "../../types";

const ClientParam = z.object({ clientId: IdSchema });
const AccountParam = z.object({ clientId: IdSchema, accountId: IdSchema, action: AccessActionSchema });
const SecretParam = z.object({ clientId: IdSchema, accountId: IdSchema });
const DAY = 86_400_000;
const SECRET_BLOCKED = `De geheime vraag van deze gebruiker is na ${SECRET_CHECK_LIMIT} foute antwoorden geblokkeerd. Stel de identiteit van de beller op een andere manier vast; een beheerder kan de controle daarna weer vrijgeven.`;

const ACTION_RULES = {
  deactivate: {
    from: ["invited", "active", "blocked"],
    message: "Alleen een uitgenodigd, actief of geblokkeerd account kan worden uitgeschakeld.",
  },
  reactivate: { from: ["invited", "active", "blocked", "deactivated", "closed"], message: "" },
  unblock: { from: ["blocked"], message: "Dit account is niet geblokkeerd." },
  close: { from: ["invited", "active", "blocked", "deactivated"], message: "Dit account is al gesloten." },
} as const;

export function beheerAccessRoutes() {
  return (
    new Hono<AppEnv>()
      .use(requireCan("access.manage"))
      .use(visibleClient)
      .get("/", validate("param", ClientParam), async (c) => {
        const { clientId } = c.req.valid("param");
        const people = await listAccessPeople(c.var.deps.db, c.var.org, clientId, c.var.deps.clock());
        if (!people) return apiError(c, 404, "client_not_found", "Deze cliënt bestaat niet of u heeft er geen toegang toe.");
        return c.json({ people }, 200);
      })
      .post("/activate", validate("param", ClientParam), validate("json", ActivateAccessSchema), async (c) => {
        const { clientId } = c.req.valid("param");
        const { db, mailer } = c.var.deps;
        const { org, user } = c.var;
        if (!(await clientVisible(db, { orgId: org.id, careTeamOf: null }, clientId))) {
          return apiError(c, 404, "client_not_found", "Deze cliënt bestaat niet of u heeft er geen toegang toe.");
        }
        const input = c.req.valid("json");
        const result = await writeTx(db, async (tx) => {
          const r = await grantAccess(tx, org, clientId, input, c.var.deps.clock());
          if (r.ok) {
            if (r.newGrant) await notifyNewAccess(c, tx, clientId, r.accountId);
            if (r.needsActivation) {
              const token = await issueLinkToken(tx, {
                orgId: org.id,
                accountId: r.accountId,
                purpose: "activation",
                ttlMs: org.policy.activationLinkDays * DAY,
                data: { clientId },
              });
              await mailer.enqueue(
                activationMail(org, r.email, r.displayName, `${publicOrigin(c)}/activeren#${token}`, org.policy.activationLinkDays),
                tx,
              );
            } else {
              await mailer.enqueue(portalAddedMail(org, r.email, r.displayName, `${publicOrigin(c)}/inloggen`), tx);
            }
          }
          await appendAudit(tx, {
            orgId: org.id,
            actorId: user.id,
            actorLabel: user.email,
            clientId,
            action: "access.activate",
            objectType: "account",
            objectId: r.ok ? r.accountId : null,
            ip: clientIp(c),
            outcome: r.ok ? "success" : "failure",
            details: r.ok ? { invited: r.needsActivation } : { reason: r.code },
          });
          return r;
        });
        if (!result.ok) return apiError(c, result.status, result.code, result.message);
        return c.json({ accountId: result.accountId, invited: result.needsActivation }, 201);
      })
      .post("/:accountId/secret-check", validate("param", SecretParam), validate("json", SecretCheckSchema), async (c) => {
        const { clientId, accountId } = c.req.valid("param");
        const { db } = c.var.deps;
        const { org, user } = c.var;
        const account = await findAccountForClient(db, org.id, clientId, accountId);
        if (!account) return apiError(c, 404, "account_not_found", "Dit account hoort niet bij deze cliënt.");
        if (!account.secretAnswerHash) return apiError(c, 409, "no_secret", "Deze gebruiker heeft geen geheime vraag ingesteld.");
        const audit = (tx: Db, outcome: "success" | "denied", details: Record<string, unknown>) =>
          appendAudit(tx, {
            orgId: org.id,
            actorId: user.id,
            actorLabel: user.email,
            clientId,
            action: "access.secret-check",
            objectType: "account",
            objectId: accountId,
            ip: clientIp(c),
            outcome,
            details,
          });
        // The attempt is taken (and counted) before the answer is compared: guessing in parallel gains nothing.
        const attemptsLeft = await writeTx(db, async (tx) => {
          const left = await claimSecretCheck(tx, accountId);
          if (left === null) await audit(tx, "denied", { blocked: true });
          return left;
        });
        if (attemptsLeft === null) return apiError(c, 423, "secret_check_blocked", SECRET_BLOCKED);
        const match = await verifyPassword(account.secretAnswerHash, normaliseAnswer(c.req.valid("json").answer));
        await writeTx(db, async (tx) => {
          if (match) await clearSecretCheck(tx, accountId);
          await audit(tx, "success", { match, ...(match ? {} : { attemptsLeft, blockedNow: attemptsLeft === 0 }) });
        });
        return c.json({ match, attemptsLeft: match ? SECRET_CHECK_LIMIT : attemptsLeft }, 200);
      })
      // Only a beheerder lifts the block, after making sure the caller is who they say (another way).
      .post("/:accountId/secret-check/reset", requireCan("secret.reset"), validate("param", SecretParam), async (c) => {
        const { clientId, accountId } = c.req.valid("param");
        const { db } = c.var.deps;
        const { org, user } = c.var;
        const account = await findAccountForClient(db, org.id, clientId, accountId);
        if (!account) return apiError(c, 404, "account_not_found", "Dit account hoort niet bij deze cliënt.");
        await writeTx(db, async (tx) => {
          await clearSecretCheck(tx, accountId);
          await appendAudit(tx, {
            orgId: org.id,
            actorId: user.id,
            actorLabel: user.email,
            clientId,
            action: "access.secret-check-reset",
            objectType: "account",
            objectId: accountId,
            ip: clientIp(c),
            outcome: "success",
            details: { wasBlocked: account.secretCheckFailures >= SECRET_CHECK_LIMIT },
          });
        });
        return c.json({ ok: true }, 200);
      })
      .post("/:accountId/:action", validate("param", AccountParam), async (c) => {
        const { clientId, accountId, action } = c.req.valid("param");
        const { db, mailer } = c.var.deps;
        const { org, user } = c.var;
        const account = await findAccountForClient(db, org.id, clientId, accountId);
        if (!account) return apiError(c, 404, "account_not_found", "Dit account hoort niet bij deze cliënt.");
        const rule = ACTION_RULES[action];
        if (!(rule.from as readonly string[]).includes(account.status)) return apiError(c, 409, "wrong_state", rule.message);
        const failure = await writeTxOr(
          db,
          async (tx) => {
            if (action === "deactivate") {
              await setAccountStatus(tx, accountId, "deactivated");
              await endAllSessions(tx, accountId);
              await revokeLinkTokens(tx, accountId);
            } else if (action === "unblock") {
              await setAccountStatus(tx, accountId, "active");
            } else if (action === "close") {
              await closeAccount(tx, accountId);
              await revokeLinkTokens(tx, accountId);
            } else {
              await resetCredentials(tx, accountId);
              const person = account.clientId
                ? { personType: "client" as const, personId: account.clientId }
                : { personType: "contact" as const, personId: account.contactId ?? "" };
              const granted = await grantAccess(tx, org, clientId, person, c.var.deps.clock());
              // Throwing rolls the reset back: nothing changes when the dossier lacks a prerequisite.
              if (!granted.ok) throw new ReactivationRefused(granted.status, granted.code, granted.message);
              // A closed or deactivated account had no access, even where its grant stayed: it is new access again.
              if (granted.newGrant || account.status === "deactivated" || account.status === "closed") {
                await notifyNewAccess(c, tx, clientId, accountId);
              }
              const token = await issueLinkToken(tx, {
                orgId: org.id,
                accountId,
                purpose: "activation",
                ttlMs: org.policy.activationLinkDays * DAY,
                data: { clientId },
              });
              await mailer.enqueue(
                activationMail(
                  org,
                  account.email,
                  account.displayName,
                  `${publicOrigin(c)}/activeren#${token}`,
                  org.policy.activationLinkDays,
                ),
                tx,
              );
            }
            await appendAudit(tx, {
              orgId: org.id,
              actorId: user.id,
              actorLabel: user.email,
              clientId,
              action: `access.${action}`,
              objectType: "account",
              objectId: accountId,
              ip: clientIp(c),
              outcome: "success",
            });
            return null;
          },
          ReactivationRefused,
        );
        if (failure) return apiError(c, failure.status, failure.code, failure.message);
        return c.json({ ok: true }, 200);
      })
  );
}

class ReactivationRefused extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
