// Checks a data folder after a crash or a restore: integrity, the audit chain, every acknowledged write
// present and whole, files and rows one to one with matching checksums.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { deriveAuditKeys, readServerKey } from "../audit/keys";
import { checkAuditLogOf } from "../audit/verify";
import type { Db } from "../db/client";
import * as schema from "../db/tables";
import type { Ledger } from "./load";

const sha256 = (b: Uint8Array | Buffer) => createHash("sha256").update(b).digest("hex");

export interface FolderReport {
  integrity: string;
  problems: string[];
  rows: { threads: number; messages: number; uploads: number; documents: number; files: number; outbox: number; mailSent: number };
}

/**
 * Opens a data folder read-only and checks it: integrity_check, foreign keys, the audit chain, every
 * acknowledged write present and whole, every file row with its file (matching checksum) and every file
 * with its row, no temporary files left. `answersSettled` also accepts an in-flight answer and then
 * records the stored one as the new acknowledged value; `laterAnswersFrom` accepts answers sent later.
 */
export async function checkDataFolder(
  dataDir: string,
  ledger: Ledger,
  opts: { answersSettled?: boolean; laterAnswersFrom?: Ledger } = {},
): Promise<FolderReport> {
  const problems: string[] = [];
  const sqlite = new Database(path.join(dataDir, "portaal.db"), { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 10000");
    const integrity = (sqlite.pragma("integrity_check", { simple: true }) as string) ?? "";
    if (integrity !== "ok") problems.push(`integrity_check: ${integrity}`);
    const fk = sqlite.pragma("foreign_key_check") as unknown[];
    if (fk.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}`);
    const serverKey = readServerKey(dataDir, process.env.PORTAAL_SECRET_KEY);
    if (!serverKey) problems.push("no server key to check the audit chain with");
    else {
      // better-sqlite3's drizzle answers an awaited query as the portal's handle does.
      const audit = await checkAuditLogOf(drizzle(sqlite, { schema }) as unknown as Db, dataDir, deriveAuditKeys(serverKey));
      for (const b of audit.breaks) problems.push(`audit chain breaks at seq ${b.seq} (${b.reason})`);
      problems.push(...audit.problems.map((p) => `audit: ${p}`));
    }

    const one = (sql: string, ...args: unknown[]) => sqlite.prepare(sql).get(...args) as Record<string, unknown> | undefined;
    for (const [id, t] of ledger.threads) {
      const row = one("SELECT client_id FROM message_threads WHERE id = ?", id);
      if (row?.client_id !== t.clientId) problems.push(`acknowledged thread ${id} missing`);
      else if (!one("SELECT 1 FROM messages WHERE thread_id = ? AND body = ?", id, t.body))
        problems.push(`thread ${id} lost its first message`);
    }
    for (const [id, m] of ledger.messages) {
      const row = one("SELECT thread_id, body FROM messages WHERE id = ?", id);
      if (row?.thread_id !== m.threadId || row.body !== m.body) problems.push(`acknowledged message ${id} missing`);
    }
    for (const [id, u] of ledger.uploads) {
      const row = one("SELECT f.sha256 FROM uploads u JOIN files f ON f.id = u.file_id WHERE u.id = ? AND u.client_id = ?", id, u.clientId);
      if (row?.sha256 !== u.sha256) problems.push(`acknowledged upload ${id} missing or different`);
    }
    for (const [id, d] of ledger.documents) {
      const row = one(
        "SELECT d.title, f.sha256 FROM documents d LEFT JOIN files f ON f.id = d.file_id WHERE d.id = ? AND d.client_id = ?",
        id,
        d.clientId,
      );
      if (row?.title !== d.title || (row.sha256 ?? null) !== d.sha256) problems.push(`acknowledged document ${id} missing or different`);
    }
    for (const s of ledger.shares) {
      if (!one("SELECT 1 FROM document_shares WHERE document_id = ? AND account_id = ?", s.documentId, s.accountId))
        problems.push(`acknowledged share of ${s.documentId} missing`);
    }
    for (const [id, e] of ledger.diary) {
      if (one("SELECT body FROM diary_entries WHERE id = ?", id)?.body !== e.body) problems.push(`acknowledged diary entry ${id} missing`);
    }
    for (const [assignmentId, state] of ledger.answers) {
      const row = one("SELECT value_json FROM answers WHERE assignment_id = ? AND question_id = 'opmerking'", assignmentId);
      const stored = row ? (JSON.parse(row.value_json as string) as string) : null;
      // A snapshot taken while answers kept coming may hold any answer sent after the acknowledged one.
      const later = opts.laterAnswersFrom?.answers.get(assignmentId)?.sent ?? [];
      const laterThanAcked = state.acked === null ? later : later.slice(later.indexOf(state.acked));
      const allowed = [state.acked, ...(opts.answersSettled ? [state.inFlight] : []), ...laterThanAcked];
      if (!allowed.includes(stored)) {
        problems.push(`answer of ${assignmentId} is ${stored}, acknowledged was ${state.acked}`);
      } else if (opts.answersSettled) {
        state.acked = stored;
        state.inFlight = null;
      }
    }

    // Threads always have a first message; files on disk and rows match one to one, checksums too.
    const empty = one("SELECT count(*) AS n FROM message_threads t WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.thread_id = t.id)");
    if (Number(empty?.n) > 0) problems.push(`${empty?.n} threads without a message`);
    const fileRows = sqlite.prepare("SELECT storage_name, sha256, size FROM files").all() as {
      storage_name: string;
      sha256: string;
      size: number;
    }[];
    const filesDir = path.join(dataDir, "files");
    const onDisk = new Set(fs.existsSync(filesDir) ? fs.readdirSync(filesDir) : []);
    for (const f of fileRows) {
      if (!onDisk.has(f.storage_name)) {
        problems.push(`file row ${f.storage_name} has no file`);
        continue;
      }
      const bytes = fs.readFileSync(path.join(filesDir, f.storage_name));
      if (bytes.byteLength !== f.size || sha256(bytes) !== f.sha256) problems.push(`file ${f.storage_name} does not match its checksum`);
      onDisk.delete(f.storage_name);
    }
    for (const name of onDisk) problems.push(name.endsWith(".tmp") ? `temporary file left: ${name}` : `orphan file without a row: ${name}`);

    const count = (table: string) => Number(one(`SELECT count(*) AS n FROM ${table}`)?.n);
    return {
      integrity,
      problems,
      rows: {
        threads: count("message_threads"),
        messages: count("messages"),
        uploads: count("uploads"),
        documents: count("documents"),
        files: fileRows.length,
        outbox: count("mail_outbox"),
        mailSent: Number(one("SELECT count(*) AS n FROM mail_outbox WHERE status = 'sent'")?.n),
      },
    };
  } finally {
    sqlite.close();
  }
}
