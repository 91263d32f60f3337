// Walks the audit log's hash chain and says where it breaks, for the audit:verify command.
import type { Db } from "../db/client";
import { auditLog } from "../db/schema";
import { auditHash } from "./log";

const GENESIS = "0".repeat(64);

export interface ChainBreak {
  seq: number;
  at: number;
  action: string;
  /** `content`: the row differs from what was hashed; `link`: it does not follow the row before (one removed or replaced). */
  reason: "content" | "link";
}

export interface ChainReport {
  rows: number;
  lastSeq: number | null;
  /** Every row where the chain breaks, oldest first; empty when intact. */
  breaks: ChainBreak[];
}

/** Checks every row: its own hash over its content, and its link to the row before. */
export function checkAuditChain(db: Db): ChainReport {
  const report: ChainReport = { rows: 0, lastSeq: null, breaks: [] };
  let prev = GENESIS;
  for (const row of db.select().from(auditLog).orderBy(auditLog.seq).all()) {
    report.rows++;
    report.lastSeq = row.seq;
    if (auditHash(row.prevHash, row) !== row.hash) report.breaks.push({ seq: row.seq, at: row.at, action: row.action, reason: "content" });
    else if (row.prevHash !== prev) report.breaks.push({ seq: row.seq, at: row.at, action: row.action, reason: "link" });
    // Go on from the stored hash, so one altered row is reported once and the rest is still checked.
    prev = row.hash;
  }
  return report;
}
