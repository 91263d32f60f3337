// Logboek (NEN 7513): the organization's audit log for its beheerder, filtered by client, person, action
// and period, paged, exported as CSV; and the chain verification, run on request and remembered. Reading
// or exporting the log is logged itself.
import {
  AUDIT_OUTCOME_LABELS,
  type AuditFilterOptions,
  AuditFilterSchema,
  AuditListQuerySchema,
  type AuditListResponse,
  type AuditVerificationResponse,
  auditActionLabel,
} from "@portaal/shared/audit-log";
import type { Context } from "hono";
import { Hono } from "hono";
import { auditKeysOf } from "../../../audit/log";
import { auditRequest } from "../../../audit/request";
import { checkAuditLogOfInChunks } from "../../../audit/verify";
import {
  type AuditRow,
  type AuditSearch,
  accountOfOrg,
  auditChunk,
  auditFilterOptions,
  clientOfOrg,
  countAuditLog,
  lastVerification,
  recordVerification,
} from "../../../db/audit-search";
import { writeTx } from "../../../db/client";
import { amsterdamTimeOn } from "../../../lib/dutch-time";
import { filePolicy } from "../../../lib/file-response";
import { apiError } from "../../../lib/http-error";
import { validate } from "../../../lib/validate";
import { requireCan } from "../../../middleware/session";
import type { AppEnv } from "../../../types";

/** The first moment of a Dutch calendar day (YYYY-MM-DD), summer and winter time included. */
function startOfDutchDay(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  // Noon UTC falls on the same calendar day in Amsterdam, whatever the offset.
  return amsterdamTimeOn(Date.UTC(y, m - 1, d, 12), 0);
}

function nextDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

interface Filters {
  clientId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
}

/** The filters as a search on this organization's rows, or a refusal when an id is not this organization's. */
async function searchOf(c: Context<AppEnv>, f: Filters): Promise<AuditSearch | Response> {
  const { db } = c.var.deps;
  const orgId = c.var.org.id;
  if (f.clientId && !(await clientOfOrg(db, orgId, f.clientId))) {
    return apiError(c, 404, "client_not_found", "Deze cliënt bestaat niet (meer) in uw organisatie. Kies een cliënt uit de lijst.");
  }
  if (f.actorId && !(await accountOfOrg(db, orgId, f.actorId))) {
    return apiError(c, 404, "person_not_found", "Deze persoon bestaat niet (meer) in uw organisatie. Kies een persoon uit de lijst.");
  }
  return {
    clientId: f.clientId,
    actorId: f.actorId,
    action: f.action,
    fromAt: f.from ? startOfDutchDay(f.from) : undefined,
    beforeAt: f.to ? startOfDutchDay(nextDay(f.to)) : undefined,
  };
}

/** What was asked, for the log's own row: ids and dates only, no names. */
function filterDetails(f: Filters) {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
}

const DUTCH_TIME = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Amsterdam",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/**
 * One CSV cell: quoted, quotes doubled, and a cell a spreadsheet would run as a formula (= + - @, or a
 * tab or carriage return before one) starts with a ' so it stays text.
 */
export function csvCell(value: string | number | null): string {
  let s = value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

const CSV_HEADER = ["Volgnummer", "Tijdstip", "Wie", "Rol", "Cliënt", "Handeling", "Code", "IP-adres", "Resultaat"];

function csvLine(r: AuditRow): string {
  return `${[
    r.seq,
    DUTCH_TIME.format(r.at),
    r.actorName,
    r.actorRole,
    r.clientName,
    auditActionLabel(r.action),
    r.action,
    r.ip,
    AUDIT_OUTCOME_LABELS[r.outcome],
  ]
    .map(csvCell)
    .join(";")}\r\n`;
}

const CHUNK = 500;

export function auditLogRoutes() {
  return new Hono<AppEnv>()
    .use(requireCan("audit.read"))
    .get("/", validate("query", AuditListQuerySchema), async (c) => {
      const { before, pageSize, ...filters } = c.req.valid("query");
      const search = await searchOf(c, filters);
      if (search instanceof Response) return search;
      const { db } = c.var.deps;
      // One more than a page: whether an older page follows.
      const rows = await auditChunk(db, c.var.org.id, search, before ?? null, pageSize + 1);
      const items = rows.slice(0, pageSize);
      const total = await countAuditLog(db, c.var.org.id, search);
      await auditRequest(c, { action: "audit.view", clientId: filters.clientId ?? null, details: { ...filterDetails(filters), before } });
      const body: AuditListResponse = {
        items: items.map((r) => ({
          seq: r.seq,
          at: r.at,
          actor: { id: r.actorId, name: r.actorName, role: r.actorRole },
          client: r.clientId && r.clientName ? { id: r.clientId, name: r.clientName } : null,
          action: r.action,
          actionLabel: auditActionLabel(r.action),
          ip: r.ip,
          outcome: r.outcome,
        })),
        total,
        pageSize,
        nextBefore: rows.length > pageSize ? (items[items.length - 1]?.seq ?? null) : null,
      };
      return c.json(body, 200);
    })
    .get("/options", async (c) => {
      const found = await auditFilterOptions(c.var.deps.db, c.var.org.id);
      const body: AuditFilterOptions = {
        clients: found.clients,
        actors: found.actors,
        actions: found.actions.map((code) => ({ code, label: auditActionLabel(code) })),
      };
      return c.json(body, 200);
    })
    .get("/export", validate("query", AuditFilterSchema), async (c) => {
      const filters = c.req.valid("query");
      const search = await searchOf(c, filters);
      if (search instanceof Response) return search;
      const { db } = c.var.deps;
      const orgId = c.var.org.id;
      await auditRequest(c, { action: "audit.download", clientId: filters.clientId ?? null, details: filterDetails(filters) });
      // Read in chunks, newest first, as the reader takes them: a large log never sits in memory at once.
      let before: number | null = null;
      let started = false;
      const encoder = new TextEncoder();
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (!started) {
            started = true;
            // The byte order mark: spreadsheet programs then read the accents as UTF-8.
            controller.enqueue(encoder.encode(`\uFEFF${CSV_HEADER.map(csvCell).join(";")}\r\n`));
            return;
          }
          const rows = await auditChunk(db, orgId, search, before, CHUNK);
          if (rows.length > 0) {
            controller.enqueue(encoder.encode(rows.map(csvLine).join("")));
            before = rows[rows.length - 1]?.seq ?? null;
          }
          if (rows.length < CHUNK) controller.close();
        },
      });
      const day = DUTCH_TIME.format(Date.now()).slice(0, 10);
      // A file's own policy (nothing in it runs, loads or is framed), as every file the BFF serves.
      filePolicy(c);
      return c.body(stream, 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="logboek-${day}.csv"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
        "Cross-Origin-Resource-Policy": "same-origin",
      });
    })
    .get("/verification", async (c) => {
      const body: AuditVerificationResponse = { last: await lastVerification(c.var.deps.db, c.var.org.id) };
      return c.json(body, 200);
    })
    .post("/verification", async (c) => {
      const { db, config } = c.var.deps;
      const keys = auditKeysOf(db);
      if (!keys) return apiError(c, 503, "audit_unavailable", "Het logboek kan nu niet worden gecontroleerd. Probeer het later opnieuw.");
      // The chain is one for the whole installation: every row is checked, so a break anywhere is seen.
      const report = await checkAuditLogOfInChunks(db, config.dataDir, keys);
      const run = {
        ok: report.breaks.length === 0 && report.problems.length === 0,
        // Every row was checked; the number shown is this organization's own (the other's is not theirs to know).
        rows: await countAuditLog(db, c.var.org.id, {}),
        firstBrokenSeq: report.breaks[0]?.seq ?? null,
      };
      await writeTx(db, async (tx) => {
        await recordVerification(tx, c.var.org.id, c.var.user.id, run);
        await auditRequest(c, { action: "audit.verify", outcome: "success", details: run }, tx);
      });
      const body: AuditVerificationResponse = { last: await lastVerification(db, c.var.org.id) };
      return c.json(body, 200);
    });
}
