// Organisatie → Beveiligingsbeleid: the organization's security policy, validated by the one schema in
// shared. A save is seen on the next request: the organization cache is forgotten, sessions are checked
// against the policy of the moment, passwords at their next change, second factors at the next login.
import { UpdatePolicySchema } from "@portaal/shared/organization-settings";
import type { Policy } from "@portaal/shared/policy";
import { Hono } from "hono";
import { auditRequest } from "../../../audit/request";
import { writeTx } from "../../../db/client";
import { readOrganizationPolicy, saveOrganizationPolicy } from "../../../db/organization-settings";
import { forgetCachedOrganizations } from "../../../db/organizations";
import { apiError } from "../../../lib/http-error";
import { validate } from "../../../lib/validate";
import { requireCan } from "../../../middleware/session";
import type { AppEnv } from "../../../types";

/** The settings that changed, before and after (the policy holds no secrets). */
function policyChanges(before: Policy, after: Policy) {
  const changed: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of Object.keys(after) as (keyof Policy)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changed[key] = { before: before[key], after: after[key] };
  }
  return changed;
}

export function policyRoutes() {
  return new Hono<AppEnv>()
    .use(requireCan("policy.manage"))
    .get("/", async (c) => {
      const current = await readOrganizationPolicy(c.var.deps.db, c.var.org.id);
      if (!current) return apiError(c, 404, "not_found", "Deze organisatie bestaat niet.");
      return c.json(current, 200);
    })
    .put("/", validate("json", UpdatePolicySchema), async (c) => {
      const { db } = c.var.deps;
      const { version, policy } = c.req.valid("json");
      const result = await writeTx(db, async (tx) => {
        const r = await saveOrganizationPolicy(tx, c.var.org.id, version, policy);
        if (r.ok) {
          await auditRequest(
            c,
            {
              action: "organization.policy.update",
              objectType: "organization",
              objectId: c.var.org.id,
              details: { changes: policyChanges(r.before, policy) },
            },
            tx,
          );
        }
        return r;
      });
      if (!result.ok) {
        if (result.reason === "not_found") return apiError(c, 404, "not_found", "Deze organisatie bestaat niet.");
        return apiError(
          c,
          409,
          "stale_policy",
          "Iemand anders heeft het beveiligingsbeleid intussen gewijzigd. Uw wijziging is niet opgeslagen: ververs de pagina, bekijk het nieuwe beleid en breng uw wijziging opnieuw aan.",
        );
      }
      await forgetCachedOrganizations(db);
      return c.json(await readOrganizationPolicy(db, c.var.org.id), 200);
    });
}
