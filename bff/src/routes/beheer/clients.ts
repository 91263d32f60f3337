// Beheer: client list, client page, Werkvoorraad, contact search, and actuele relaties (add once, link
// to other clients).
import { ClientListQuerySchema, ContactSearchQuerySchema, CreateRelationSchema, LinkRelationSchema } from "@portaal/shared/beheer";
import { IdSchema, isOwnDomainEmail } from "@portaal/shared/common";
import { can } from "@portaal/shared/roles";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { auditRequest } from "../../audit/request";
import { comingBirthdays } from "../../care/consents";
import { workQueue } from "../../db/access-states";
import { type Db, writeTx } from "../../db/client";
import { createRelation, getClientDetail, linkRelation, listClients, searchContacts } from "../../db/clients";
import { apiError } from "../../lib/http-error";
import { validate } from "../../lib/validate";
import { requireCan } from "../../middleware/session";
import { scopeOf } from "../../middleware/staff-scope";
import { visibleClient } from "../../middleware/visible-client";
import type { AppEnv } from "../../types";

const ClientParamSchema = z.object({ clientId: IdSchema });

const RELATION_ERRORS = {
  email_taken: [409, "Dit e-mailadres hoort al bij een andere relatie. Zoek die relatie op en koppel haar aan deze cliënt."],
  already_linked: [409, "Deze relatie is al gekoppeld aan deze cliënt."],
  contact_not_found: [404, "Deze relatie bestaat niet (meer)."],
} as const;

function auditRelation(c: Context<AppEnv>, tx: Db, clientId: string, action: string, r: { ok: true; relationId: string } | { ok: false }) {
  return auditRequest(
    c,
    {
      clientId,
      action,
      objectType: "relation",
      objectId: r.ok ? r.relationId : null,
      outcome: r.ok ? "success" : "failure",
    },
    tx,
  );
}

/** Role and client are checked before the body is read: a stranger learns nothing from validation errors. */
export function beheerClientRoutes() {
  return (
    new Hono<AppEnv>()
      .use("/clients/:clientId/relations/*", requireCan("access.manage"), visibleClient)
      .get("/clients", validate("query", ClientListQuerySchema), async (c) => {
        // Who has access, and how it stands, is for those who manage access (need to know).
        const managesAccess = can(c.var.user.staffRole, "access.manage");
        const query = c.req.valid("query");
        if (query.toegang && !managesAccess) {
          return apiError(c, 403, "forbidden", "Alleen het secretariaat en beheerders kunnen cliënten op gebruikerstoegang filteren.");
        }
        return c.json(await listClients(c.var.deps.db, scopeOf(c), query, { withAccess: managesAccess }), 200);
      })
      .get("/work-queue", requireCan("access.manage"), async (c) => {
        const { deps, org } = c.var;
        return c.json({ items: await workQueue(deps.db, org.id), birthdays: await comingBirthdays(deps, org.id, deps.clock()) }, 200);
      })
      .get("/contacts", requireCan("access.manage"), validate("query", ContactSearchQuerySchema), async (c) => {
        return c.json({ items: await searchContacts(c.var.deps.db, c.var.org.id, c.req.valid("query").q) }, 200);
      })
      .get("/clients/:clientId", validate("param", ClientParamSchema), async (c) => {
        const { clientId } = c.req.valid("param");
        const detail = await getClientDetail(c.var.deps.db, scopeOf(c), clientId, { org: c.var.org, now: c.var.deps.clock() });
        if (!detail) return apiError(c, 404, "client_not_found", "Deze cliënt bestaat niet of u heeft er geen toegang toe.");
        await auditRequest(c, { clientId, action: "beheer.client.view", objectType: "client", objectId: clientId });
        return c.json(detail, 200);
      })
      // Role and visibility of the client are checked by the middleware on /relations/* above.
      .post("/clients/:clientId/relations", validate("param", ClientParamSchema), validate("json", CreateRelationSchema), async (c) => {
        const { clientId } = c.req.valid("param");
        const { db } = c.var.deps;
        const input = c.req.valid("json");
        if (input.email && isOwnDomainEmail(input.email, c.var.org.emailDomain)) {
          return apiError(c, 400, "own_domain", "Gebruik het eigen e-mailadres van de relatie, geen adres van de organisatie.", {
            email: "Adres van de organisatie",
          });
        }
        const result = await writeTx(db, async (tx) => {
          const r = await createRelation(tx, c.var.org.id, clientId, input);
          await auditRelation(c, tx, clientId, "beheer.relation.create", r);
          return r;
        });
        if (!result.ok) return apiError(c, RELATION_ERRORS[result.reason][0], result.reason, RELATION_ERRORS[result.reason][1]);
        return c.json({ id: result.relationId, contactId: result.contactId }, 201);
      })
      .post("/clients/:clientId/relations/link", validate("param", ClientParamSchema), validate("json", LinkRelationSchema), async (c) => {
        const { clientId } = c.req.valid("param");
        const { db } = c.var.deps;
        const result = await writeTx(db, async (tx) => {
          const r = await linkRelation(tx, c.var.org.id, clientId, c.req.valid("json"));
          await auditRelation(c, tx, clientId, "beheer.relation.link", r);
          return r;
        });
        if (!result.ok) return apiError(c, RELATION_ERRORS[result.reason][0], result.reason, RELATION_ERRORS[result.reason][1]);
        return c.json({ id: result.relationId, contactId: result.contactId }, 201);
      })
  );
}
