// Walks the audit log's keyed hash chain and its sequence numbers, compares it with the signed
// checkpoints kept outside the database, and says where it breaks (audit:verify, crash and backup checks).
import fs from "node:fs";
import path from "node:path";
import { gt } from "drizzle-orm";
import type { Db } from "../db/client";
import { auditLog } from "../db/tables";
import { CHECKPOINT_FILE, type Checkpoint, parseCheckpoints, readCheckpointFile } from "./checkpoints";
import type { AuditKeys } from "./keys";
import { auditHash, GENESIS, KEYED_MARKER, keyedAuditHash } from "./log";

export interface ChainBreak {
  seq: number;
  at: number | null;
  action: string;
  /**
   * `content`: the row differs from what was hashed (or was hashed without the key); `link`: it does not
   * follow the row before (one removed or replaced; `missing` says which numbers are gone); `unkeyed`: the
   * log never started its keyed part; `checkpoint`: a signed checkpoint names this row with another hash,
   * or a row the log no longer has (rows cut off the end).
   */
  reason: "content" | "link" | "unkeyed" | "checkpoint";
  missing?: [number, number];
  checkpointAt?: number;
}

export interface ChainReport {
  rows: number;
  lastSeq: number | null;
  /** Where the keyed chain starts; rows before it were written unkeyed by an older version. */
  keyedFrom: number | null;
  checkpoints: number;
  /** Every row where the chain breaks, oldest first; empty when intact. */
  breaks: ChainBreak[];
}

/** The walk over the rows, oldest first, fed one row at a time (all at once, or in chunks between other work). */
function chainWalker(keys: AuditKeys, checkpoints: Checkpoint[]) {
  const report: ChainReport = { rows: 0, lastSeq: null, keyedFrom: null, checkpoints: checkpoints.length, breaks: [] };
  const wanted = new Map<number, Checkpoint[]>();
  for (const cp of checkpoints) wanted.set(cp.seq, [...(wanted.get(cp.seq) ?? []), cp]);
  const seen = new Map<number, string>();
  let prev = GENESIS;
  let expected = 1;
  return {
    row(row: typeof auditLog.$inferSelect) {
      report.rows++;
      report.lastSeq = row.seq;
      if (wanted.has(row.seq)) seen.set(row.seq, row.hash);
      const at = { seq: row.seq, at: row.at, action: row.action };
      // The marker opens the keyed part, but only a marker made with the key: nobody can forge one.
      if (report.keyedFrom === null && row.action === KEYED_MARKER && keyedAuditHash(keys.chain, row.seq, row.prevHash, row) === row.hash) {
        report.keyedFrom = row.seq;
      }
      const hash = report.keyedFrom !== null ? keyedAuditHash(keys.chain, row.seq, row.prevHash, row) : auditHash(row.prevHash, row);
      if (hash !== row.hash) report.breaks.push({ ...at, reason: "content" });
      else if (row.seq !== expected) report.breaks.push({ ...at, reason: "link", missing: [expected, row.seq - 1] });
      else if (row.prevHash !== prev) report.breaks.push({ ...at, reason: "link" });
      // Go on from the stored hash and number, so one altered row is reported once and the rest is still checked.
      prev = row.hash;
      expected = row.seq + 1;
    },
    finish(): ChainReport {
      if (report.rows > 0 && report.keyedFrom === null) {
        report.breaks.push({ seq: report.lastSeq ?? 0, at: null, action: "-", reason: "unkeyed" });
      }
      for (const [seq, cps] of wanted) {
        for (const cp of cps) {
          const hash = seen.get(seq);
          if (hash !== cp.hash) report.breaks.push({ seq, at: null, action: "-", reason: "checkpoint", checkpointAt: cp.at });
        }
      }
      report.breaks.sort((a, b) => a.seq - b.seq);
      return report;
    },
  };
}

/** Checks every row: its hash over content, number and predecessor, its link to the row before, no gaps; then the checkpoints. */
export async function checkAuditChain(db: Db, keys: AuditKeys, checkpoints: Checkpoint[] = []): Promise<ChainReport> {
  const walker = chainWalker(keys, checkpoints);
  for (const row of await db.select().from(auditLog).orderBy(auditLog.seq)) walker.row(row);
  return walker.finish();
}

/**
 * The same check in chunks, giving the event loop back between them: a beheerder's "Nu controleren" on a
 * large log must not stall every other request of the portal. Rows appended meanwhile are checked too.
 */
export async function checkAuditChainInChunks(db: Db, keys: AuditKeys, checkpoints: Checkpoint[] = [], chunk = 2000): Promise<ChainReport> {
  const walker = chainWalker(keys, checkpoints);
  let after = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(auditLog.seq).limit(chunk);
    for (const row of rows) walker.row(row);
    if (rows.length < chunk) return walker.finish();
    after = rows[rows.length - 1]?.seq ?? after;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The first sequence number where the chain or a checkpoint breaks, or null when intact. */
export async function verifyAuditChain(db: Db, keys: AuditKeys, checkpoints: Checkpoint[] = []): Promise<number | null> {
  return (await checkAuditChain(db, keys, checkpoints)).breaks[0]?.seq ?? null;
}

/** The checkpoints of a data folder's file plus any more given, and what is wrong with them. */
function checkpointsOf(dataDir: string, keys: AuditKeys, moreCheckpoints: string[]) {
  const file = path.join(dataDir, CHECKPOINT_FILE);
  const own = readCheckpointFile(file, keys);
  const more = moreCheckpoints.map((text) => parseCheckpoints(text, keys));
  return {
    file,
    checkpoints: [...own.checkpoints, ...more.flatMap((m) => m.checkpoints)],
    problems: [...own.problems, ...more.flatMap((m) => m.problems)],
  };
}

/**
 * The whole check of a data folder's audit log: the chain, and the checkpoints in the folder's checkpoint
 * file plus any more given (e.g. copied from the log output). A keyed log without its checkpoint file is
 * a problem too: removing the file would otherwise hide rows cut off the end.
 */
export async function checkAuditLogOf(
  db: Db,
  dataDir: string,
  keys: AuditKeys,
  moreCheckpoints: string[] = [],
): Promise<ChainReport & { problems: string[] }> {
  const { file, checkpoints, problems } = checkpointsOf(dataDir, keys, moreCheckpoints);
  const report = await checkAuditChain(db, keys, checkpoints);
  if (report.keyedFrom !== null && !fs.existsSync(file)) problems.push(`the checkpoint file ${file} is missing`);
  return { ...report, problems };
}

/** checkAuditLogOf in chunks, for a running portal (Logboek's "Nu controleren"). */
export async function checkAuditLogOfInChunks(db: Db, dataDir: string, keys: AuditKeys): Promise<ChainReport & { problems: string[] }> {
  const { file, checkpoints, problems } = checkpointsOf(dataDir, keys, []);
  const report = await checkAuditChainInChunks(db, keys, checkpoints);
  if (report.keyedFrom !== null && !fs.existsSync(file)) problems.push(`the checkpoint file ${file} is missing`);
  return { ...report, problems };
}
