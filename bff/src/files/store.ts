// Files on disk under random names, checked by content; metadata and checksum live in the database.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ALLOWED_FILE_TYPES, MAX_FILE_BYTES } from "@portaal/shared/dossier";
import { fileTypeFromBuffer } from "file-type";

export interface StoredFile {
  storageName: string;
  sha256: string;
  mime: string;
  size: number;
}

export type FileCheck = { ok: true; mime: string } | { ok: false; code: "too_large" | "empty" | "type_not_allowed"; message: string };

/** What the bytes are, whatever the name says. */
export async function checkFile(bytes: Uint8Array): Promise<FileCheck> {
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
  return { ok: true, mime: type.mime };
}

/** Writes to a temporary name, syncs, then renames: a crash leaves no half file under a real name. */
export function saveFile(filesDir: string, bytes: Uint8Array, mime: string): StoredFile {
  fs.mkdirSync(filesDir, { recursive: true });
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
  return { storageName, sha256: createHash("sha256").update(bytes).digest("hex"), mime, size: bytes.byteLength };
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
  // \p{Cc} is every control character.
  const cleaned = base
    .replace(/[\p{Cc}"<>|:*?]/gu, "_")
    .trim()
    .slice(0, 150);
  return cleaned.length > 0 && cleaned !== "." && cleaned !== ".." ? cleaned : "bestand";
}
