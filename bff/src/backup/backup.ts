// Online backups of a data folder and their restore. The database goes through SQLite's backup API
// (better-sqlite3's db.backup(), one step, so it is one consistent snapshot however busy the portal is);
// then exactly the uploaded files that snapshot refers to, checked against their SHA-256; then the key.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { CHECKPOINT_FILE } from "../audit/checkpoints";

export const DB_FILE = "portaal.db";
export const KEY_FILE = "secret.key";
export const MANIFEST = "backup.json";

export interface Manifest {
  format: 1;
  /** When the snapshot of the database began: every write acknowledged before it is in this backup. */
  startedAt: string;
  finishedAt: string;
  databaseBytes: number;
  files: number;
  fileBytes: number;
  /** Whether the server key file was copied (it is not when PORTAAL_SECRET_KEY holds the key). */
  keyFile: boolean;
  /** Checkpoint lines of the audit log copied (those up to the snapshot's last row). */
  auditCheckpoints?: number;
  migrations: number;
}

interface FileRow {
  storage_name: string;
  sha256: string;
  size: number;
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

function fsyncPath(p: string): void {
  const fd = fs.openSync(p, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Copies a file, checks what was read against the expected checksum, and syncs the copy. */
function copyChecked(from: string, to: string, expected?: { sha256: string; size: number }): number {
  const bytes = fs.readFileSync(from);
  if (expected && (bytes.byteLength !== expected.size || sha256(bytes) !== expected.sha256)) {
    throw new Error(`${from} does not match the checksum in the database`);
  }
  fs.writeFileSync(to, bytes, { mode: 0o600, flag: "wx" });
  fsyncPath(to);
  return bytes.byteLength;
}

function fileRows(dbFile: string): { rows: FileRow[]; migrations: number; lastAuditSeq: number } {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new Error(`integrity_check of ${dbFile}: ${String(integrity)}`);
    const rows = db.prepare("SELECT storage_name, sha256, size FROM files").all() as FileRow[];
    const migrations = (db.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }).n;
    const lastAuditSeq = (db.prepare("SELECT coalesce(max(seq), 0) AS s FROM audit_log").get() as { s: number }).s;
    return { rows, migrations, lastAuditSeq };
  } finally {
    db.close();
  }
}

/**
 * Copies the audit checkpoints that belong to the snapshot: those the portal wrote after the snapshot
 * began name rows the backup does not hold, and would make the restored log look cut off.
 */
function copyCheckpoints(from: string, to: string, lastSeq: number): number {
  if (!fs.existsSync(from)) return 0;
  const kept = fs
    .readFileSync(from, "utf8")
    .split("\n")
    .filter((line) => {
      try {
        return (JSON.parse(line) as { seq: number }).seq <= lastSeq;
      } catch {
        return false;
      }
    });
  fs.writeFileSync(to, kept.map((l) => `${l}\n`).join(""), { mode: 0o600, flag: "wx" });
  fsyncPath(to);
  return kept.length;
}

function ensureEmptyFolder(dir: string, what: string): void {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new Error(`${what} ${dir} is not empty`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * Backs up a data folder (the portal may be running and writing) into an empty target folder; the files
 * come from `filesDir` (FILES_DIR, default the files folder inside the data folder).
 */
export async function backupDataDir(dataDir: string, target: string, opts: { filesDir?: string } = {}): Promise<Manifest> {
  const sourceFiles = opts.filesDir ?? path.join(dataDir, "files");
  const source = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(source)) throw new Error(`no database in ${dataDir}`);
  ensureEmptyFolder(target, "the backup folder");
  const started = new Date();
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 10000");
    // One step for all pages: a single read transaction, so concurrent writers neither restart nor tear it.
    await db.backup(path.join(target, DB_FILE), { progress: ({ totalPages }) => totalPages + 1 });
  } finally {
    db.close();
  }
  const dbCopy = path.join(target, DB_FILE);
  // One self-contained file: no -wal beside it.
  const copy = new Database(dbCopy, { fileMustExist: true });
  copy.pragma("journal_mode = DELETE");
  copy.close();
  fsyncPath(dbCopy);
  const { rows, migrations, lastAuditSeq } = fileRows(dbCopy);

  // Files are written before their row commits and never change after, so every file the snapshot
  // names is already complete on disk.
  const filesDir = path.join(target, "files");
  fs.mkdirSync(filesDir, { mode: 0o700 });
  let fileBytes = 0;
  for (const row of rows) {
    fileBytes += copyChecked(path.join(sourceFiles, row.storage_name), path.join(filesDir, row.storage_name), row);
  }
  fsyncPath(filesDir);
  const keyFile = fs.existsSync(path.join(dataDir, KEY_FILE));
  if (keyFile) copyChecked(path.join(dataDir, KEY_FILE), path.join(target, KEY_FILE));
  const auditCheckpoints = copyCheckpoints(path.join(dataDir, CHECKPOINT_FILE), path.join(target, CHECKPOINT_FILE), lastAuditSeq);

  const manifest: Manifest = {
    format: 1,
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    databaseBytes: fs.statSync(dbCopy).size,
    files: rows.length,
    fileBytes,
    keyFile,
    auditCheckpoints,
    migrations,
  };
  // The manifest comes last: a backup without it was interrupted and restore refuses it.
  const tmp = path.join(target, `${MANIFEST}.tmp`);
  fs.writeFileSync(tmp, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  fsyncPath(tmp);
  fs.renameSync(tmp, path.join(target, MANIFEST));
  fsyncPath(target);
  return manifest;
}

/**
 * Restores a backup into a data folder that holds no database (stop the portal first). Everything is
 * checked before anything is written: the manifest, integrity_check, every file's checksum.
 */
export async function restoreDataDir(backupDir: string, dataDir: string, opts: { filesDir?: string } = {}): Promise<Manifest> {
  const filesDir = opts.filesDir ?? path.join(dataDir, "files");
  const manifestFile = path.join(backupDir, MANIFEST);
  if (!fs.existsSync(manifestFile)) throw new Error(`${backupDir} is not a complete backup (no ${MANIFEST})`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as Manifest;
  const { rows } = fileRows(path.join(backupDir, DB_FILE));
  for (const row of rows) {
    const bytes = fs.readFileSync(path.join(backupDir, "files", row.storage_name));
    if (bytes.byteLength !== row.size || sha256(bytes) !== row.sha256) throw new Error(`backup file ${row.storage_name} is damaged`);
  }
  for (const name of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, "files", KEY_FILE, CHECKPOINT_FILE]) {
    if (fs.existsSync(path.join(dataDir, name))) {
      throw new Error(`${dataDir} already holds ${name}: restore into an empty data folder (or move the old one aside first)`);
    }
  }
  // A FILES_DIR of its own (a shared volume) may exist already, but must hold no files.
  if (fs.existsSync(filesDir) && fs.readdirSync(filesDir).length > 0) {
    throw new Error(`${filesDir} already holds files: restore into an empty files folder (or move the old files aside first)`);
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  fs.mkdirSync(filesDir, { recursive: true, mode: 0o700 });
  for (const row of rows) copyChecked(path.join(backupDir, "files", row.storage_name), path.join(filesDir, row.storage_name), row);
  fsyncPath(filesDir);
  if (manifest.keyFile) copyChecked(path.join(backupDir, KEY_FILE), path.join(dataDir, KEY_FILE));
  if (fs.existsSync(path.join(backupDir, CHECKPOINT_FILE)))
    copyChecked(path.join(backupDir, CHECKPOINT_FILE), path.join(dataDir, CHECKPOINT_FILE));
  // The database last, through the backup API again: once it is there, the folder is complete.
  const from = new Database(path.join(backupDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    await from.backup(path.join(dataDir, DB_FILE), { progress: ({ totalPages }) => totalPages + 1 });
  } finally {
    from.close();
  }
  fsyncPath(path.join(dataDir, DB_FILE));
  fsyncPath(dataDir);
  return manifest;
}
