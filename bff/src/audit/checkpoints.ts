// Signed checkpoints of the audit log, outside the database: an append-only file in the data folder (and
// a line in the portal's log output, for a copy off the machine). Each names the last row's number and
// hash, signed with a key derived from the server key; audit:verify compares the log with every one, so
// rows cut off the end, or a log rebuilt from an earlier state, are found.
import { createHmac, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { desc, eq } from "drizzle-orm";
import { type Db, first, lockForTransaction, writeTx } from "../db/client";
import { auditLog } from "../db/tables";
import type { AuditKeys } from "./keys";
import { AUDIT_CHAIN_LOCK, appendAudit, attachAuditKeys, KEYED_MARKER, keyedAuditHash } from "./log";

export const CHECKPOINT_FILE = "audit-checkpoints.log";

export interface Checkpoint {
  seq: number;
  hash: string;
  at: number;
}

const macOf = (keys: AuditKeys, cp: Checkpoint) =>
  createHmac("sha256", keys.checkpoint)
    .update(JSON.stringify(["checkpoint", cp.seq, cp.hash, cp.at]))
    .digest("hex");

export function checkpointLine(keys: AuditKeys, cp: Checkpoint): string {
  return JSON.stringify({ seq: cp.seq, hash: cp.hash, at: cp.at, mac: macOf(keys, cp) });
}

/**
 * Reads checkpoint lines (from the file, or log output with a prefix before the JSON). A last line without
 * its line end was cut off by a crash and is skipped; any other unreadable or unsigned line is a problem.
 */
export function parseCheckpoints(text: string, keys: AuditKeys): { checkpoints: Checkpoint[]; problems: string[] } {
  const checkpoints: Checkpoint[] = [];
  const problems: string[] = [];
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    // A line of the file, or a line of the log output; other log lines are no checkpoints.
    const start = line.startsWith("{") ? 0 : line.includes("[audit] checkpoint {") ? line.indexOf("{") : -1;
    if (start < 0) return;
    const torn = i === lines.length - 1;
    let cp: Checkpoint & { mac?: unknown };
    try {
      cp = JSON.parse(line.slice(start));
    } catch {
      if (!torn) problems.push(`checkpoint line ${i + 1} cannot be read`);
      return;
    }
    const valid =
      Number.isSafeInteger(cp.seq) &&
      typeof cp.hash === "string" &&
      Number.isSafeInteger(cp.at) &&
      typeof cp.mac === "string" &&
      cp.mac.length === 64 &&
      timingSafeEqual(Buffer.from(cp.mac), Buffer.from(macOf(keys, cp)));
    if (valid) checkpoints.push({ seq: cp.seq, hash: cp.hash, at: cp.at });
    else if (!torn) problems.push(`checkpoint line ${i + 1} is not signed with this server's key (forged or altered)`);
  });
  return { checkpoints, problems };
}

export function readCheckpointFile(file: string, keys: AuditKeys): { checkpoints: Checkpoint[]; problems: string[] } {
  return fs.existsSync(file) ? parseCheckpoints(fs.readFileSync(file, "utf8"), keys) : { checkpoints: [], problems: [] };
}

export interface Checkpointer {
  /** Writes a checkpoint of the last committed row now (at start, shutdown, and on the timer). */
  write(): Promise<void>;
  /** Called by appendAudit; every `every` rows a checkpoint follows once the writing transaction is over. */
  onAppend(seq: number): void;
  /** A checkpoint at least every `ms` while rows are added; from now on each also goes to `log`. */
  start(ms: number, log?: (line: string) => void): void;
  stop(): void;
}

export function createCheckpointer(db: Db, dataDir: string, keys: AuditKeys, opts: { every?: number } = {}): Checkpointer {
  let log: ((line: string) => void) | undefined;
  const file = path.join(dataDir, CHECKPOINT_FILE);
  const every = opts.every ?? 1000;
  let lastWritten = 0;
  let pending = false;
  let timer: NodeJS.Timeout | undefined;
  const write = async () => {
    if (!db.$raw.isOpen()) return;
    // Outside any transaction: only what is committed (and so survives a crash) is checkpointed.
    const last = first(await db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1));
    if (!last || last.seq === lastWritten) return;
    const line = checkpointLine(keys, { seq: last.seq, hash: last.hash, at: Date.now() });
    const fd = fs.openSync(file, "a", 0o600);
    try {
      fs.writeSync(fd, `${line}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    lastWritten = last.seq;
    log?.(`[audit] checkpoint ${line}`);
  };
  const safeWrite = () => {
    write().catch((err) => {
      if (db.$raw.isOpen()) console.error("[audit] could not write a checkpoint", err);
    });
  };
  return {
    write,
    onAppend(seq) {
      if (seq % every !== 0 || pending) return;
      pending = true;
      // After the transaction that appended the row has committed (or rolled back): it reads committed rows only.
      setTimeout(() => {
        pending = false;
        safeWrite();
      }, 20).unref();
    },
    start(ms, logTo) {
      log = logTo;
      timer = setInterval(safeWrite, ms);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}

/** The server key is not the key the database's audit log was written with. */
export class ServerKeyMismatch extends Error {
  constructor() {
    super(
      "The server key is not the key this database was written with: every portal process on one database needs the same PORTAAL_SECRET_KEY (or the same secret.key).",
    );
  }
}

/**
 * At start: attaches the keys, opens the keyed chain when the log does not have it yet (a database from
 * before the chain was keyed: its rows stay as they are, checked unkeyed, and the keyed marker row commits
 * to their last hash, so they cannot be rewritten either), and writes a checkpoint.
 */
export async function sealAuditLog(db: Db, dataDir: string, keys: AuditKeys, opts: { every?: number } = {}): Promise<Checkpointer> {
  const checkpointer = createCheckpointer(db, dataDir, keys, opts);
  attachAuditKeys(db, keys, (seq) => checkpointer.onAppend(seq));
  await writeTx(db, async (tx) => {
    await lockForTransaction(tx, AUDIT_CHAIN_LOCK);
    const last = first(await tx.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1));
    if (last && keyedAuditHash(keys.chain, last.seq, last.prevHash, last) === last.hash) return;
    // A keyed log whose last row this key does not make: the process has another server key than the ones
    // that wrote it (with several processes, one started with a wrong PORTAAL_SECRET_KEY). It must not
    // write: its rows would break the chain, and it could not open anyone's authenticator key.
    const keyed = first(await tx.select({ seq: auditLog.seq }).from(auditLog).where(eq(auditLog.action, KEYED_MARKER)).limit(1));
    if (keyed) throw new ServerKeyMismatch();
    await appendAudit(tx, {
      orgId: null,
      actorId: null,
      actorLabel: "system",
      action: KEYED_MARKER,
      outcome: "success",
      details: { unkeyedThrough: last?.seq ?? 0 },
    });
  });
  await checkpointer.write();
  return checkpointer;
}
