// Files on disk under random names, checked by content; metadata and checksum live in the database.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ALLOWED_FILE_TYPES, MAX_FILE_BYTES } from "@portaal/shared/dossier";
import { fileTypeFromBuffer } from "file-type";
import { type FileProblem, fileProblem } from "./file-checks";

export interface StoredFile {
  storageName: string;
  sha256: string;
  mime: string;
  size: number;
}

export type FileCheck =
  | { ok: true; mime: string }
  | { ok: false; code: "too_large" | "empty" | "type_not_allowed" | FileProblem["code"]; message: string };

/** What the bytes are, whatever the name says; then whole, without hidden extras, and named for what it is. */
export async function checkFile(bytes: Uint8Array, name?: string): Promise<FileCheck> {
  if (bytes.byteLength === 0) return { ok: false, code: "empty", message: "Dit bestand is leeg." };
  if (bytes.byteLength > MAX_FILE_BYTES) {
    return { ok: false, code: "too_large", message: `Dit bestand is te groot. Het mag hoogstens ${MAX_FILE_BYTES / 1024 / 1024} MB zijn.` };
  }
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !(type.mime in ALLOWED_FILE_TYPES)) {
    return {
      ok: false,
      code: "type_not_allowed",
      message: `Dit soort bestand kan niet worden geüpload. Toegestaan zijn: ${Object.values(ALLOWED_FILE_TYPES).join(", ")}. De inhoud telt, niet de naam.`,
    };
  }
  const problem = fileProblem(bytes, type.mime, name);
  if (problem) return { ok: false, ...problem };
  return { ok: true, mime: type.mime };
}

/**
 * Writes to a temporary name, syncs, renames, syncs the folder: a crash leaves no half file under a real
 * name. Call before committing the file's row: a crash in between leaves a file without a row, which
 * sweepFiles removes at the next start (a row without its file can never happen).
 */
export function saveFile(filesDir: string, bytes: Uint8Array, mime: string): StoredFile {
  fs.mkdirSync(filesDir, { recursive: true, mode: 0o700 });
  const storageName = randomBytes(16).toString("hex");
  const tmp = path.join(filesDir, `${storageName}.tmp`);
  const fd = fs.openSync(tmp, "wx", 0o600);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, path.join(filesDir, storageName));
  syncFolder(filesDir);
  return { storageName, sha256: createHash("sha256").update(bytes).digest("hex"), mime, size: bytes.byteLength };
}

/** Runs the commit of a stored file's row; when it fails, the file goes too, so no orphan stays behind. */
export async function withFile<T>(filesDir: string, stored: StoredFile | null, commit: () => Promise<T>): Promise<T> {
  try {
    return await commit();
  } catch (err) {
    if (stored) removeStoredFile(filesDir, stored.storageName);
    throw err;
  }
}

/** withFile for several files at once (a message's attachments): all go when the commit fails. */
export async function withFiles<T>(filesDir: string, stored: StoredFile[], commit: () => Promise<T>): Promise<T> {
  try {
    return await commit();
  } catch (err) {
    for (const f of stored) removeStoredFile(filesDir, f.storageName);
    throw err;
  }
}

/** Makes a rename in the folder durable before anyone is told the file is stored. */
export function syncFolder(dir: string): void {
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * At start, before serving: removes temporary files and files no row refers to (a crash between writing
 * a file and committing its row). Returns how many were removed.
 */
export function sweepFiles(filesDir: string, referenced: Set<string>, opts: { olderThanMs?: number; now?: number } = {}): number {
  if (!fs.existsSync(filesDir)) return 0;
  let removed = 0;
  const cutoff = (opts.now ?? Date.now()) - (opts.olderThanMs ?? 0);
  for (const name of fs.readdirSync(filesDir)) {
    const unfinished = /^[a-f0-9]{32}\.tmp$/.test(name);
    const orphan = /^[a-f0-9]{32}$/.test(name) && !referenced.has(name);
    // With a shared FILES_DIR another process may be writing this file right now (its row not yet
    // committed): only files older than any write can take are swept there. A file gone since the listing
    // (another process renamed its .tmp into place, or swept it) is left to that process.
    const settled = () => {
      if (opts.olderThanMs === undefined || opts.olderThanMs === 0) return true;
      const stat = fs.statSync(path.join(filesDir, name), { throwIfNoEntry: false });
      return stat !== undefined && stat.mtimeMs < cutoff;
    };
    if ((unfinished || orphan) && settled()) {
      fs.rmSync(path.join(filesDir, name), { force: true });
      removed++;
    }
  }
  if (removed > 0) syncFolder(filesDir);
  return removed;
}

export function readStoredFile(filesDir: string, storageName: string): Buffer {
  if (!/^[a-f0-9]{32}$/.test(storageName)) throw new Error("bad storage name");
  return fs.readFileSync(path.join(filesDir, storageName));
}

export function removeStoredFile(filesDir: string, storageName: string): void {
  if (/^[a-f0-9]{32}$/.test(storageName)) fs.rmSync(path.join(filesDir, storageName), { force: true });
}

/** A name safe to show and to put in Content-Disposition: no paths, no control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "bestand";
  // \p{Cc} is every control character, \p{Cf} every format character (a right-to-left override, zero-width marks).
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}"<>|:*?]/gu, "_")
    .trim()
    .slice(0, 150);
  return cleaned.length > 0 && cleaned !== "." && cleaned !== ".." ? cleaned : "bestand";
}
