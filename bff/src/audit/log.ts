// NEN 7513 audit log: who did what on whose dossier, when, from where, with what outcome. Each row is
// chained to the one before by an HMAC keyed with a secret outside the database, over its content, its
// sequence number and the previous row's hash; signed checkpoints outside the database catch a cut-off end.
import { createHmac } from "node:crypto";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { desc } from "drizzle-orm";
import { type Db, first, insideTransaction, lockForTransaction, rootOf, writeTx } from "../db/client";
import { auditLog } from "../db/tables";
import type { AuditKeys } from "./keys";

export interface AuditEvent {
  orgId: string | null;
  actorId: string | null;
  actorLabel: string;
  clientId?: string | null;
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  ip?: string | null;
  outcome: "success" | "failure" | "denied";
  details?: Record<string, unknown>;
}

export const GENESIS = "0".repeat(64);
/** The row that starts the keyed chain; the rows before it were written unkeyed by an older version. */
export const KEYED_MARKER = "audit.chain.keyed";

type RowContent = Omit<typeof auditLog.$inferInsert, "hash" | "seq" | "prevHash">;

function canonical(row: RowContent): (string | number | null)[] {
  return [
    row.orgId ?? null,
    row.at,
    row.actorId ?? null,
    row.actorLabel,
    row.clientId ?? null,
    row.action,
    row.objectType ?? null,
    row.objectId ?? null,
    row.ip ?? null,
    row.outcome,
    row.detailsJson ?? null,
  ];
}

/** The unkeyed hash of rows written before the chain was keyed (checked up to the marker row only). */
export function auditHash(prevHash: string, row: RowContent): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(JSON.stringify([prevHash, ...canonical(row)]))));
}

/** The keyed hash: without the key nobody can make a row, or a chain of rows, that checks out. */
export function keyedAuditHash(key: Buffer, seq: number, prevHash: string, row: RowContent): string {
  return createHmac("sha256", key)
    .update(JSON.stringify(["v2", seq, prevHash, ...canonical(row)]))
    .digest("hex");
}

interface Sealed {
  keys: AuditKeys;
  /** Called after a row is appended, with its seq: the checkpoint writer decides when to write. */
  onAppend?: (seq: number) => void;
}
const sealed = new WeakMap<Db, Sealed>();

/** Gives a database its audit keys (done once by createDeps); appendAudit refuses to write without them. */
export function attachAuditKeys(db: Db, keys: AuditKeys, onAppend?: (seq: number) => void): void {
  sealed.set(db, { keys, onAppend });
}

export function auditKeysOf(db: Db): AuditKeys | undefined {
  return sealed.get(rootOf(db))?.keys;
}

/** The advisory-lock key that lets one transaction at a time append to the chain (PostgreSQL). */
export const AUDIT_CHAIN_LOCK = 7361002;

/**
 * Appends one event, inside the caller's transaction when given its `tx`, else in a transaction of its own.
 * One chain with writers in several processes: the transaction first takes the chain's lock (PostgreSQL's
 * advisory lock; SQLite's BEGIN IMMEDIATE is one already), then reads the last row and appends after it.
 * A lost race could only fail on the primary key (seq), never fork the chain.
 */
export async function appendAudit(db: Db, event: AuditEvent, now = Date.now()): Promise<void> {
  if (!insideTransaction()) return writeTx(db, (tx) => appendAudit(tx, event, now));
  const seal = sealed.get(rootOf(db));
  if (!seal) throw new Error("audit log without its key: open the database through createDeps");
  await lockForTransaction(db, AUDIT_CHAIN_LOCK);
  const last = first(await db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1));
  const prevHash = last?.hash ?? GENESIS;
  // The next number, given explicitly: it is part of the hash, and a gap means a row was removed.
  const seq = (last?.seq ?? 0) + 1;
  const row = {
    orgId: event.orgId,
    at: now,
    actorId: event.actorId,
    actorLabel: event.actorLabel,
    clientId: event.clientId ?? null,
    action: event.action,
    objectType: event.objectType ?? null,
    objectId: event.objectId ?? null,
    ip: event.ip ?? null,
    outcome: event.outcome,
    detailsJson: event.details ? JSON.stringify(event.details) : null,
  };
  await db.insert(auditLog).values({ ...row, seq, prevHash, hash: keyedAuditHash(seal.keys.chain, seq, prevHash, row) });
  seal.onAppend?.(seq);
}
