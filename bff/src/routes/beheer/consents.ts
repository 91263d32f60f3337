// Beheer: record or revoke consent for a relation: the client's (a parent after 16, a relation without gezag
// of a 16+ client) or a gezag holder's (a relation without gezag of a client under 16).
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
  relation_ended: [409, "Deze relatie is beëindigd; voor een beëindigde relatie wordt geen toestemming meer vastgelegd."],
  not_gezag_holder: [400, "Kies een ouder of voogd met gezag van deze cliënt (een actuele relatie) als degene die toestemming geeft."],
  gezag_needs_client: [
    400,
    "Een ouder of voogd met gezag heeft geen toestemming van een andere gezaghouder nodig; vanaf 16 jaar beslist de cliënt zelf.",
  ],
  client_decides: [409, "De cliënt is 16 jaar of ouder en beslist nu zelf: leg de toestemming van de cliënt vast."],
} as const;

export function beheerConsentRoutes() {
  return new Hono<AppEnv>()
    .use(requireCan("access.manage"))
    .use(visibleClient)
    .post("/", validate("param", ClientParam), validate("json", SetConsentSchema), async (c) => {
      const { clientId } = c.req.valid("param");
      const { relationId, given, gezagRelationId } = c.req.valid("json");
      const { db, clock } = c.var.deps;
      const decider = gezagRelationId ? ({ kind: "gezaghouder", relationId: gezagRelationId } as const) : ({ kind: "client" } as const);
      const result = await writeTx(db, async (tx) => {
        const r = await setConsent(
          tx,
          c.var.org.id,
          clientId,
          relationId,
          given,
          { kind: "medewerker", accountId: c.var.user.id },
          clock(),
          decider,
        );
        await auditRequest(
          c,
          {
            clientId,
            action: given ? "consent.give" : "consent.revoke",
            objectType: "relation",
            objectId: relationId,
            outcome: r.ok ? "success" : "failure",
            details: {
              by: "medewerker",
              decidedBy: decider.kind,
              ...(gezagRelationId ? { gezagRelationId } : {}),
              ...(r.ok ? { changed: r.changed } : { reason: r.reason }),
            },
          },
          tx,
        );
        return r;
      });
      if (!result.ok) return apiError(c, CONSENT_ERRORS[result.reason][0], result.reason, CONSENT_ERRORS[result.reason][1]);
      return c.json({ ok: true, changed: result.changed }, 200);
    });
}
