// One client's portal as a COV user sees it. Every route sits behind requirePortal (an active grant).
import type { Overview } from "@portaal/shared/portal";
import { Hono } from "hono";
import { countOwnFactors } from "../../auth/account-security";
import { activityOverview } from "../../db/overview";
import { apiError } from "../../lib/http-error";
import type { AppEnv } from "../../types";

export function portalRoutes() {
  return new Hono<AppEnv>().get("/overview", async (c) => {
    const { db } = c.var.deps;
    const { org, user, clientId } = c.var;
    const base = await activityOverview(db, org.id, clientId, user.id, user.previousLoginAt);
    if (!base) return apiError(c, 404, "client_not_found", "Dit portaal bestaat niet (meer).");
    const factors = await countOwnFactors(db, user.id);
    const body: Overview = {
      ...base,
      privacy: {
        secondFactorSet: factors > 0,
        secretQuestionSet: user.secretAnswerHash !== null,
        emailCodesOnly: factors === 0 && org.policy.secondFactor === "email-until-set",
      },
      tourSeen: user.tourSeenAt !== null,
    };
    return c.json(body, 200);
  });
}
