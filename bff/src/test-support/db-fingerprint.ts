// A checksum per table (and of the files folder), to prove that a request changed nothing. Works on both
// dialects: rows are hashed as their values in column-name order, booleans as true/false and PostgreSQL's
// bigint (a string from the driver) as a number, sorted by their JSON text.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { is } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client";
import * as liteSchema from "../db/schema";

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

/** SQLite's boolean columns (integer 0/1 in the file) by table: read as true/false, as PostgreSQL gives them. */
const SQLITE_BOOLEANS: Map<string, Set<string>> = new Map(
  (Object.values(liteSchema) as unknown[])
    .filter((v): v is SQLiteTable => is(v, SQLiteTable))
    .map((table) => {
      const config = getTableConfig(table);
      return [config.name, new Set(config.columns.filter((c) => c.dataType === "boolean").map((c) => c.name))];
    }),
);

export interface Column {
  name: string;
  /** How a value is read into its dialect-independent form. */
  kind: "boolean" | "bigint" | "plain";
}

/** The application's tables (not SQLite's or drizzle's own), by name. */
export async function tablesOf(db: Db): Promise<string[]> {
  const rows =
    db.$dialect === "pg"
      ? await db.$raw.all<{ name: string }>(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE '__drizzle%' ORDER BY table_name",
        )
      : await db.$raw.all<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name",
        );
  return rows.map((r) => r.name);
}

/** A table's columns, sorted by name. */
export async function columnsOf(db: Db, table: string): Promise<Column[]> {
  let cols: Column[];
  if (db.$dialect === "pg") {
    const rows = await db.$raw.all<{ name: string; type: string }>(
      "SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?",
      table,
    );
    cols = rows.map((r) => ({ name: r.name, kind: r.type === "boolean" ? "boolean" : r.type === "bigint" ? "bigint" : "plain" }));
  } else {
    const booleans = SQLITE_BOOLEANS.get(table) ?? new Set<string>();
    const rows = await db.$raw.all<{ name: string }>(`PRAGMA table_info("${table}")`);
    cols = rows.map((r) => ({ name: r.name, kind: booleans.has(r.name) ? "boolean" : "plain" }));
  }
  return cols.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function normalised(value: unknown, kind: Column["kind"]): unknown {
  if (value === null || value === undefined) return null;
  if (kind === "boolean") return value === true || value === 1 || value === "1" || value === "t";
  if (kind === "bigint" || typeof value === "bigint") return Number(value);
  return value;
}

export async function dbFingerprint(db: Db, opts: { skipTables?: string[] } = {}): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await tablesOf(db)) {
    if (opts.skipTables?.includes(name) || COUNTS_REQUESTS.includes(name)) continue;
    const skip = TOUCHED_ON_READ[name] ?? [];
    const cols = (await columnsOf(db, name)).filter((c) => !skip.includes(c.name));
    const rows = (await db.$raw.all<Record<string, unknown>>(`SELECT ${cols.map((c) => `"${c.name}"`).join(", ")} FROM "${name}"`))
      .map((r) => JSON.stringify(cols.map((c) => normalised(r[c.name], c.kind))))
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
