// Mijn account → "Wie kan mijn portaal zien": a client of 16 or older switches, per relation (parents and
// guardians with gezag, relations without gezag), whether they may see the portal.
import { SetConsentSchema } from "@portaal/shared/care";
import { type Context, Hono } from "hono";
import { auditRequest } from "../../audit/request";
import { clientDecides, portalViewers, setConsent } from "../../care/consents";
import { careRefusal } from "../../care/rules";
import { hasActiveGrant } from "../../db/accounts";
import { writeTx } from "../../db/client";
import { apiError } from "../../lib/http-error";
import { validate } from "../../lib/validate";
import type { AppEnv } from "../../types";
import { CONSENT_ERRORS } from "../beheer/consents";

/** The client's own portal, when the caller is the client and may open it today; else null. */
async function ownPortal(c: Context<AppEnv>): Promise<string | null> {
  const user = c.var.user;
  const { db, clock } = c.var.deps;
  if (user.kind !== "cov" || !user.clientId) return null;
  if (!(await hasActiveGrant(db, c.var.org.id, user.id, user.clientId))) return null;
  if (await careRefusal(db, c.var.org, user, user.clientId, clock())) return null;
  return user.clientId;
}

const NOT_CLIENT = "Alleen de cliënt zelf beslist wie het eigen portaal mag zien.";

export function portalViewerRoutes() {
  return (
    new Hono<AppEnv>()
      // Who may ask is decided before any body is read: a parent learns nothing from validation errors.
      .use(async (c, next) => {
        if (!(await ownPortal(c))) return apiError(c, 403, "client_only", NOT_CLIENT);
        return next();
      })
      .get("/", async (c) => {
        const clientId = (await ownPortal(c)) as string;
        const { db, clock } = c.var.deps;
        return c.json(
          {
            decides: await clientDecides(db, c.var.org.id, clientId, clock()),
            viewers: await portalViewers(db, c.var.org.id, clientId, clock()),
          },
          200,
        );
      })
      .put("/", validate("json", SetConsentSchema), async (c) => {
        const clientId = (await ownPortal(c)) as string;
        const { db, clock } = c.var.deps;
        if (!(await clientDecides(db, c.var.org.id, clientId, clock()))) {
          return apiError(
            c,
            403,
            "not_yet_sixteen",
            "Vanaf uw 16e verjaardag beslist u zelf wie uw portaal mag zien. Tot die tijd hebben uw ouders of voogden met gezag toegang.",
          );
        }
        const { relationId, given, gezagRelationId } = c.req.valid("json");
        if (gezagRelationId) {
          return apiError(c, 403, "client_only", "U legt hier uw eigen toestemming vast, niet die van een ouder of voogd.", {
            gezagRelationId: "U legt hier uw eigen toestemming vast.",
          });
        }
        const result = await writeTx(db, async (tx) => {
          const r = await setConsent(tx, c.var.org.id, clientId, relationId, given, { kind: "client", accountId: c.var.user.id }, clock());
          await auditRequest(
            c,
            {
              clientId,
              action: given ? "consent.give" : "consent.revoke",
              objectType: "relation",
              objectId: relationId,
              outcome: r.ok ? "success" : "failure",
              details: r.ok ? { by: "client", changed: r.changed } : { reason: r.reason },
            },
            tx,
          );
          return r;
        });
        if (!result.ok) return apiError(c, CONSENT_ERRORS[result.reason][0], result.reason, CONSENT_ERRORS[result.reason][1]);
        return c.json({ ok: true, changed: result.changed }, 200);
      })
  );
}
