// Logboek: the organization's audit log read back for its beheerder (filters, pages, export) and the
// runs of the chain verification. Every query is bound to one organization's rows.
import { STAFF_ROLE_LABELS } from "@portaal/shared/roles";
import { and, asc, count, desc, eq, gte, isNotNull, lt, type SQL } from "drizzle-orm";
import { newId } from "../lib/ids";
import { type Db, first } from "./client";
import { accounts, auditLog, auditVerifications, clients } from "./tables";

export interface AuditSearch {
  clientId?: string;
  actorId?: string;
  action?: string;
  /** Milliseconds, inclusive. */
  fromAt?: number;
  /** Milliseconds, exclusive. */
  beforeAt?: number;
}

function conditions(orgId: string, f: AuditSearch): SQL | undefined {
  return and(
    eq(auditLog.orgId, orgId),
    f.clientId ? eq(auditLog.clientId, f.clientId) : undefined,
    f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.fromAt !== undefined ? gte(auditLog.at, f.fromAt) : undefined,
    f.beforeAt !== undefined ? lt(auditLog.at, f.beforeAt) : undefined,
  );
}

export interface AuditRow {
  seq: number;
  at: number;
  actorId: string | null;
  actorName: string;
  actorRole: string;
  clientId: string | null;
  clientName: string | null;
  action: string;
  ip: string | null;
  outcome: "success" | "failure" | "denied";
}

function roleOf(a: { kind: "staff" | "cov" | null; staffRole: keyof typeof STAFF_ROLE_LABELS | null; clientId: string | null }): string {
  if (a.kind === "staff" && a.staffRole) return STAFF_ROLE_LABELS[a.staffRole];
  if (a.kind === "cov") return a.clientId ? "Cliënt" : "Relatie";
  return "Onbekend";
}

function selectRows(db: Db, orgId: string) {
  return db
    .select({
      seq: auditLog.seq,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorLabel: auditLog.actorLabel,
      displayName: accounts.displayName,
      kind: accounts.kind,
      staffRole: accounts.staffRole,
      actorClientId: accounts.clientId,
      clientId: auditLog.clientId,
      firstName: clients.firstName,
      lastName: clients.lastName,
      action: auditLog.action,
      ip: auditLog.ip,
      outcome: auditLog.outcome,
    })
    .from(auditLog)
    .leftJoin(accounts, and(eq(accounts.id, auditLog.actorId), eq(accounts.orgId, orgId)))
    .leftJoin(clients, and(eq(clients.id, auditLog.clientId), eq(clients.orgId, orgId)));
}

type Selected = Awaited<ReturnType<typeof selectRows>>[number];

function toRow(r: Selected): AuditRow {
  return {
    seq: r.seq,
    at: r.at,
    actorId: r.displayName ? r.actorId : null,
    actorName: r.displayName ?? r.actorLabel,
    actorRole: roleOf({ kind: r.kind, staffRole: r.staffRole, clientId: r.actorClientId }),
    clientId: r.firstName !== null ? r.clientId : null,
    clientName: r.firstName !== null ? `${r.firstName} ${r.lastName}` : null,
    action: r.action,
    ip: r.ip,
    outcome: r.outcome,
  };
}

/** How many rows match (the whole period, not one page). */
export async function countAuditLog(db: Db, orgId: string, f: AuditSearch): Promise<number> {
  return first(await db.select({ n: count() }).from(auditLog).where(conditions(orgId, f)))?.n ?? 0;
}

/**
 * The next rows older than `beforeSeq`, newest first (keyset: reading the log adds rows to it, so an
 * offset would shift between pages). The list's pages and the export's chunks.
 */
export async function auditChunk(db: Db, orgId: string, f: AuditSearch, beforeSeq: number | null, size: number): Promise<AuditRow[]> {
  const where = and(conditions(orgId, f), beforeSeq !== null ? lt(auditLog.seq, beforeSeq) : undefined);
  return (await selectRows(db, orgId).where(where).orderBy(desc(auditLog.seq)).limit(size)).map(toRow);
}

/** What the filters can be set to: the organization's clients, the people and the actions in its log. */
export async function auditFilterOptions(db: Db, orgId: string) {
  const clientRows = await db
    .select({ id: clients.id, firstName: clients.firstName, lastName: clients.lastName, clientNumber: clients.clientNumber })
    .from(clients)
    .where(eq(clients.orgId, orgId))
    .orderBy(asc(clients.lastName), asc(clients.firstName));
  const actorRows = await db
    .selectDistinct({
      id: accounts.id,
      name: accounts.displayName,
      kind: accounts.kind,
      staffRole: accounts.staffRole,
      clientId: accounts.clientId,
    })
    .from(auditLog)
    .innerJoin(accounts, and(eq(accounts.id, auditLog.actorId), eq(accounts.orgId, orgId)))
    .where(and(eq(auditLog.orgId, orgId), isNotNull(auditLog.actorId)))
    .orderBy(asc(accounts.displayName));
  const actionRows = await db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.orgId, orgId))
    .orderBy(asc(auditLog.action));
  return {
    clients: clientRows.map((c) => ({ id: c.id, name: `${c.firstName} ${c.lastName}`, clientNumber: c.clientNumber })),
    actors: actorRows.map((a) => ({ id: a.id, name: a.name, role: roleOf(a) })),
    actions: actionRows.map((a) => a.action),
  };
}

export async function clientOfOrg(db: Db, orgId: string, clientId: string): Promise<boolean> {
  return (
    first(
      await db
        .select({ id: clients.id })
        .from(clients)
        .where(and(eq(clients.id, clientId), eq(clients.orgId, orgId))),
    ) !== undefined
  );
}

export async function accountOfOrg(db: Db, orgId: string, accountId: string): Promise<boolean> {
  return (
    first(
      await db
        .select({ id: accounts.id })
        .from(accounts)
        .where(and(eq(accounts.id, accountId), eq(accounts.orgId, orgId))),
    ) !== undefined
  );
}

export interface VerificationRun {
  ok: boolean;
  rows: number;
  firstBrokenSeq: number | null;
}

export async function recordVerification(db: Db, orgId: string, actorId: string, run: VerificationRun, now = Date.now()): Promise<void> {
  await db
    .insert(auditVerifications)
    .values({ id: newId(), orgId, at: now, actorId, ok: run.ok, rows: run.rows, firstBrokenSeq: run.firstBrokenSeq });
}

export async function lastVerification(db: Db, orgId: string) {
  const row = first(
    await db
      .select({
        at: auditVerifications.at,
        by: accounts.displayName,
        ok: auditVerifications.ok,
        rows: auditVerifications.rows,
        firstBrokenSeq: auditVerifications.firstBrokenSeq,
      })
      .from(auditVerifications)
      .leftJoin(accounts, eq(accounts.id, auditVerifications.actorId))
      .where(eq(auditVerifications.orgId, orgId))
      // Newest first. Was `at desc, rowid desc`; rows carry no insertion counter (ids are random), so two runs
      // in the same millisecond now come in id order: stable, but not necessarily the later one.
      // TODO(lead): a seq column on audit_verifications would restore "the last run" exactly on a tie.
      .orderBy(desc(auditVerifications.at), desc(auditVerifications.id))
      .limit(1),
  );
  return row ? { ...row, by: row.by ?? "Onbekend" } : null;
}
