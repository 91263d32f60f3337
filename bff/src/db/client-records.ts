// Client records (Beheer): create and edit clients, placements/products and relations. Every edit names
// the version it started from; the UPDATE only matches that version, so a stale edit changes nothing.
import type { CreateClient, CreatePlacement, UpdateClient, UpdatePlacement, UpdateRelation } from "@portaal/shared/beheer";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { revokeLinkTokens } from "../auth/link-tokens";
import { newId } from "../lib/ids";
import { endAllSessions } from "./access";
import type { Db } from "./client";
import { accounts, clients, placements, portalGrants, relations } from "./schema";

export type RecordResult<T = { id: string; version: number }> =
  | ({ ok: true } & T)
  | { ok: false; reason: "not_found" | "stale" | "number_taken" | "ended" };

function todayIso(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

function numberTaken(db: Db, orgId: string, clientNumber: string, exceptId?: string): boolean {
  return (
    db
      .select({ id: clients.id })
      .from(clients)
      .where(and(eq(clients.orgId, orgId), eq(clients.clientNumber, clientNumber), exceptId ? ne(clients.id, exceptId) : undefined))
      .get() !== undefined
  );
}

export function createClient(db: Db, orgId: string, input: CreateClient): RecordResult {
  if (numberTaken(db, orgId, input.clientNumber)) return { ok: false, reason: "number_taken" };
  const id = newId();
  db.insert(clients)
    .values({
      id,
      orgId,
      clientNumber: input.clientNumber,
      firstName: input.firstName,
      lastName: input.lastName,
      birthDate: input.birthDate,
      email: input.email ?? null,
      phone: input.phone ?? null,
      address: input.address ?? null,
    })
    .run();
  return { ok: true, id, version: 1 };
}

/** Why an UPDATE … WHERE version = ? matched nothing: the row is gone (or another org's), or it moved on. */
function missOrStale(exists: boolean): RecordResult {
  return { ok: false, reason: exists ? "stale" : "not_found" };
}

export function updateClient(db: Db, orgId: string, clientId: string, input: UpdateClient): RecordResult {
  const current = db
    .select({ version: clients.version })
    .from(clients)
    .where(and(eq(clients.orgId, orgId), eq(clients.id, clientId)))
    .get();
  if (!current) return missOrStale(false);
  if (current.version !== input.version) return missOrStale(true);
  if (numberTaken(db, orgId, input.clientNumber, clientId)) return { ok: false, reason: "number_taken" };
  const row = db
    .update(clients)
    .set({
      clientNumber: input.clientNumber,
      firstName: input.firstName,
      lastName: input.lastName,
      birthDate: input.birthDate,
      email: input.email ?? null,
      phone: input.phone ?? null,
      address: input.address ?? null,
      version: sql`${clients.version} + 1`,
    })
    .where(and(eq(clients.orgId, orgId), eq(clients.id, clientId), eq(clients.version, input.version)))
    .returning({ version: clients.version })
    .get();
  return row ? { ok: true, id: clientId, version: row.version } : missOrStale(true);
}

export function createPlacement(db: Db, orgId: string, clientId: string, input: CreatePlacement): RecordResult {
  const id = newId();
  db.insert(placements)
    .values({ id, orgId, clientId, kind: input.kind, name: input.name, startDate: input.startDate, endDate: input.endDate ?? null })
    .run();
  return { ok: true, id, version: 1 };
}

export function updatePlacement(db: Db, orgId: string, clientId: string, placementId: string, input: UpdatePlacement): RecordResult {
  const mine = and(eq(placements.orgId, orgId), eq(placements.clientId, clientId), eq(placements.id, placementId));
  const row = db
    .update(placements)
    .set({
      kind: input.kind,
      name: input.name,
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      version: sql`${placements.version} + 1`,
    })
    .where(and(mine, eq(placements.version, input.version)))
    .returning({ version: placements.version })
    .get();
  if (row) return { ok: true, id: placementId, version: row.version };
  return missOrStale(db.select({ id: placements.id }).from(placements).where(mine).get() !== undefined);
}

function relationOf(db: Db, orgId: string, clientId: string, relationId: string) {
  return db
    .select()
    .from(relations)
    .where(and(eq(relations.orgId, orgId), eq(relations.clientId, clientId), eq(relations.id, relationId)))
    .get();
}

export function updateRelation(db: Db, orgId: string, clientId: string, relationId: string, input: UpdateRelation): RecordResult {
  const rel = relationOf(db, orgId, clientId, relationId);
  if (!rel) return missOrStale(false);
  if (rel.version !== input.version) return missOrStale(true);
  if (rel.endDate !== null) return { ok: false, reason: "ended" };
  const row = db
    .update(relations)
    .set({ role: input.role, gezag: input.gezag, version: sql`${relations.version} + 1` })
    .where(and(eq(relations.id, relationId), eq(relations.version, input.version)))
    .returning({ version: relations.version })
    .get();
  if (!row) return missOrStale(true);
  // The grant names the relation as the portal shows it ("ouder", "voogd", …): keep it in step.
  const account = accountOfContact(db, orgId, rel.contactId);
  if (account) {
    db.update(portalGrants)
      .set({ relation: input.role })
      .where(and(eq(portalGrants.orgId, orgId), eq(portalGrants.accountId, account.id), eq(portalGrants.clientId, clientId)))
      .run();
  }
  return { ok: true, id: relationId, version: row.version };
}

function accountOfContact(db: Db, orgId: string, contactId: string) {
  return db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), eq(accounts.contactId, contactId)))
    .get();
}

/**
 * Ends a relation today: its access to this client's portal is revoked and its sessions end (like
 * Uitschakelen); the relation row, the grant row and the audit log stay as history. An invitation still
 * open is withdrawn when this was the account's last portal.
 */
export function endRelation(
  db: Db,
  orgId: string,
  clientId: string,
  relationId: string,
  version: number,
  now = Date.now(),
): RecordResult<{ id: string; version: number; accountId: string | null; accessClosed: boolean }> {
  const rel = relationOf(db, orgId, clientId, relationId);
  if (!rel) return { ok: false, reason: "not_found" };
  if (rel.version !== version) return { ok: false, reason: "stale" };
  if (rel.endDate !== null) return { ok: false, reason: "ended" };
  const row = db
    .update(relations)
    .set({ endDate: todayIso(now), version: sql`${relations.version} + 1` })
    .where(and(eq(relations.id, relationId), eq(relations.version, version), isNull(relations.endDate)))
    .returning({ version: relations.version })
    .get();
  if (!row) return { ok: false, reason: "stale" };
  const account = accountOfContact(db, orgId, rel.contactId);
  let accessClosed = false;
  if (account) {
    const revoked = db
      .update(portalGrants)
      .set({ status: "revoked", revokedAt: now })
      .where(
        and(
          eq(portalGrants.orgId, orgId),
          eq(portalGrants.accountId, account.id),
          eq(portalGrants.clientId, clientId),
          eq(portalGrants.status, "active"),
        ),
      )
      .returning({ id: portalGrants.id })
      .all();
    accessClosed = revoked.length > 0;
    if (accessClosed) {
      endAllSessions(db, account.id);
      const otherPortal = db
        .select({ id: portalGrants.id })
        .from(portalGrants)
        .where(and(eq(portalGrants.accountId, account.id), eq(portalGrants.status, "active")))
        .get();
      if (!otherPortal) revokeLinkTokens(db, account.id, now);
    }
  }
  return { ok: true, id: relationId, version: row.version, accountId: account?.id ?? null, accessClosed };
}
