// The PostgreSQL schema must be the SQLite schema in another dialect: both sets of committed migrations are
// applied to fresh databases (a real PostgreSQL server on loopback) and compared table by table.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { and, eq, getTableColumns, getTableName, is } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { PgTable } from "drizzle-orm/pg-core";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPostgres, type TestPostgres } from "../test-support/postgres";
import { type Db, openSqlite } from "./client";
import { countAttempt, countAttemptUpsert } from "./rate-limits";
import * as sqliteSchema from "./schema";
import * as pgSchema from "./schema-pg";

const pgMigrations = path.join(import.meta.dirname, "migrations-pg");

/** What the comparison looks at, per table, the same for both dialects. */
interface TableShape {
  columns: Map<string, { notNull: boolean; hasDefault: boolean; kind: "text" | "number" | "bytes" }>;
  primaryKey: string[];
  /** By name: unique or not, and the columns in order. Primary-key indexes are left out (compared above). */
  indexes: Map<string, string>;
  /** "column -> table.column" */
  foreignKeys: Set<string>;
}

let server: TestPostgres;
let pool: pg.Pool;
let pgDb: NodePgDatabase<typeof pgSchema>;
let sqliteDb: Db;
/** The same file, read directly for its catalogue (sqlite_master, PRAGMA). */
let sqliteRaw: Database.Database;
let sqliteDir: string;
const timings: Record<string, number> = {};

beforeAll(async () => {
  let t = performance.now();
  server = await startTestPostgres();
  timings.serverStartMs = Math.round(performance.now() - t);
  pool = new pg.Pool({ connectionString: server.url, max: 4 });
  // pool.end() resolves before its last connections have closed: the server's shutdown notice can reach
  // one of them, which the pool re-emits; without a listener that would be an unhandled error.
  pool.on("error", () => {});
  pgDb = drizzle(pool, { schema: pgSchema });
  t = performance.now();
  await migrate(pgDb, { migrationsFolder: pgMigrations });
  timings.pgMigrateMs = Math.round(performance.now() - t);
  sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), "portaal-parity-"));
  sqliteDb = openSqlite(path.join(sqliteDir, "portaal.db"));
  sqliteRaw = new Database(path.join(sqliteDir, "portaal.db"));
});

afterAll(async () => {
  console.log(`PostgreSQL parity: ${JSON.stringify(timings)}`);
  await pool?.end();
  await server?.stop();
  sqliteRaw?.close();
  await sqliteDb?.$raw.close();
  if (sqliteDir) fs.rmSync(sqliteDir, { recursive: true, force: true });
});

function sqliteShapes(raw: Database.Database): Map<string, TableShape> {
  const shapes = new Map<string, TableShape>();
  const tables = raw
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'")
    .all() as { name: string }[];
  for (const { name } of tables) {
    const cols = raw.prepare(`PRAGMA table_info("${name}")`).all() as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }[];
    const kindOf = (type: string) => (type.toLowerCase() === "text" ? "text" : type.toLowerCase() === "blob" ? "bytes" : "number");
    const shape: TableShape = {
      columns: new Map(cols.map((c) => [c.name, { notNull: c.notnull === 1, hasDefault: c.dflt_value !== null, kind: kindOf(c.type) }])),
      primaryKey: cols
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      indexes: new Map(),
      foreignKeys: new Set(),
    };
    const indexes = raw.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number; origin: string }[];
    for (const ix of indexes) {
      if (ix.origin === "pk") continue;
      const ixCols = (raw.prepare(`PRAGMA index_info("${ix.name}")`).all() as { seqno: number; name: string }[])
        .sort((a, b) => a.seqno - b.seqno)
        .map((c) => c.name);
      shape.indexes.set(ix.name, `${ix.unique ? "unique " : ""}(${ixCols.join(", ")})`);
    }
    const fks = raw.prepare(`PRAGMA foreign_key_list("${name}")`).all() as { table: string; from: string; to: string }[];
    for (const fk of fks) shape.foreignKeys.add(`${fk.from} -> ${fk.table}.${fk.to}`);
    shapes.set(name, shape);
  }
  return shapes;
}

async function pgShapes(client: pg.Pool): Promise<Map<string, TableShape>> {
  const shapes = new Map<string, TableShape>();
  const tables = await client.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
  );
  for (const { table_name } of tables.rows) {
    shapes.set(table_name, { columns: new Map(), primaryKey: [], indexes: new Map(), foreignKeys: new Set() });
  }
  const cols = await client.query<{
    table_name: string;
    column_name: string;
    is_nullable: string;
    column_default: string | null;
    data_type: string;
  }>(
    "SELECT table_name, column_name, is_nullable, column_default, data_type FROM information_schema.columns WHERE table_schema = 'public'",
  );
  for (const c of cols.rows) {
    const kind = c.data_type === "text" ? "text" : c.data_type === "bytea" ? "bytes" : "number";
    shapes.get(c.table_name)?.columns.set(c.column_name, { notNull: c.is_nullable === "NO", hasDefault: c.column_default !== null, kind });
  }
  // Every index of the public tables, with its columns in key order.
  const indexes = await client.query<{
    table_name: string;
    index_name: string;
    is_unique: boolean;
    is_primary: boolean;
    columns: string[];
  }>(`
    SELECT t.relname AS table_name, i.relname AS index_name, ix.indisunique AS is_unique, ix.indisprimary AS is_primary,
           array_agg(a.attname::text ORDER BY k.ord) AS columns
      FROM pg_index ix
      JOIN pg_class t ON t.oid = ix.indrelid
      JOIN pg_class i ON i.oid = ix.indexrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
     GROUP BY t.relname, i.relname, ix.indisunique, ix.indisprimary`);
  for (const ix of indexes.rows) {
    const shape = shapes.get(ix.table_name);
    if (!shape) continue;
    if (ix.is_primary) shape.primaryKey = ix.columns;
    else shape.indexes.set(ix.index_name, `${ix.is_unique ? "unique " : ""}(${ix.columns.join(", ")})`);
  }
  const fks = await client.query<{ table_name: string; from_col: string; to_table: string; to_col: string }>(`
    SELECT t.relname AS table_name, a.attname AS from_col, rt.relname AS to_table, ra.attname AS to_col
      FROM pg_constraint c
      JOIN pg_class t ON t.oid = c.conrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      JOIN pg_class rt ON rt.oid = c.confrelid
      CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k(from_num, to_num)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.from_num
      JOIN pg_attribute ra ON ra.attrelid = rt.oid AND ra.attnum = k.to_num
     WHERE c.contype = 'f'`);
  for (const fk of fks.rows) shapes.get(fk.table_name)?.foreignKeys.add(`${fk.from_col} -> ${fk.to_table}.${fk.to_col}`);
  return shapes;
}

/** Every difference as one line naming the table (and column or index): an empty list is parity. */
function differences(lite: Map<string, TableShape>, post: Map<string, TableShape>): string[] {
  const out: string[] = [];
  for (const name of lite.keys()) if (!post.has(name)) out.push(`table ${name}: only in SQLite`);
  for (const name of post.keys()) if (!lite.has(name)) out.push(`table ${name}: only in PostgreSQL`);
  for (const [name, l] of lite) {
    const p = post.get(name);
    if (!p) continue;
    for (const [col, lc] of l.columns) {
      const pc = p.columns.get(col);
      if (!pc) {
        out.push(`${name}.${col}: column only in SQLite`);
        continue;
      }
      if (lc.notNull !== pc.notNull) out.push(`${name}.${col}: NOT NULL in ${lc.notNull ? "SQLite" : "PostgreSQL"} only`);
      if (lc.hasDefault !== pc.hasDefault) out.push(`${name}.${col}: a default in ${lc.hasDefault ? "SQLite" : "PostgreSQL"} only`);
      if (lc.kind !== pc.kind) out.push(`${name}.${col}: ${lc.kind} in SQLite, ${pc.kind} in PostgreSQL`);
    }
    for (const col of p.columns.keys()) if (!l.columns.has(col)) out.push(`${name}.${col}: column only in PostgreSQL`);
    if (l.primaryKey.join(",") !== p.primaryKey.join(","))
      out.push(`${name}: primary key (${l.primaryKey.join(", ")}) in SQLite, (${p.primaryKey.join(", ")}) in PostgreSQL`);
    for (const [ix, def] of l.indexes) {
      const other = p.indexes.get(ix);
      if (other === undefined) out.push(`${name}: index ${ix} only in SQLite`);
      else if (other !== def) out.push(`${name}: index ${ix} is ${def} in SQLite, ${other} in PostgreSQL`);
    }
    for (const ix of p.indexes.keys()) if (!l.indexes.has(ix)) out.push(`${name}: index ${ix} only in PostgreSQL`);
    for (const fk of l.foreignKeys) if (!p.foreignKeys.has(fk)) out.push(`${name}: foreign key ${fk} only in SQLite`);
    for (const fk of p.foreignKeys) if (!l.foreignKeys.has(fk)) out.push(`${name}: foreign key ${fk} only in PostgreSQL`);
  }
  return out;
}

describe("the PostgreSQL schema is the SQLite schema", () => {
  it("has the same tables, columns, nullability, defaults, primary keys, indexes and foreign keys after migrating", async () => {
    const t = performance.now();
    const lite = sqliteShapes(sqliteRaw);
    const post = await pgShapes(pool);
    timings.compareMs = Math.round(performance.now() - t);
    expect(lite.size).toBeGreaterThan(30);
    expect(differences(lite, post)).toEqual([]);
  });

  it("finds a difference and names it (the comparison is not blind)", async () => {
    const lite = sqliteShapes(sqliteRaw);
    const post = await pgShapes(pool);
    post.get("accounts")?.columns.delete("locale");
    post.delete("job_runs");
    post.get("clients")?.indexes.set("clients_org_number", "(org_id, client_number)");
    expect(differences(lite, post)).toEqual([
      "table job_runs: only in SQLite",
      "accounts.locale: column only in SQLite",
      "clients: index clients_org_number is unique (org_id, client_number) in SQLite, (org_id, client_number) in PostgreSQL",
    ]);
  });

  it("has the same drizzle columns: names, value kinds and enums, so repositories can use either schema", () => {
    const tablesOf = (mod: Record<string, unknown>, dialect: typeof SQLiteTable | typeof PgTable) =>
      new Map(
        Object.entries(mod)
          .filter(([, v]) => is(v, dialect as typeof PgTable))
          .map(([key, v]) => [key, v as PgTable]),
      );
    const lite = tablesOf(sqliteSchema, SQLiteTable);
    const post = tablesOf(pgSchema, PgTable);
    expect([...post.keys()].sort()).toEqual([...lite.keys()].sort());
    const diff: string[] = [];
    for (const [key, l] of lite) {
      const p = post.get(key) as PgTable;
      if (getTableName(l) !== getTableName(p)) diff.push(`${key}: table ${getTableName(l)} vs ${getTableName(p)}`);
      const lc = getTableColumns(l);
      const pc = getTableColumns(p);
      expect(Object.keys(pc).sort(), key).toEqual(Object.keys(lc).sort());
      for (const [prop, c] of Object.entries(lc)) {
        const d = pc[prop];
        if (!d) continue;
        // The logo's bytes: a blob in buffer mode in SQLite, a custom bytea in PostgreSQL; both are Buffers.
        const kind = (dataType: string) => (dataType === "custom" || dataType === "buffer" ? "buffer" : dataType);
        if (c.name !== d.name) diff.push(`${key}.${prop}: ${c.name} vs ${d.name}`);
        if (kind(c.dataType) !== kind(d.dataType)) diff.push(`${key}.${prop}: ${c.dataType} vs ${d.dataType}`);
        if (JSON.stringify(c.enumValues ?? []) !== JSON.stringify(d.enumValues ?? [])) diff.push(`${key}.${prop}: enum differs`);
      }
    }
    expect(diff).toEqual([]);
  });
});

describe("rows on PostgreSQL through drizzle and the pg schema", () => {
  const s = pgSchema;
  const at = 1_796_000_000_123; // ms, well past 2^31

  it("writes and reads back what creating an organization, a staff account, a client and a session write", async () => {
    await pgDb.insert(s.organizations).values({
      id: "org-1",
      name: "Het Baken",
      hostname: "baken.example",
      publicUrl: "https://baken.example",
      emailDomain: "baken.example",
      phone: "010 123 45 67",
      preset: "standaard",
      policyJson: "{}",
      primaryColor: "#0b5",
      logoText: "Het Baken",
      createdAt: at,
    });
    await pgDb.insert(s.termsVersions).values({ id: "terms-1", orgId: "org-1", version: 1, body: "Voorwaarden", publishedAt: at });
    await pgDb.insert(s.accounts).values({
      id: "acc-1",
      orgId: "org-1",
      email: "beheer@baken.example",
      kind: "staff",
      staffRole: "beheerder",
      displayName: "Beheer",
      status: "invited",
      createdAt: at,
      updatedAt: at,
    });
    await pgDb.insert(s.clients).values({ id: "cl-1", orgId: "org-1", clientNumber: "1001", firstName: "Sam", lastName: "de Vries" });
    await pgDb.insert(s.sessions).values({
      id: "a".repeat(64),
      orgId: "org-1",
      accountId: "acc-1",
      secondFactorVerified: true,
      createdAt: at,
      lastActivityAt: at,
      idleExpiresAt: at + 30 * 60_000,
      absoluteExpiresAt: at + 12 * 3_600_000,
      ip: "127.0.0.1",
      userAgent: null,
    });
    await pgDb
      .insert(s.organizationLogos)
      .values({ orgId: "org-1", mime: "image/png", bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]), sha256: "x", updatedAt: at });

    const org = await pgDb.query.organizations.findFirst({ where: eq(s.organizations.hostname, "baken.example") });
    expect(org).toMatchObject({ id: "org-1", settingsVersion: 1, policyVersion: 1, supportText: "", createdAt: at });
    const [account] = await pgDb
      .select()
      .from(s.accounts)
      .where(and(eq(s.accounts.orgId, "org-1"), eq(s.accounts.email, "beheer@baken.example")));
    expect(account).toMatchObject({ failedPasswords: 0, locale: "nl", version: 1, passwordPausedUntil: null, createdAt: at });
    const [client] = await pgDb.select().from(s.clients).where(eq(s.clients.id, "cl-1"));
    // The column default: the wall clock in ms, as a number.
    expect(typeof client?.createdAt).toBe("number");
    expect(Math.abs((client?.createdAt ?? 0) - Date.now())).toBeLessThan(60_000);
    const [session] = await pgDb.select().from(s.sessions);
    expect(session).toMatchObject({ secondFactorVerified: true, absoluteExpiresAt: at + 12 * 3_600_000, reauthAt: null });
    const [logo] = await pgDb.select().from(s.organizationLogos);
    expect(Buffer.isBuffer(logo?.bytes) && logo.bytes.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]))).toBe(true);
  });

  it("refuses what SQLite refuses: a second account with the same e-mail, a row of an unknown organization", async () => {
    const dup = pgDb.insert(s.accounts).values({
      id: "acc-2",
      orgId: "org-1",
      email: "beheer@baken.example",
      kind: "staff",
      displayName: "Dubbel",
      status: "invited",
    });
    await expect(dup).rejects.toMatchObject({ cause: { code: "23505", constraint: "accounts_org_email" } });
    const orphan = pgDb.insert(s.contacts).values({ id: "ct-1", orgId: "no-such-org", firstName: "A", lastName: "B" });
    await expect(orphan).rejects.toMatchObject({ cause: { code: "23503" } });
  });

  it("keeps the audit log append-only, as the SQLite triggers do", async () => {
    await pgDb
      .insert(s.auditLog)
      .values({ seq: 1, orgId: "org-1", at, actorLabel: "systeem", action: "test", outcome: "success", prevHash: "0", hash: "h1" });
    await expect(pgDb.update(s.auditLog).set({ action: "anders" }).where(eq(s.auditLog.seq, 1))).rejects.toMatchObject({
      cause: { message: "audit_log is append-only" },
    });
    await expect(pgDb.delete(s.auditLog)).rejects.toMatchObject({ cause: { message: "audit_log is append-only" } });
    await expect(pool.query("TRUNCATE audit_log")).rejects.toThrow("audit_log is append-only");
    const rows = await pgDb.select({ seq: s.auditLog.seq, at: s.auditLog.at }).from(s.auditLog);
    expect(rows).toEqual([{ seq: 1, at }]);
  });
});

// The claims that let several processes share one database (docs/postgres.md), tried on the real server.
describe("claims for several processes on PostgreSQL", () => {
  const s = pgSchema;
  const at = 1_796_000_000_000;

  it("two outbox workers claiming with FOR UPDATE SKIP LOCKED get disjoint mails, and together all of them", async () => {
    await pgDb.insert(s.mailOutbox).values(
      Array.from({ length: 30 }, (_, i) => ({
        id: `mail-${i}`,
        orgId: "org-1",
        to: `p${i}@example.nl`,
        subject: "Nieuw bericht",
        text: "t",
        html: "h",
        status: "pending" as const,
        nextAttemptAt: at + i,
        createdAt: at,
      })),
    );
    const claim = async (worker: pg.PoolClient) => {
      await worker.query("BEGIN");
      const { rows } = await worker.query<{ id: string }>(
        `SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= $1
          ORDER BY next_attempt_at LIMIT 20 FOR UPDATE SKIP LOCKED`,
        [at + 1000],
      );
      return rows.map((r) => r.id);
    };
    const a = await pool.connect();
    const b = await pool.connect();
    try {
      // A holds its rows (transaction open) while B claims: B skips them instead of waiting.
      const first = await claim(a);
      const second = await claim(b);
      await a.query("UPDATE mail_outbox SET status = 'sent' WHERE id = ANY($1)", [first]);
      await b.query("UPDATE mail_outbox SET status = 'sent' WHERE id = ANY($1)", [second]);
      await a.query("COMMIT");
      await b.query("COMMIT");
      expect(first).toHaveLength(20);
      expect(second).toHaveLength(10);
      expect(first.filter((id) => second.includes(id))).toEqual([]);
    } finally {
      a.release();
      b.release();
    }
    const pending = await pgDb.select({ id: s.mailOutbox.id }).from(s.mailOutbox).where(eq(s.mailOutbox.status, "pending"));
    expect(pending).toEqual([]);
  });

  it("the rate-limit upsert counts concurrent attempts once each and restarts an ended window (the same statement as on SQLite)", async () => {
    const t = pgSchema.rateLimits;
    const consume = async (now: number) => {
      const { values, set } = countAttemptUpsert(t, "login-ip:org-1:10.0.0.1", now, 60_000);
      const [row] = await pgDb.insert(t).values(values).onConflictDoUpdate({ target: t.key, set }).returning({ count: t.count });
      return row?.count;
    };
    // Twelve at once on four pooled connections: each gets its own count, none is lost.
    const counts = await Promise.all(Array.from({ length: 12 }, () => consume(at)));
    expect([...counts].sort((a = 0, b = 0) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(await consume(at + 59_999)).toBe(13);
    expect(await consume(at + 60_000)).toBe(1);
    expect(await consume(at + 60_001)).toBe(2);
    // SQLite: the same builder through the repository function.
    const counts3: number[] = [];
    for (let i = 0; i < 3; i++) counts3.push(await countAttempt(sqliteDb, "k", at, 60_000));
    expect(counts3).toEqual([1, 2, 3]);
    expect(await countAttempt(sqliteDb, "k", at + 60_000, 60_000)).toBe(1);
  });

  it("the once-per-day job claim is won by exactly one of several concurrent claimers (and the same SQL works on SQLite)", async () => {
    const claimSql = `INSERT INTO job_runs (name, last_day, ran_at) VALUES ($1, $2, $3)
      ON CONFLICT (name) DO UPDATE SET last_day = excluded.last_day, ran_at = excluded.ran_at
      WHERE job_runs.last_day <> excluded.last_day RETURNING name`;
    const day = async (d: string) =>
      (await Promise.all(Array.from({ length: 6 }, () => pool.query(claimSql, ["care", d, at])))).filter((r) => r.rowCount === 1).length;
    expect(await day("2026-12-01")).toBe(1);
    expect(await day("2026-12-01")).toBe(0);
    expect(await day("2026-12-02")).toBe(1);

    const lite = sqliteRaw.prepare(claimSql.replaceAll(/\$\d/g, "?"));
    const liteDay = (d: string) => Array.from({ length: 3 }, () => lite.all("care", d, at)).filter((rows) => rows.length === 1).length;
    expect(liteDay("2026-12-01")).toBe(1);
    expect(liteDay("2026-12-01")).toBe(0);
    expect(liteDay("2026-12-02")).toBe(1);
  });
});
