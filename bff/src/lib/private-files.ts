// The data folder holds medical data: only the portal's own user may read it (folder 0700, files 0600).
import fs from "node:fs";

/** Creates the folder 0700, or takes group and others' access away from one that exists. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((fs.statSync(dir).mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
}

/** Takes group and others' access away from a file, when it exists. */
export function keepPrivate(file: string): void {
  try {
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
}
