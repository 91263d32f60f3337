// NEN 7513 audit log: who did what on whose dossier, when, from where, with what outcome; hash-chained.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { desc } from "drizzle-orm";
import type { Db } from "../db/client";
import { auditLog } from "../db/schema";

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

const GENESIS = "0".repeat(64);

export function auditHash(prevHash: string, row: Omit<typeof auditLog.$inferInsert, "hash" | "seq" | "prevHash">): string {
  const canonical = JSON.stringify([
    prevHash,
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
  ]);
  return encodeHexLowerCase(sha256(new TextEncoder().encode(canonical)));
}

/** Appends one event. Runs inside the caller's transaction when there is one; SQLite serializes writers. */
export function appendAudit(db: Db, event: AuditEvent, now = Date.now()): void {
  const last = db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get();
  const prevHash = last?.hash ?? GENESIS;
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
  db.insert(auditLog)
    .values({ ...row, prevHash, hash: auditHash(prevHash, row) })
    .run();
}

/** Walks the chain; returns the first sequence number whose hash does not match, or null when intact. */
export function verifyAuditChain(db: Db): number | null {
  let prev = GENESIS;
  for (const row of db.select().from(auditLog).orderBy(auditLog.seq).all()) {
    if (row.prevHash !== prev || auditHash(prev, row) !== row.hash) return row.seq;
    prev = row.hash;
  }
  return null;
}
