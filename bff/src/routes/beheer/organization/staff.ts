// Medewerkers: the beheerder lists, invites and manages staff accounts and sets their care teams.
import { IdSchema } from "@portaal/shared/common";
import {
  AddCareTeamClientSchema,
  ChangeStaffRoleSchema,
  InviteStaffSchema,
  type StaffAction,
  StaffListQuerySchema,
  StaffVersionSchema,
} from "@portaal/shared/staff";
import { type Context, Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import { auditRequest } from "../../../audit/request";
import { issueLinkToken, revokeLinkTokens } from "../../../auth/link-tokens";
import { endAllSessions, resetCredentials, setAccountStatus } from "../../../db/access";
import type { AccountRow } from "../../../db/accounts";
import { type Db, lockForTransaction, writeTx, writeTxOr } from "../../../db/client";
import { createStaffInvite, emailInUse } from "../../../db/setup";
import {
  addToCareTeam,
  bumpStaffVersion,
  factorResetPending,
  findStaff,
  getStaffDetail,
  isCareRole,
  listStaff,
  otherActiveBeheerders,
  removeFromCareTeam,
  resetSecondFactor,
  setStaffRole,
} from "../../../db/staff";
import { apiError } from "../../../lib/http-error";
import { publicOrigin } from "../../../lib/origin";
import { validate } from "../../../lib/validate";
import { factorResetMail, staffInvitationMail } from "../../../mail/templates";
import { requireCan } from "../../../middleware/session";
import type { AppEnv } from "../../../types";

const DAY = 86_400_000;
const StaffParam = z.object({ staffId: IdSchema });
const CareTeamParam = z.object({ staffId: IdSchema, clientId: IdSchema });
const NOT_FOUND = "Deze medewerker bestaat niet (meer) in uw organisatie.";
const STALE =
  "Iemand anders heeft deze medewerker net gewijzigd. Ververs de pagina, bekijk de nieuwe gegevens en probeer het daarna opnieuw.";

/** Which states each action starts from, and what to say when the staff member is in another. */
const ACTION_RULES: Record<StaffAction, { from: AccountRow["status"][]; message: string }> = {
  deactivate: {
    from: ["invited", "active", "blocked"],
    message: "Deze medewerker is al gedeactiveerd.",
  },
  reactivate: {
    from: ["deactivated", "closed"],
    message: "Alleen een gedeactiveerde medewerker kan worden geheractiveerd.",
  },
  unblock: { from: ["blocked"], message: "Deze medewerker is niet geblokkeerd." },
  "reset-second-factor": {
    from: ["active", "blocked"],
    message: "Alleen bij een actieve of geblokkeerde medewerker kan de tweede stap opnieuw worden ingesteld.",
  },
  "resend-invitation": {
    from: ["invited"],
    message: "Deze medewerker heeft het account al geactiveerd; een uitnodiging opnieuw sturen is niet nodig.",
  },
};

/** A refusal inside the write transaction: it rolls back, and the route answers with it. */
class Refused extends Error {
  constructor(
    readonly status: 404 | 409,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The staff member of `:staffId` must be of the caller's organization, before any body is read. */
const staffFound = createMiddleware<AppEnv>(async (c, next) => {
  const id = IdSchema.safeParse(c.req.param("staffId"));
  if (!id.success || !(await findStaff(c.var.deps.db, c.var.org.id, id.data))) return apiError(c, 404, "staff_not_found", NOT_FOUND);
  return next();
});

/** The organization must keep an active beheerder, and nobody locks themself out. */
async function guardRails(c: Context<AppEnv>, db: Db, staff: AccountRow, what: "deactivate" | "demote" | "reset"): Promise<void> {
  if (staff.id === c.var.user.id) {
    if (what === "reset") {
      throw new Refused(409, "self", "Uw eigen tweede stap wijzigt u zelf, in Mijn account onder Privacy en beveiliging.");
    }
    throw new Refused(
      409,
      "self",
      what === "deactivate"
        ? "U kunt uzelf niet deactiveren: dan kan niemand u weer toegang geven. Vraag een andere beheerder om dit te doen."
        : "U kunt uw eigen rol niet wijzigen: dan verliest u het beheer. Vraag een andere beheerder om dit te doen.",
    );
  }
  if (staff.staffRole === "beheerder" && staff.status === "active" && (await otherActiveBeheerders(db, c.var.org.id, staff.id)) === 0) {
    throw new Refused(
      409,
      "last_beheerder",
      "Dit is de laatste actieve beheerder van de organisatie. Nodig eerst een andere beheerder uit en laat die het account activeren.",
    );
  }
}

/** Sends the activation link: a new staff member's invitation, or a new second factor after a reset. In the caller's transaction. */
async function sendLink(
  c: Context<AppEnv>,
  tx: Db,
  staff: Pick<AccountRow, "id" | "email" | "displayName">,
  factorOnly: boolean,
): Promise<void> {
  const { mailer } = c.var.deps;
  const { org } = c.var;
  const days = org.policy.activationLinkDays;
  const token = await issueLinkToken(tx, {
    orgId: org.id,
    accountId: staff.id,
    purpose: "activation",
    ttlMs: days * DAY,
    // As the operator's `staff invite`: no birth date, and always a second factor. After a reset the password stays.
    data: { clientId: null, staff: true, birthDateOk: true, ...(factorOnly ? { passwordSet: true } : {}) },
  });
  const link = `${publicOrigin(c)}/activeren#${token}`;
  const mail = factorOnly ? factorResetMail : staffInvitationMail;
  await mailer.enqueue(mail(org, staff.email, staff.displayName, link, days), tx);
}

async function detail(c: Context<AppEnv>, staffId: string) {
  return getStaffDetail(c.var.deps.db, c.var.org.id, staffId, c.var.user.id);
}

/**
 * One change to a staff member: in one write transaction, re-read it, refuse a stale version or a wrong
 * state, apply, raise the version and audit. A refusal changes nothing and is audited as such.
 */
async function change(
  c: Context<AppEnv>,
  staffId: string,
  version: number,
  action: string,
  apply: (tx: Db, staff: AccountRow) => Promise<Record<string, unknown> | undefined>,
) {
  const { db } = c.var.deps;
  const result = await writeTxOr(
    db,
    async (tx) => {
      // One staff change per organization at a time (PostgreSQL; SQLite has one writer anyway): the version
      // check and the "last active beheerder" count must see the change before.
      await lockForTransaction(tx, `staff:${c.var.org.id}`);
      const staff = await findStaff(tx, c.var.org.id, staffId);
      if (!staff) throw new Refused(404, "staff_not_found", NOT_FOUND);
      if (staff.version !== version) throw new Refused(409, "stale_version", STALE);
      const details = await apply(tx, staff);
      await bumpStaffVersion(tx, staffId);
      await auditRequest(c, { action: `staff.${action}`, objectType: "staff", objectId: staffId, ...(details ? { details } : {}) }, tx);
      return null;
    },
    Refused,
  );
  if (result) {
    if (result.code !== "staff_not_found") {
      await writeTx(db, async (tx) =>
        auditRequest(
          c,
          {
            action: `staff.${action}`,
            objectType: "staff",
            objectId: staffId,
            outcome: "failure",
            details: { reason: result.code },
          },
          tx,
        ),
      );
    }
    return apiError(c, result.status, result.code, result.message);
  }
  return c.json({ staff: await detail(c, staffId) }, 200);
}

function checkState(staff: AccountRow, action: StaffAction): void {
  const rule = ACTION_RULES[action];
  if (!rule.from.includes(staff.status)) throw new Refused(409, "wrong_state", rule.message);
}

/** Each runs inside change's transaction: `tx` is its handle. */
const ACTIONS: Record<StaffAction, (c: Context<AppEnv>, tx: Db, staff: AccountRow) => Promise<Record<string, unknown> | undefined>> = {
  async deactivate(c, tx, staff) {
    await guardRails(c, tx, staff, "deactivate");
    await setAccountStatus(tx, staff.id, "deactivated");
    // Every open session ends now: the next request of that browser is refused.
    await endAllSessions(tx, staff.id);
    await revokeLinkTokens(tx, staff.id);
    return { from: staff.status };
  },
  async reactivate(c, tx, staff) {
    // As for clients' accounts: a new start with a new password and a new second factor.
    await resetCredentials(tx, staff.id);
    await sendLink(c, tx, staff, false);
    return undefined;
  },
  async unblock(_c, tx, staff) {
    await setAccountStatus(tx, staff.id, "active");
    return { reason: staff.blockedReason };
  },
  async "reset-second-factor"(c, tx, staff) {
    await guardRails(c, tx, staff, "reset");
    const removed = await resetSecondFactor(tx, staff.id);
    await sendLink(c, tx, staff, true);
    return removed;
  },
  async "resend-invitation"(c, tx, staff) {
    await sendLink(c, tx, staff, factorResetPending(staff));
    return { factorOnly: factorResetPending(staff) };
  },
};

const CARE_TEAM_ERRORS = {
  client_not_found: [404, "Deze cliënt bestaat niet in uw organisatie."],
  already_in_team: [409, "Deze cliënt staat al in de zorg van deze medewerker."],
  not_in_team: [409, "Deze cliënt staat niet (meer) in de zorg van deze medewerker."],
} as const;

export function staffRoutes() {
  const routes = new Hono<AppEnv>()
    .use(requireCan("staff.manage"))
    .use("/:staffId", staffFound)
    .use("/:staffId/*", staffFound)
    .get("/", validate("query", StaffListQuerySchema), async (c) => {
      return c.json(await listStaff(c.var.deps.db, c.var.org.id, c.req.valid("query"), c.var.user.id), 200);
    })
    .post("/", validate("json", InviteStaffSchema), async (c) => {
      const { db } = c.var.deps;
      const { org } = c.var;
      const input = c.req.valid("json");
      if (await emailInUse(db, org.id, input.email)) {
        await writeTx(db, async (tx) =>
          auditRequest(c, { action: "staff.invite", objectType: "staff", outcome: "failure", details: { reason: "email_in_use" } }, tx),
        );
        return apiError(
          c,
          409,
          "email_in_use",
          `Er is bij ${org.name} al een account met dit e-mailadres. Elk e-mailadres hoort bij één account; gebruik een ander adres of zoek deze medewerker op in de lijst.`,
          { email: "Dit e-mailadres is al in gebruik" },
        );
      }
      const id = await writeTx(db, async (tx) => {
        const accountId = await createStaffInvite(tx, org.id, input);
        await sendLink(c, tx, { id: accountId, email: input.email, displayName: input.name }, false);
        await auditRequest(c, { action: "staff.invite", objectType: "staff", objectId: accountId, details: { role: input.role } }, tx);
        return accountId;
      });
      return c.json({ staff: await detail(c, id) }, 201);
    })
    .get("/:staffId", validate("param", StaffParam), async (c) => {
      const staff = await detail(c, c.req.valid("param").staffId);
      if (!staff) return apiError(c, 404, "staff_not_found", NOT_FOUND);
      return c.json({ staff }, 200);
    })
    .post("/:staffId/role", validate("param", StaffParam), validate("json", ChangeStaffRoleSchema), async (c) => {
      const { staffId } = c.req.valid("param");
      const { role, version } = c.req.valid("json");
      return change(c, staffId, version, "role", async (tx, staff) => {
        if (staff.staffRole === role) throw new Refused(409, "same_role", "Deze medewerker heeft deze rol al.");
        if (staff.staffRole === "beheerder") await guardRails(c, tx, staff, "demote");
        const leftCareTeams = await setStaffRole(tx, c.var.org.id, staffId, role);
        return { from: staff.staffRole, to: role, ...(leftCareTeams > 0 ? { leftCareTeams } : {}) };
      });
    });

  for (const action of Object.keys(ACTIONS) as StaffAction[]) {
    routes.post(`/:staffId/${action}`, validate("param", StaffParam), validate("json", StaffVersionSchema), async (c) => {
      const { staffId } = c.req.valid("param");
      return change(c, staffId, c.req.valid("json").version, action, (tx, staff) => {
        checkState(staff, action);
        return ACTIONS[action](c, tx, staff);
      });
    });
  }

  return routes
    .post("/:staffId/care-team", validate("param", StaffParam), validate("json", AddCareTeamClientSchema), async (c) => {
      const { staffId } = c.req.valid("param");
      return careTeamChange(c, staffId, c.req.valid("json").clientId, "add");
    })
    .delete("/:staffId/care-team/:clientId", validate("param", CareTeamParam), async (c) => {
      const { staffId, clientId } = c.req.valid("param");
      return careTeamChange(c, staffId, clientId, "remove");
    });
}

/** Adding or removing one client: a set operation, so two beheerders cannot overwrite each other. */
async function careTeamChange(c: Context<AppEnv>, staffId: string, clientId: string, how: "add" | "remove") {
  const { db } = c.var.deps;
  const { org } = c.var;
  const staff = await findStaff(db, org.id, staffId);
  if (!staff) return apiError(c, 404, "staff_not_found", NOT_FOUND);
  if (how === "add" && !isCareRole(staff.staffRole)) {
    return apiError(
      c,
      409,
      "not_a_care_role",
      "Alleen begeleiders en behandelaars hebben cliënten in hun zorg. Een beheerder of secretariaat ziet alle cliënten al.",
    );
  }
  const result = await writeTx(db, async (tx) => {
    const r = how === "add" ? await addToCareTeam(tx, org.id, staffId, clientId) : await removeFromCareTeam(tx, org.id, staffId, clientId);
    if (r.ok) {
      await bumpStaffVersion(tx, staffId);
      await auditRequest(c, { clientId, action: `staff.care-team.${how}`, objectType: "staff", objectId: staffId }, tx);
    }
    return r;
  });
  if (!result.ok) {
    const [status, message] = CARE_TEAM_ERRORS[result.reason];
    return apiError(c, status, result.reason, message);
  }
  return c.json({ staff: await detail(c, staffId) }, 200);
}
