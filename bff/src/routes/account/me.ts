// The signed-in user, their organization and the portals they can reach.
import { AcceptTermsSchema, type MeResponse } from "@portaal/shared/auth";
import { Hono } from "hono";
import { appendAudit } from "../../audit/log";
import { careRefusal } from "../../care/rules";
import { initialsOf, listPortalsForAccount, markTourSeen, recordVisit } from "../../db/accounts";
import { writeTx } from "../../db/client";
import { practitionerWordOf } from "../../db/practitioner-word";
import { acceptTerms, latestTerms, termsToAccept } from "../../db/terms";
import { clientIp } from "../../lib/client-ip";
import { apiError } from "../../lib/http-error";
import { validate } from "../../lib/validate";
import { mustSetUpFactor } from "../../middleware/session";
import type { AppEnv } from "../../types";

export function meRoutes() {
  return new Hono<AppEnv>()
    .get("/", async (c) => {
      const { user, org, session } = c.var;
      const { db } = c.var.deps;
      // The portal is open in this session: from now on this login counts as a visit.
      if (user.lastVisitAt !== session.createdAt) await recordVisit(db, user.id, session.createdAt);
      const practitionerWord = await practitionerWordOf(db, org.id);
      // A portal the care rules close today (end of care, age, consent after 16) is not offered.
      const portals: MeResponse["portals"] = [];
      if (user.kind === "cov") {
        for (const p of await listPortalsForAccount(db, org.id, user.id)) {
          if (!(await careRefusal(db, org, user, p.clientId, c.var.deps.clock()))) portals.push(p);
        }
      }
      const body: MeResponse = {
        user: {
          id: user.id,
          email: user.email,
          displayName: user.displayName,
          initials: initialsOf(user.displayName),
          kind: user.kind,
          staffRole: user.staffRole,
          previousLoginAt: user.previousLoginAt,
        },
        organization: {
          name: org.name,
          policy: org.policy,
          phone: org.phone,
          primaryColor: org.primaryColor,
          logoText: org.logoText,
          logoUrl: org.logoUrl,
          supportText: org.supportText,
          aboutText: org.aboutText,
          practitionerWord,
        },
        portals,
        session: { idleExpiresAt: session.idleExpiresAt, absoluteExpiresAt: session.absoluteExpiresAt },
        termsToAccept: await termsToAccept(db, org.id, user.id),
        secondFactorSetupRequired: await mustSetUpFactor(c),
      };
      return c.json(body, 200);
    })
    .post("/tour-seen", async (c) => {
      await markTourSeen(c.var.deps.db, c.var.user.id);
      return c.json({ ok: true }, 200);
    })
    .post("/terms", validate("json", AcceptTermsSchema), async (c) => {
      const { db } = c.var.deps;
      const { user, org } = c.var;
      const latest = await latestTerms(db, org.id);
      if (!latest || latest.version !== c.req.valid("json").version) {
        return apiError(c, 409, "terms_changed", "Er is intussen een nieuwere versie van de voorwaarden. Lees die en ga opnieuw akkoord.");
      }
      await writeTx(db, async (tx) => {
        await acceptTerms(tx, org.id, user.id, latest.id);
        await appendAudit(tx, {
          orgId: org.id,
          actorId: user.id,
          actorLabel: user.email,
          action: "terms.accept",
          objectType: "terms",
          objectId: String(latest.version),
          ip: clientIp(c),
          outcome: "success",
        });
      });
      return c.json({ ok: true }, 200);
    });
}
