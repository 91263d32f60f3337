// A checksum per table (and of the files folder), to prove that a request changed nothing.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db/client";

/**
 * Columns that change on a read by design: the sliding session expiry is written at most once a minute
 * (auth/sessions.ts), and the first GET /api/me of a session marks that login as a visit (routes/me.ts).
 * Everything else must stay as it was.
 */
const TOUCHED_ON_READ: Record<string, string[]> = {
  sessions: ["last_activity_at", "idle_expires_at"],
  accounts: ["last_visit_at"],
};

/**
 * Tables that count requests by design, also refused ones: the rate-limit windows (db/rate-limits.ts). A
 * refused request that was counted there changed nothing else.
 */
const COUNTS_REQUESTS = ["rate_limits"];

export function dbFingerprint(db: Db, opts: { skipTables?: string[] } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const tables = db.$client
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name",
    )
    .all() as { name: string }[];
  for (const { name } of tables) {
    if (opts.skipTables?.includes(name) || COUNTS_REQUESTS.includes(name)) continue;
    const skip = TOUCHED_ON_READ[name] ?? [];
    const cols = (db.$client.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[])
      .map((c) => c.name)
      .filter((c) => !skip.includes(c));
    const rows = db.$client
      .prepare(`SELECT ${cols.map((c) => `"${c}"`).join(", ")} FROM "${name}"`)
      .raw()
      .all()
      .map((r) => JSON.stringify(r))
      .sort();
    out[name] = `${rows.length}:${createHash("sha256").update(rows.join("\n")).digest("hex").slice(0, 16)}`;
  }
  return out;
}

export function filesFingerprint(dataDir: string): string {
  const dir = path.join(dataDir, "files");
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort().join(",") : "";
}

/** The tables whose checksum differs between two fingerprints. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}
