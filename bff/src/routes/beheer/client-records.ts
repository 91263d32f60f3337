// Beheer: client records (secretariaat and beheerder) — create and edit a client, add and edit placements
// and products (ending one = setting its end date), edit a relation's role and gezag, end a relation.
// Each edit carries the version it started from: a stale one is refused with 409 and changes nothing.
// Guards are per route (not `.use`): this app is mounted at "/" next to routes other roles may use.
import {
  CreateClientSchema,
  CreatePlacementSchema,
  EndRelationSchema,
  UpdateClientSchema,
  UpdatePlacementSchema,
  UpdateRelationSchema,
} from "@portaal/shared/beheer";
import { IdSchema, isOwnDomainEmail } from "@portaal/shared/common";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { auditRequest } from "../../audit/request";
import { writeTx } from "../../db/client";
import {
  createClient,
  createPlacement,
  endRelation,
  type RecordResult,
  updateClient,
  updatePlacement,
  updateRelation,
} from "../../db/client-records";
import { apiError } from "../../lib/http-error";
import { validate } from "../../lib/validate";
import { requireCan } from "../../middleware/session";
import { visibleClient } from "../../middleware/visible-client";
import type { AppEnv } from "../../types";

const ClientParam = z.object({ clientId: IdSchema });
const PlacementParam = z.object({ clientId: IdSchema, placementId: IdSchema });
const RelationParam = z.object({ clientId: IdSchema, relationId: IdSchema });

const STALE =
  "Iemand anders heeft deze gegevens intussen gewijzigd. Ververs de pagina, bekijk de nieuwe gegevens en voer uw wijziging opnieuw in.";

function numberTakenMessage(clientNumber: string): string {
  return `Cliëntnummer ${clientNumber} is al in gebruik bij een andere cliënt van deze organisatie. Controleer het nummer in uw eigen systeem.`;
}

const NOT_FOUND = {
  client: ["client_not_found", "Deze cliënt bestaat niet of u heeft er geen toegang toe."],
  placement: ["placement_not_found", "Deze plaatsing of dit product bestaat niet (meer)."],
  relation: ["relation_not_found", "Deze relatie bestaat niet (meer)."],
} as const;

/** The answer to a failed record change: 404, a 409 that says what happened, never a 500. */
function failure(c: Context<AppEnv>, kind: keyof typeof NOT_FOUND, r: Extract<RecordResult, { ok: false }>, clientNumber = "") {
  switch (r.reason) {
    case "not_found":
      return apiError(c, 404, NOT_FOUND[kind][0], NOT_FOUND[kind][1]);
    case "stale":
      return apiError(c, 409, "stale_version", STALE);
    case "number_taken":
      return apiError(c, 409, "client_number_taken", numberTakenMessage(clientNumber), { clientNumber: "Cliëntnummer al in gebruik" });
    case "ended":
      return apiError(
        c,
        409,
        "relation_ended",
        "Deze relatie is beëindigd en kan niet meer worden gewijzigd. Voeg de persoon zo nodig opnieuw toe.",
      );
  }
}

function ownDomain(c: Context<AppEnv>, email: string | null | undefined) {
  if (email && isOwnDomainEmail(email, c.var.org.emailDomain)) {
    return apiError(c, 400, "own_domain", "Gebruik het eigen e-mailadres van de cliënt, geen adres van de organisatie.", {
      email: "Adres van de organisatie",
    });
  }
  return null;
}

/**
 * A unique-index race (two creates with one number at once) is a duplicate, not a server error. drizzle
 * wraps the driver's error (DrizzleQueryError): its cause names the index, in SQLite's words or PostgreSQL's.
 */
function isUniqueViolation(e: unknown): boolean {
  for (let err: unknown = e; err instanceof Error; err = err.cause) {
    if (/UNIQUE constraint failed: clients\./.test(err.message)) return true;
    const pg = err as { code?: unknown; constraint?: unknown };
    if (pg.code === "23505" && pg.constraint === "clients_org_number") return true;
  }
  return false;
}

export function beheerClientRecordRoutes() {
  const manage = requireCan("clients.manage");
  return new Hono<AppEnv>()
    .post("/clients", manage, validate("json", CreateClientSchema), async (c) => {
      const { db } = c.var.deps;
      const input = c.req.valid("json");
      const refused = ownDomain(c, input.email);
      if (refused) return refused;
      let result: RecordResult;
      try {
        result = await writeTx(db, async (tx) => {
          const r = await createClient(tx, c.var.org.id, input);
          await auditRequest(
            c,
            {
              clientId: r.ok ? r.id : null,
              action: "beheer.client.create",
              objectType: "client",
              objectId: r.ok ? r.id : null,
              outcome: r.ok ? "success" : "failure",
              details: r.ok ? undefined : { reason: r.reason },
            },
            tx,
          );
          return r;
        });
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        result = { ok: false, reason: "number_taken" };
      }
      if (!result.ok) return failure(c, "client", result, input.clientNumber);
      return c.json({ id: result.id, version: result.version }, 201);
    })
    .patch("/clients/:clientId", manage, visibleClient, validate("param", ClientParam), validate("json", UpdateClientSchema), async (c) => {
      const { db } = c.var.deps;
      const { clientId } = c.req.valid("param");
      const input = c.req.valid("json");
      const refused = ownDomain(c, input.email);
      if (refused) return refused;
      let result: RecordResult;
      try {
        result = await writeTx(db, async (tx) => {
          const r = await updateClient(tx, c.var.org.id, clientId, input);
          await auditRequest(
            c,
            {
              clientId,
              action: "beheer.client.update",
              objectType: "client",
              objectId: clientId,
              outcome: r.ok ? "success" : "failure",
              details: r.ok ? { version: r.version } : { reason: r.reason },
            },
            tx,
          );
          return r;
        });
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        result = { ok: false, reason: "number_taken" };
      }
      if (!result.ok) return failure(c, "client", result, input.clientNumber);
      return c.json({ id: result.id, version: result.version }, 200);
    })
    .post(
      "/clients/:clientId/placements",
      manage,
      visibleClient,
      validate("param", ClientParam),
      validate("json", CreatePlacementSchema),
      async (c) => {
        const { db } = c.var.deps;
        const { clientId } = c.req.valid("param");
        const input = c.req.valid("json");
        const result = await writeTx(db, async (tx) => {
          const r = await createPlacement(tx, c.var.org.id, clientId, input);
          await auditRequest(
            c,
            {
              clientId,
              action: "beheer.placement.create",
              objectType: "placement",
              objectId: r.ok ? r.id : null,
              details: { kind: input.kind, startDate: input.startDate, endDate: input.endDate ?? null },
            },
            tx,
          );
          return r;
        });
        if (!result.ok) return failure(c, "client", result);
        return c.json({ id: result.id, version: result.version }, 201);
      },
    )
    .patch(
      "/clients/:clientId/placements/:placementId",
      manage,
      visibleClient,
      validate("param", PlacementParam),
      validate("json", UpdatePlacementSchema),
      async (c) => {
        const { db } = c.var.deps;
        const { clientId, placementId } = c.req.valid("param");
        const input = c.req.valid("json");
        const result = await writeTx(db, async (tx) => {
          const r = await updatePlacement(tx, c.var.org.id, clientId, placementId, input);
          await auditRequest(
            c,
            {
              clientId,
              action: "beheer.placement.update",
              objectType: "placement",
              objectId: placementId,
              outcome: r.ok ? "success" : "failure",
              details: r.ok ? { startDate: input.startDate, endDate: input.endDate ?? null } : { reason: r.reason },
            },
            tx,
          );
          return r;
        });
        if (!result.ok) return failure(c, "placement", result);
        return c.json({ id: result.id, version: result.version }, 200);
      },
    )
    .patch(
      "/clients/:clientId/relations/:relationId",
      manage,
      visibleClient,
      validate("param", RelationParam),
      validate("json", UpdateRelationSchema),
      async (c) => {
        const { db } = c.var.deps;
        const { clientId, relationId } = c.req.valid("param");
        const input = c.req.valid("json");
        const result = await writeTx(db, async (tx) => {
          const r = await updateRelation(tx, c.var.org.id, clientId, relationId, input);
          await auditRequest(
            c,
            {
              clientId,
              action: "beheer.relation.update",
              objectType: "relation",
              objectId: relationId,
              outcome: r.ok ? "success" : "failure",
              details: r.ok ? { role: input.role, gezag: input.gezag } : { reason: r.reason },
            },
            tx,
          );
          return r;
        });
        if (!result.ok) return failure(c, "relation", result);
        return c.json({ id: result.id, version: result.version }, 200);
      },
    )
    .post(
      "/clients/:clientId/relations/:relationId/end",
      manage,
      visibleClient,
      validate("param", RelationParam),
      validate("json", EndRelationSchema),
      async (c) => {
        const { db } = c.var.deps;
        const { clientId, relationId } = c.req.valid("param");
        const result = await writeTx(db, async (tx) => {
          const r = await endRelation(tx, c.var.org.id, clientId, relationId, c.req.valid("json").version);
          await auditRequest(
            c,
            {
              clientId,
              action: "beheer.relation.end",
              objectType: "relation",
              objectId: relationId,
              outcome: r.ok ? "success" : "failure",
              details: r.ok ? { accessClosed: r.accessClosed } : { reason: r.reason },
            },
            tx,
          );
          if (r.ok && r.accessClosed && r.accountId) {
            await auditRequest(
              c,
              {
                clientId,
                action: "access.revoke",
                objectType: "account",
                objectId: r.accountId,
                details: { reason: "relation_ended", relationId },
              },
              tx,
            );
          }
          return r;
        });
        if (!result.ok) return failure(c, "relation", result);
        return c.json({ id: result.id, version: result.version, accessClosed: result.accessClosed }, 200);
      },
    );
}
