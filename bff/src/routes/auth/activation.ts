// Activation from the e-mailed link: birth date → password → second factor → terms. Progress lives
// on the link's row, so a reload (F5) resumes at the same step.
import {
  ActivationBirthDateSchema,
  ActivationFinishSchema,
  ActivationPasswordSchema,
  type ActivationStatus,
  type ActivationStep,
  ActivationTokenRequestSchema,
  ActivationTotpConfirmSchema,
} from "@portaal/shared/activation";
import { ActivationWebAuthnSchema } from "@portaal/shared/webauthn";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { type Context, Hono } from "hono";
import { appendAudit } from "../../audit/log";
import { markActivated, setPasswordHash } from "../../auth/account-credentials";
import { writeSessionCookie } from "../../auth/cookies";
import { addTotpCredential, listFactorKinds, recordTotpStep } from "../../auth/factors";
import { countLinkAttempt, findLinkToken, type LinkLookup, updateLinkData, useLinkToken } from "../../auth/link-tokens";
import { hashPassword } from "../../auth/password";
import { passwordProblem } from "../../auth/password-policy";
import { createSession } from "../../auth/sessions";
import { matchTotp, totpSetupPayload } from "../../auth/totp";
import { beginRegistration, finishRegistration, relyingParty } from "../../auth/webauthn";
import { clientBirthDate, clientFirstName } from "../../db/access";
import { findAccountById, recordLogin } from "../../db/accounts";
import { type Db, writeTx } from "../../db/client";
import { acceptTerms, latestTerms } from "../../db/terms";
import { clientIp } from "../../lib/client-ip";
import { apiError } from "../../lib/http-error";
import { createRateLimiter } from "../../lib/rate-limit";
import { validate } from "../../lib/validate";
import type { AppEnv } from "../../types";

type Progress = {
  /** The client whose birth date proves the person; null for staff, who skip that step. */
  clientId: string | null;
  /** A staff account: no birth date, and always a second factor, whatever the preset. */
  staff?: boolean;
  birthDateOk?: boolean;
  passwordSet?: boolean;
  factor?: "totp" | "webauthn" | "skipped";
  /** A generated authenticator key, sealed, until the user confirms a code from it. */
  pendingTotp?: string | undefined;
};

function stepOf(p: Progress): ActivationStep {
  if (!p.birthDateOk) return "birth-date";
  if (!p.passwordSet) return "password";
  if (!p.factor) return "second-factor";
  return "terms";
}

const LINK_ERRORS: Record<Exclude<LinkLookup, { ok: true }>["reason"], string> = {
  unknown: "Deze activatielink bestaat niet of is vervangen door een nieuwere. Gebruik de link uit de laatste e-mail.",
  used: "Deze activatielink is al gebruikt. U kunt inloggen met uw e-mailadres en wachtwoord.",
  expired: "Deze activatielink is verlopen. Neem contact op met de organisatie voor een nieuwe link.",
  too_many_attempts:
    "Deze activatielink werkt niet meer na te veel onjuiste geboortedata. Neem contact op met de organisatie voor een nieuwe link.",
};

type Loaded = {
  lookup: Extract<LinkLookup, { ok: true }>;
  progress: Progress;
  account: NonNullable<Awaited<ReturnType<typeof findAccountById>>>;
};

/** Finds the link and its account, or answers 410 with what to do. */
async function load(c: Context<AppEnv>, token: string): Promise<Loaded | Response> {
  const { db } = c.var.deps;
  const lookup = await findLinkToken(db, c.var.org.id, "activation", token);
  if (!lookup.ok) {
    const extra = lookup.reason === "used" ? "" : ` Bel ${c.var.org.phone}.`;
    return apiError(c, 410, `link_${lookup.reason}`, LINK_ERRORS[lookup.reason] + extra);
  }
  const account = await findAccountById(db, c.var.org.id, lookup.row.accountId);
  if (account?.status !== "invited") {
    return apiError(c, 410, "link_used", LINK_ERRORS.used);
  }
  return { lookup, progress: lookup.data as unknown as Progress, account };
}

async function status(c: Context<AppEnv>, l: Loaded): Promise<ActivationStatus> {
  const { db } = c.var.deps;
  const { org } = c.var;
  const terms = await latestTerms(db, org.id);
  return {
    step: stepOf(l.progress),
    email: l.account.email,
    organizationName: org.name,
    clientFirstName: l.progress.clientId ? await clientFirstName(db, org.id, l.progress.clientId) : "",
    policy: org.policy,
    secondFactorOptional: !l.progress.staff && org.policy.secondFactor === "email-until-set",
    staff: l.progress.staff === true,
    factorsSet: (await listFactorKinds(db, l.account.id, org.policy)).filter((f): f is "totp" | "webauthn" => f !== "email"),
    terms: terms ? { version: terms.version, body: terms.body } : null,
  };
}

function wrongStep(c: Context<AppEnv>, l: Loaded, expected: ActivationStep) {
  if (stepOf(l.progress) === expected) return null;
  return apiError(c, 409, "wrong_step", "Deze stap is al gedaan of nog niet aan de beurt. Ververs de pagina om verder te gaan waar u was.");
}

export function activationRoutes() {
  // A backstop only: link tokens carry 160 random bits and every link counts its own wrong answers.
  const perIp = createRateLimiter("activation-ip", 600, 5 * 60_000);
  return new Hono<AppEnv>()
    .use(async (c, next) => {
      if (!(await perIp.consume(c.var.deps, `${c.var.org.id}:${clientIp(c)}`))) {
        return apiError(c, 429, "too_many_attempts", "Te veel pogingen vanaf dit adres. Wacht een paar minuten en probeer het opnieuw.");
      }
      return next();
    })
    .post("/status", validate("json", ActivationTokenRequestSchema), async (c) => {
      const l = await load(c, c.req.valid("json").token);
      if (l instanceof Response) return l;
      return c.json(await status(c, l), 200);
    })
    .post("/birth-date", validate("json", ActivationBirthDateSchema), async (c) => {
      const { db } = c.var.deps;
      const { org } = c.var;
      const body = c.req.valid("json");
      const l = await load(c, body.token);
      if (l instanceof Response) return l;
      const wrong = wrongStep(c, l, "birth-date");
      if (wrong) return wrong;
      const expected = l.progress.clientId ? await clientBirthDate(db, org.id, l.progress.clientId) : null;
      const audit = (tx: Db, outcome: "success" | "failure", details?: Record<string, unknown>) =>
        appendAudit(tx, {
          orgId: org.id,
          actorId: l.account.id,
          actorLabel: l.account.email,
          clientId: l.progress.clientId,
          action: "activation.birth-date",
          ip: clientIp(c),
          outcome,
          details,
        });
      if (!expected || expected !== body.birthDate) {
        const left = await writeTx(db, async (tx) => {
          const n = await countLinkAttempt(tx, l.lookup.row);
          await audit(tx, "failure", { attemptsLeft: n });
          return n;
        });
        if (left === 0) return apiError(c, 410, "link_too_many_attempts", `${LINK_ERRORS.too_many_attempts} Bel ${org.phone}.`);
        return apiError(c, 400, "wrong_birth_date", `Deze geboortedatum klopt niet. U kunt het nog ${left} keer proberen.`, {
          birthDate: "Onjuiste geboortedatum",
        });
      }
      const recorded = await writeTx(db, async (tx) => {
        if (!(await updateLinkData(tx, l.lookup.row.id, { ...l.progress, birthDateOk: true }))) return false;
        await audit(tx, "success");
        return true;
      });
      if (!recorded) return apiError(c, 410, "link_too_many_attempts", `${LINK_ERRORS.too_many_attempts} Bel ${org.phone}.`);
      return c.json(await status(c, { ...l, progress: { ...l.progress, birthDateOk: true } }), 200);
    })
    .post("/password", validate("json", ActivationPasswordSchema), async (c) => {
      const { db } = c.var.deps;
      const { org } = c.var;
      const body = c.req.valid("json");
      const l = await load(c, body.token);
      if (l instanceof Response) return l;
      const wrong = wrongStep(c, l, "password");
      if (wrong) return wrong;
      const weak = passwordProblem(org.policy, body.password, l.account.email);
      if (weak) return apiError(c, 400, "weak_password", weak.message, { password: weak.detail });
      const hash = await hashPassword(body.password);
      const progress = { ...l.progress, passwordSet: true };
      await writeTx(db, async (tx) => {
        await setPasswordHash(tx, l.account.id, hash);
        await updateLinkData(tx, l.lookup.row.id, progress);
        await appendAudit(tx, {
          orgId: org.id,
          actorId: l.account.id,
          actorLabel: l.account.email,
          action: "activation.password",
          ip: clientIp(c),
          outcome: "success",
        });
      });
      return c.json(await status(c, { ...l, progress }), 200);
    })
    .post("/totp/setup", validate("json", ActivationTokenRequestSchema), async (c) => {
      const { db, secretBox } = c.var.deps;
      const { org } = c.var;
      const l = await load(c, c.req.valid("json").token);
      if (l instanceof Response) return l;
      const wrong = wrongStep(c, l, "second-factor");
      if (wrong) return wrong;
      // The same key on a reload, so a code the user already scanned keeps working.
      let key: Uint8Array;
      if (l.progress.pendingTotp) key = secretBox.open(l.progress.pendingTotp);
      else {
        key = crypto.getRandomValues(new Uint8Array(20));
        await updateLinkData(db, l.lookup.row.id, { ...l.progress, pendingTotp: secretBox.seal(key) });
      }
      const body = await totpSetupPayload(org.name, l.account.email, key);
      return c.json(body, 200);
    })
    .post("/totp/confirm", validate("json", ActivationTotpConfirmSchema), async (c) => {
      const { db, secretBox } = c.var.deps;
      const { org } = c.var;
      const body = c.req.valid("json");
      const l = await load(c, body.token);
      if (l instanceof Response) return l;
      const wrong = wrongStep(c, l, "second-factor");
      if (wrong) return wrong;
      if (!l.progress.pendingTotp) return apiError(c, 409, "no_pending_key", "Start eerst het instellen van de authenticator-app.");
      const key = secretBox.open(l.progress.pendingTotp);
      const step = matchTotp(key, body.code, { pastSteps: org.policy.totpPastSteps, futureSteps: org.policy.totpFutureSteps }, null);
      if (step === null) {
        return apiError(
          c,
          400,
          "wrong_code",
          "Deze code klopt niet. Controleer of de tijd op uw telefoon goed staat en vul de nieuwste code in.",
          { code: "Onjuiste code" },
        );
      }
      const progress: Progress = { ...l.progress, factor: "totp", pendingTotp: undefined };
      await writeTx(db, async (tx) => {
        const id = await addTotpCredential(tx, secretBox, {
          orgId: org.id,
          accountId: l.account.id,
          key,
          label: "Authenticator-app",
          confirmed: true,
        });
        await recordTotpStep(tx, id, step);
        await updateLinkData(tx, l.lookup.row.id, progress);
        await appendAudit(tx, {
          orgId: org.id,
          actorId: l.account.id,
          actorLabel: l.account.email,
          action: "account.totp.add",
          ip: clientIp(c),
          outcome: "success",
          details: { during: "activation" },
        });
      });
      return c.json(await status(c, { ...l, progress }), 200);
    })
    .post("/webauthn/options", validate("json", ActivationTokenRequestSchema), async (c) => {
      const { db } = c.var.deps;
      const l = await load(c, c.req.valid("json").token);
      if (l instanceof Response) return l;
      const wrong = wrongStep(c, l, "second-factor");
      if (wrong) return wrong;
      return c.json(
        await beginRegistration(db, { orgId: c.var.org.id, account: l.account, rp: relyingParty(c), boundTo: l.lookup.row.id }),
        200,
      );
    })
    .post("/webauthn/verify", validate("json", ActivationWebAuthnSchema), async (c) => {
      const { db } = c.var.deps;
      const { org } = c.var;
      const body = c.req.valid("json");
      const l = await load(c, body.token);
      if (l instanceof Response) return l;
      const wrong = wrongStep(c, l, "second-factor");
      if (wrong) return wrong;
      const result = await finishRegistration(db, {
        orgId: org.id,
        accountId: l.account.id,
        rp: relyingParty(c),
        response: body.credential as unknown as RegistrationResponseJSON,
        name: body.name,
        boundTo: l.lookup.row.id,
      });
      if (!result.ok) {
        return apiError(
          c,
          400,
          "key_not_registered",
          "De beveiligingssleutel kon niet worden gekoppeld. Probeer het opnieuw, of kies de authenticator-app.",
        );
      }
      const progress: Progress = { ...l.progress, factor: "webauthn" };
      await writeTx(db, async (tx) => {
        await updateLinkData(tx, l.lookup.row.id, progress);
        await appendAudit(tx, {
          orgId: org.id,
          actorId: l.account.id,
          actorLabel: l.account.email,
          action: "account.webauthn.add",
          ip: clientIp(c),
          outcome: "success",
          details: { during: "activation" },
        });
      });
      return c.json(await status(c, { ...l, progress }), 200);
    })
    .post("/skip-factor", validate("json", ActivationTokenRequestSchema), async (c) => {
      const { db } = c.var.deps;
      const { org } = c.var;
      const l = await load(c, c.req.valid("json").token);
      if (l instanceof Response) return l;
      const wrong = wrongStep(c, l, "second-factor");
      if (wrong) return wrong;
      if (l.progress.staff || org.policy.secondFactor !== "email-until-set") {
        return apiError(
          c,
          400,
          "factor_required",
          "Bij deze organisatie is tweestapsverificatie verplicht. Kies een authenticator-app of een beveiligingssleutel.",
        );
      }
      const progress: Progress = { ...l.progress, factor: "skipped" };
      await updateLinkData(db, l.lookup.row.id, progress);
      return c.json(await status(c, { ...l, progress }), 200);
    })
    .post("/finish", validate("json", ActivationFinishSchema), async (c) => {
      const { db } = c.var.deps;
      const { org } = c.var;
      const l = await load(c, c.req.valid("json").token);
      if (l instanceof Response) return l;
      const wrong = wrongStep(c, l, "terms");
      if (wrong) return wrong;
      const ip = clientIp(c);
      const { token, session } = await writeTx(db, async (tx) => {
        const terms = await latestTerms(tx, org.id);
        if (terms) await acceptTerms(tx, org.id, l.account.id, terms.id);
        await markActivated(tx, l.account.id);
        await useLinkToken(tx, l.lookup.row.id);
        await appendAudit(tx, {
          orgId: org.id,
          actorId: l.account.id,
          actorLabel: l.account.email,
          clientId: l.progress.clientId,
          action: "activation.complete",
          ip,
          outcome: "success",
        });
        const s = await createSession(
          tx,
          { orgId: org.id, accountId: l.account.id, secondFactorVerified: true, ip, userAgent: c.req.header("user-agent") ?? null },
          org.policy,
        );
        // Finishing the activation signs the user in: it is their first login ("Laatst ingelogd" for staff).
        await recordLogin(tx, l.account, s.session.createdAt);
        return s;
      });
      writeSessionCookie(c, token, session.absoluteExpiresAt);
      return c.json({ step: "done" as const }, 200);
    });
}
