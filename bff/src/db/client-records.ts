// Client records (Beheer): create and edit clients, placements/products and relations. Every edit names
// the version it started from; the UPDATE only matches that version, so a stale edit changes nothing.
import type { CreateClient, CreatePlacement, UpdateClient, UpdatePlacement, UpdateRelation } from "@portaal/shared/beheer";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { revokeLinkTokens } from "../auth/link-tokens";
import { newId } from "../lib/ids";
import { endAllSessions } from "./access";
import { type Db, first } from "./client";
import { accounts, clients, placements, portalGrants, relations } from "./tables";

export type RecordResult<T = { id: string; version: number }> =
  | ({ ok: true } & T)
  | { ok: false; reason: "not_found" | "stale" | "number_taken" | "ended" };

function todayIso(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

async function numberTaken(db: Db, orgId: string, clientNumber: string, exceptId?: string): Promise<boolean> {
  return (
    first(
      await db
        .select({ id: clients.id })
        .from(clients)
        .where(and(eq(clients.orgId, orgId), eq(clients.clientNumber, clientNumber), exceptId ? ne(clients.id, exceptId) : undefined))
        .limit(1),
    ) !== undefined
  );
}

export async function createClient(db: Db, orgId: string, input: CreateClient): Promise<RecordResult> {
  if (await numberTaken(db, orgId, input.clientNumber)) return { ok: false, reason: "number_taken" };
  const id = newId();
  await db.insert(clients).values({
    id,
    orgId,
    clientNumber: input.clientNumber,
    firstName: input.firstName,
    lastName: input.lastName,
    birthDate: input.birthDate,
    email: input.email ?? null,
    phone: input.phone ?? null,
    address: input.address ?? null,
  });
  return { ok: true, id, version: 1 };
}

/** Why an UPDATE … WHERE version = ? matched nothing: the row is gone (or another org's), or it moved on. */
function missOrStale(exists: boolean): RecordResult {
  return { ok: false, reason: exists ? "stale" : "not_found" };
}

export async function updateClient(db: Db, orgId: string, clientId: string, input: UpdateClient): Promise<RecordResult> {
  const current = first(
    await db
      .select({ version: clients.version })
      .from(clients)
      .where(and(eq(clients.orgId, orgId), eq(clients.id, clientId))),
  );
  if (!current) return missOrStale(false);
  if (current.version !== input.version) return missOrStale(true);
  if (await numberTaken(db, orgId, input.clientNumber, clientId)) return { ok: false, reason: "number_taken" };
  const [row] = await db
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
    .returning({ version: clients.version });
  return row ? { ok: true, id: clientId, version: row.version } : missOrStale(true);
}

export async function createPlacement(db: Db, orgId: string, clientId: string, input: CreatePlacement): Promise<RecordResult> {
  const id = newId();
  await db
    .insert(placements)
    .values({ id, orgId, clientId, kind: input.kind, name: input.name, startDate: input.startDate, endDate: input.endDate ?? null });
  return { ok: true, id, version: 1 };
}

export async function updatePlacement(
  db: Db,
  orgId: string,
  clientId: string,
  placementId: string,
  input: UpdatePlacement,
): Promise<RecordResult> {
  const mine = and(eq(placements.orgId, orgId), eq(placements.clientId, clientId), eq(placements.id, placementId));
  const [row] = await db
    .update(placements)
    .set({
      kind: input.kind,
      name: input.name,
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      version: sql`${placements.version} + 1`,
    })
    .where(and(mine, eq(placements.version, input.version)))
    .returning({ version: placements.version });
  if (row) return { ok: true, id: placementId, version: row.version };
  return missOrStale(first(await db.select({ id: placements.id }).from(placements).where(mine)) !== undefined);
}

async function relationOf(db: Db, orgId: string, clientId: string, relationId: string) {
  return first(
    await db
      .select()
      .from(relations)
      .where(and(eq(relations.orgId, orgId), eq(relations.clientId, clientId), eq(relations.id, relationId))),
  );
}

export async function updateRelation(
  db: Db,
  orgId: string,
  clientId: string,
  relationId: string,
  input: UpdateRelation,
): Promise<RecordResult> {
  const rel = await relationOf(db, orgId, clientId, relationId);
  if (!rel) return missOrStale(false);
  if (rel.version !== input.version) return missOrStale(true);
  if (rel.endDate !== null) return { ok: false, reason: "ended" };
  const [row] = await db
    .update(relations)
    .set({ role: input.role, gezag: input.gezag, version: sql`${relations.version} + 1` })
    .where(and(eq(relations.id, relationId), eq(relations.version, input.version)))
    .returning({ version: relations.version });
  if (!row) return missOrStale(true);
  // The grant names the relation as the portal shows it ("ouder", "voogd", …): keep it in step.
  const account = await accountOfContact(db, orgId, rel.contactId);
  if (account) {
    await db
      .update(portalGrants)
      .set({ relation: input.role })
      .where(and(eq(portalGrants.orgId, orgId), eq(portalGrants.accountId, account.id), eq(portalGrants.clientId, clientId)));
  }
  return { ok: true, id: relationId, version: row.version };
}

async function accountOfContact(db: Db, orgId: string, contactId: string) {
  return first(
    await db
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(eq(accounts.orgId, orgId), eq(accounts.contactId, contactId)))
      .limit(1),
  );
}

/**
 * Ends a relation today: its access to this client's portal is revoked and its sessions end (like
 * Uitschakelen); the relation row, the grant row and the audit log stay as history. An invitation still
 * open is withdrawn when this was the account's last portal.
 */
export async function endRelation(
  db: Db,
  orgId: string,
  clientId: string,
  relationId: string,
  version: number,
  now = Date.now(),
): Promise<RecordResult<{ id: string; version: number; accountId: string | null; accessClosed: boolean }>> {
  const rel = await relationOf(db, orgId, clientId, relationId);
  if (!rel) return { ok: false, reason: "not_found" };
  if (rel.version !== version) return { ok: false, reason: "stale" };
  if (rel.endDate !== null) return { ok: false, reason: "ended" };
  const [row] = await db
    .update(relations)
    .set({ endDate: todayIso(now), version: sql`${relations.version} + 1` })
    .where(and(eq(relations.id, relationId), eq(relations.version, version), isNull(relations.endDate)))
    .returning({ version: relations.version });
  if (!row) return { ok: false, reason: "stale" };
  const account = await accountOfContact(db, orgId, rel.contactId);
  let accessClosed = false;
  if (account) {
    const revoked = await db
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
      .returning({ id: portalGrants.id });
    accessClosed = revoked.length > 0;
    if (accessClosed) {
      await endAllSessions(db, account.id);
      const otherPortal = first(
        await db
          .select({ id: portalGrants.id })
          .from(portalGrants)
          .where(and(eq(portalGrants.accountId, account.id), eq(portalGrants.status, "active")))
          .limit(1),
      );
      if (!otherPortal) await revokeLinkTokens(db, account.id, now);
    }
  }
  return { ok: true, id: relationId, version: row.version, accountId: account?.id ?? null, accessClosed };
}
