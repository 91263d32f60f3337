// Beheer: record or revoke a client's consent that a parent or guardian with gezag keeps access after 16.
import { SetConsentSchema } from "@portaal/shared/care";
import { IdSchema } from "@portaal/shared/common";
import { Hono } from "hono";
import { z } from "zod";
import { auditRequest } from "../../audit/request";
import { setConsent } from "../../care/consents";
import { writeTx } from "../../db/client";
import { apiError } from "../../lib/http-error";
import { validate } from "../../lib/validate";
import { requireCan } from "../../middleware/session";
import { visibleClient } from "../../middleware/visible-client";
import type { AppEnv } from "../../types";

const ClientParam = z.object({ clientId: IdSchema });

export const CONSENT_ERRORS = {
  relation_not_found: [404, "Deze relatie hoort niet (meer) bij deze cliënt."],
  no_gezag: [400, "Toestemming na 16 jaar gaat over ouders en voogden met gezag; deze relatie heeft geen gezag."],
} as const;

export function beheerConsentRoutes() {
  return new Hono<AppEnv>()
    .use(requireCan("access.manage"))
    .use(visibleClient)
    .post("/", validate("param", ClientParam), validate("json", SetConsentSchema), (c) => {
      const { clientId } = c.req.valid("param");
      const { relationId, given } = c.req.valid("json");
      const { db, clock } = c.var.deps;
      const result = writeTx(db, () => {
        const r = setConsent(db, c.var.org.id, clientId, relationId, given, { kind: "medewerker", accountId: c.var.user.id }, clock());
        auditRequest(c, {
          clientId,
          action: given ? "consent.give" : "consent.revoke",
          objectType: "relation",
          objectId: relationId,
          outcome: r.ok ? "success" : "failure",
          details: r.ok ? { by: "medewerker", changed: r.changed } : { reason: r.reason },
        });
        return r;
      });
      if (!result.ok) return apiError(c, CONSENT_ERRORS[result.reason][0], result.reason, CONSENT_ERRORS[result.reason][1]);
      return c.json({ ok: true, changed: result.changed }, 200);
    });
}
