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
    .get("/", (c) => {
      const { user, org, session } = c.var;
      const { db } = c.var.deps;
      // The portal is open in this session: from now on this login counts as a visit.
      if (user.lastVisitAt !== session.createdAt) recordVisit(db, user.id, session.createdAt);
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
          practitionerWord: practitionerWordOf(db, org.id),
        },
        // A portal the care rules close today (end of care, age, consent after 16) is not offered.
        portals:
          user.kind === "cov"
            ? listPortalsForAccount(db, org.id, user.id).filter((p) => !careRefusal(db, org, user, p.clientId, c.var.deps.clock()))
            : [],
        session: { idleExpiresAt: session.idleExpiresAt, absoluteExpiresAt: session.absoluteExpiresAt },
        termsToAccept: termsToAccept(db, org.id, user.id),
        secondFactorSetupRequired: mustSetUpFactor(c),
      };
      return c.json(body, 200);
    })
    .post("/tour-seen", (c) => {
      markTourSeen(c.var.deps.db, c.var.user.id);
      return c.json({ ok: true }, 200);
    })
    .post("/terms", validate("json", AcceptTermsSchema), (c) => {
      const { db } = c.var.deps;
      const { user, org } = c.var;
      const latest = latestTerms(db, org.id);
      if (!latest || latest.version !== c.req.valid("json").version) {
        return apiError(c, 409, "terms_changed", "Er is intussen een nieuwere versie van de voorwaarden. Lees die en ga opnieuw akkoord.");
      }
      writeTx(db, () => {
        acceptTerms(db, org.id, user.id, latest.id);
        appendAudit(db, {
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
