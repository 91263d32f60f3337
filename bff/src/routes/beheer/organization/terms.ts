// Gebruiksvoorwaarden: the versions with their acceptances, and publishing a new one (audited). From the
// moment a version is published, every signed-in user is refused until they accept it (middleware/terms).
import { type PublishTermsResponse, PublishTermsSchema, type TermsVersionsResponse } from "@portaal/shared/terms-admin";
import { Hono } from "hono";
import { auditRequest } from "../../../audit/request";
import { writeTx } from "../../../db/client";
import { countActiveAccounts, listTermsVersions, publishTerms } from "../../../db/terms";
import { apiError } from "../../../lib/http-error";
import { validate } from "../../../lib/validate";
import { requireCan } from "../../../middleware/session";
import type { AppEnv } from "../../../types";

export function termsAdminRoutes() {
  return new Hono<AppEnv>()
    .use(requireCan("terms.manage"))
    .get("/", async (c) => {
      const { db } = c.var.deps;
      const orgId = c.var.org.id;
      const body: TermsVersionsResponse = {
        versions: (await listTermsVersions(db, orgId)).map((v) => ({
          ...v,
          publishedBy: v.publishedBy ?? null,
          accepted: Number(v.accepted),
        })),
        activeAccounts: await countActiveAccounts(db, orgId),
      };
      return c.json(body, 200);
    })
    .post("/", validate("json", PublishTermsSchema), async (c) => {
      const { db } = c.var.deps;
      const { org, user } = c.var;
      const { body, after } = c.req.valid("json");
      const result = await writeTx(db, async (tx) => {
        const r = await publishTerms(tx, org.id, user.id, body, after);
        if (r.ok) {
          await auditRequest(
            c,
            {
              action: "terms.publish",
              objectType: "terms",
              objectId: String(r.version),
              details: { length: body.length, acceptedByPublisher: true },
            },
            tx,
          );
        }
        return r;
      });
      if (!result.ok) {
        return apiError(
          c,
          409,
          "terms_changed",
          "Intussen is er al een nieuwere versie van de voorwaarden gepubliceerd. Ververs de pagina, lees die versie en probeer het opnieuw.",
        );
      }
      const res: PublishTermsResponse = { version: result.version };
      return c.json(res, 201);
    });
}
