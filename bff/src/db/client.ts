// The database: SQLite in the data folder (the embedded default) or PostgreSQL (DATABASE_URL), behind one
// asynchronous drizzle API. Repositories are written once, against the SQLite schema's types; at run time
// `./tables` hands them the chosen dialect's tables (same names, columns and value kinds: schema-parity.test.ts).
//
// THE TRANSACTION RULE (docs/postgres.md; drizzle-orm issues 1472 and 2275). Every write transaction is
// made by `writeTx(db, async (tx) => …)` below, and nowhere else. Its body awaits nothing but queries on
// `tx`: no file, mail, HTTP, hashing or timers, and never `db` (the pool, or the shared SQLite handle)
// instead of `tx`. Do slow work before and side effects after (mail is an outbox row written with `tx`).
//  - SQLite: one connection is shared by every request. A body that awaits lets other requests run in
//    between, so while a transaction is open every statement from outside it waits for its end (a
//    statement of another request would otherwise join it, or read what it has not committed yet).
//  - PostgreSQL: the body runs on one pooled connection; a statement on `db` would run on another one,
//    outside the transaction.
//  Both: a statement on `db` from inside a body is refused with an error, on either dialect, and so is
//  `tx` used after its transaction ended (client.test.ts proves both, and that a body awaiting a real timer
//  still commits or rolls back as one).
import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { drizzle as drizzleSqliteSync } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzleProxy, type SqliteRemoteDatabase } from "drizzle-orm/sqlite-proxy";
import pg from "pg";
import { ensurePrivateDir, keepPrivate } from "../lib/private-files";
import * as schema from "./schema";
import * as pgSchema from "./schema-pg";

import { type Dialect, dialect as processDialect } from "./tables";

export type { Dialect };

/**
 * The database handle. Typed as drizzle's asynchronous SQLite API, which the PostgreSQL handle matches
 * for everything the repositories use: `await` a query (rows; never `.get()/.all()/.run()`, which only
 * SQLite has), `.returning()`, `onConflictDoUpdate`, `first()` and `changes()` below.
 */
export type Db = SqliteRemoteDatabase<typeof schema> & { readonly $dialect: Dialect; readonly $raw: RawAccess };

/** Plain SQL for tests, tools and health checks: `?` placeholders on both dialects. */
export interface RawAccess {
  all<T = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<T[]>;
  get<T = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<T | undefined>;
  run(text: string, ...params: unknown[]): Promise<number>;
  close(): Promise<void>;
  /** Whether the handle is open (SQLite) or the pool not ended (PostgreSQL). */
  isOpen(): boolean;
}

/** The committed migrations: beside this file in the source, beside the bundle in a build (bff/dist). */
export const migrationsFolder = path.join(import.meta.dirname, "migrations");
export const pgMigrationsFolder = path.join(import.meta.dirname, "migrations-pg");

/** The first row of a query's rows (what SQLite's `.get()` gave). */
export function first<T>(rows: readonly T[]): T | undefined {
  return rows[0];
}

/** How many rows an awaited insert, update or delete (without returning) changed, on either dialect. */
export function changes(result: unknown): number {
  const r = result as { changes?: number; rowCount?: number | null };
  return r.changes ?? r.rowCount ?? 0;
}

// Which transaction the running code is inside (propagates through awaits).
const inTx = new AsyncLocalStorage<TxMark>();
interface TxMark {
  db: object;
  open: boolean;
}

function outsideOnly(): void {
  const mark = inTx.getStore();
  if (mark?.open) throw new Error("A query on db inside writeTx: use the transaction's tx (db/client.ts, the transaction rule)");
}

// ---------------------------------------------------------------------------------------------- SQLite

interface SqliteGate {
  mark: TxMark | null;
  /** Resolves when the open transaction ends. */
  ended: Promise<void>;
  /** The queue of transactions: each waits for the one before it. */
  tail: Promise<void>;
}

/** Opens (and migrates) the SQLite file; `readonly` opens an existing one for checks only, unmigrated. */
export function openSqlite(file: string, opts: { readonly?: boolean } = {}): Db {
  let sqlite: Database.Database;
  if (opts.readonly) {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    sqlite.pragma("busy_timeout = 10000");
  } else {
    ensurePrivateDir(path.dirname(file));
    // Created 0600 before SQLite opens it; SQLite gives the -wal and -shm files the database file's mode.
    if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, "a", 0o600));
    for (const f of [file, `${file}-wal`, `${file}-shm`]) keepPrivate(f);
    sqlite = new Database(file);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = FULL");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("foreign_keys = ON");
    migrateSqlite(drizzleSqliteSync(sqlite), { migrationsFolder });
  }
  const prepare = statementCache(sqlite);
  const gate: SqliteGate = { mark: null, ended: Promise.resolve(), tail: Promise.resolve() };

  const execute = (text: string, params: unknown[], method: "run" | "all" | "values" | "get") => {
    const stmt = prepare(text);
    if (method === "run") {
      if (stmt.reader) return { rows: stmt.raw(true).all(...params) };
      const r = stmt.run(...params);
      return { rows: [], changes: r.changes, lastInsertRowid: r.lastInsertRowid };
    }
    if (!stmt.reader) {
      stmt.run(...params);
      return { rows: method === "get" ? undefined : [] };
    }
    return { rows: method === "get" ? stmt.raw(true).get(...params) : stmt.raw(true).all(...params) };
  };
  // Outside a transaction: wait while another request's transaction is open.
  const outside = async (text: string, params: unknown[], method: "run" | "all" | "values" | "get") => {
    outsideOnly();
    while (gate.mark) await gate.ended;
    return execute(text, params, method);
  };
  const inside = async (text: string, params: unknown[], method: "run" | "all" | "values" | "get") => {
    const mark = inTx.getStore();
    if (!mark?.open || gate.mark !== mark) throw new Error("A transaction's tx used outside its writeTx body");
    return execute(text, params, method);
  };
  type Run = (text: string, params: unknown[], method: "run" | "all" | "values" | "get") => Promise<{ rows: unknown }>;
  const db = drizzleProxy(outside as Run as never, { schema }) as unknown as Db;
  const tx = drizzleProxy(inside as Run as never, { schema }) as unknown as Db;

  const raw: RawAccess = {
    all: async (text, ...params) => {
      await guardRaw(gate);
      return sqlite.prepare(text).all(...params) as never;
    },
    get: async (text, ...params) => {
      await guardRaw(gate);
      return sqlite.prepare(text).get(...params) as never;
    },
    run: async (text, ...params) => {
      await guardRaw(gate);
      return sqlite.prepare(text).run(...params).changes;
    },
    close: async () => {
      if (sqlite.open) sqlite.close();
    },
    isOpen: () => sqlite.open,
  };
  Object.assign(db, { $dialect: "sqlite", $raw: raw });
  Object.assign(tx, { $dialect: "sqlite", $raw: raw });
  roots.set(tx, db);

  runners.set(db, async <T>(fn: (tx: Db) => Promise<T>) => {
    const before = gate.tail;
    let release!: () => void;
    gate.tail = new Promise<void>((r) => {
      release = r;
    });
    await before;
    while (gate.mark) await gate.ended; // cannot happen while the queue is honoured; kept as a guard
    const mark: TxMark = { db, open: true };
    let endTx!: () => void;
    gate.ended = new Promise<void>((r) => {
      endTx = r;
    });
    gate.mark = mark;
    try {
      sqlite.exec("BEGIN IMMEDIATE");
      try {
        // Awaited inside the run: a body that returns a query unawaited still runs it as part of the transaction.
        const result = await inTx.run(mark, async () => await fn(tx));
        sqlite.exec("COMMIT");
        return result;
      } catch (err) {
        if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
        throw err;
      }
    } finally {
      mark.open = false;
      gate.mark = null;
      endTx();
      release();
    }
  });
  return db;
}

async function guardRaw(gate: SqliteGate): Promise<void> {
  outsideOnly();
  while (gate.mark) await gate.ended;
}

/**
 * drizzle's SQL text prepared anew on every query cost a tenth of the BFF's CPU under load
 * (bench/RESULTS.md): keep compiled statements by their SQL text. A statement in the middle of an
 * iteration is never handed out twice.
 */
function statementCache(sqlite: Database.Database, max = 1000): (source: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>();
  return (source) => {
    const hit = cache.get(source);
    if (hit && !hit.busy) return hit;
    const stmt = sqlite.prepare(source);
    if (cache.size >= max) cache.delete(cache.keys().next().value as string);
    cache.set(source, stmt);
    return stmt;
  };
}

// ------------------------------------------------------------------------------------------ PostgreSQL

/** Opens a pool on DATABASE_URL and applies the PostgreSQL migrations (once, also with several processes). */
export async function openPostgres(url: string, opts: { max?: number; migrate?: boolean } = {}): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    // An unreachable database fails a request (and /api/ready) in seconds instead of hanging it; a
    // transaction left open by a stalled process gives its locks back after a minute.
    connectionTimeoutMillis: 5_000,
    idle_in_transaction_session_timeout: 60_000,
  });
  // A dropped connection must not take the process down; the next query gets a fresh one.
  pool.on("error", () => {});
  let ended = false;
  const query = pool.query.bind(pool);
  // Every statement outside a transaction goes through pool.query; one from inside a writeTx body is refused.
  pool.query = ((...args: Parameters<typeof pool.query>) => {
    outsideOnly();
    return (query as (...a: unknown[]) => unknown)(...args);
  }) as typeof pool.query;
  const orm = drizzlePg(pool, { schema: pgSchema });
  // Several processes may start at once: one applies the migrations, the others wait for it.
  if (opts.migrate !== false) {
    const client = await pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock(7361001)");
      await migratePg(drizzlePg(client, { schema: pgSchema }), { migrationsFolder: pgMigrationsFolder });
    } finally {
      await client.query("SELECT pg_advisory_unlock(7361001)").catch(() => {});
      client.release();
    }
  }
  const toPg = (text: string) => {
    let n = 0;
    return text.replace(/\?/g, () => `$${++n}`);
  };
  const raw: RawAccess = {
    all: async (text, ...params) => (await pool.query(toPg(text), params)).rows as never,
    get: async (text, ...params) => (await pool.query(toPg(text), params)).rows[0] as never,
    run: async (text, ...params) => (await pool.query(toPg(text), params)).rowCount ?? 0,
    close: async () => {
      if (ended) return;
      ended = true;
      await pool.end();
    },
    isOpen: () => !ended,
  };
  const db = orm as unknown as Db;
  Object.assign(db, { $dialect: "pg", $raw: raw });
  const once = async <T>(fn: (tx: Db) => Promise<T>) =>
    orm.transaction(async (pgTx) => {
      const mark: TxMark = { db, open: true };
      // The body gets its own view of the transaction, which is cut off from the connection when the body
      // ends: a `tx` kept and used later is refused instead of running on a connection back in the pool.
      const bodyTx = Object.create(pgTx) as typeof pgTx & { session: unknown };
      Object.assign(bodyTx, { $dialect: "pg", $raw: raw });
      roots.set(bodyTx, db);
      try {
        return await inTx.run(mark, async () => await fn(bodyTx as unknown as Db));
      } finally {
        mark.open = false;
        bodyTx.session = endedSession;
      }
    });
  // Two transactions that lock in opposite orders: PostgreSQL ends one (deadlock_detected); it is run again,
  // which is safe because a body does nothing but database work on tx (the rule above).
  runners.set(db, async <T>(fn: (tx: Db) => Promise<T>) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once(fn);
      } catch (err) {
        const code = databaseErrorCode(err);
        if (attempt >= 3 || (code !== "40P01" && code !== "40001")) throw err;
      }
    }
  });
  return db;
}

/** The database's error code (PostgreSQL's SQLSTATE, SQLite's SQLITE_…) of a driver error, or of the error drizzle wraps it in. */
export function databaseErrorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.cause?.code ?? e?.code;
  return typeof code === "string" ? code : undefined;
}

const endedSession = new Proxy(
  {},
  {
    get() {
      throw new Error("A transaction's tx used outside its writeTx body");
    },
  },
);

// ------------------------------------------------------------------------------------------ both

const runners = new WeakMap<object, <T>(fn: (tx: Db) => Promise<T>) => Promise<T>>();
const roots = new WeakMap<object, Db>();

/** The database a transaction's `tx` belongs to (the handle itself for a database). */
export function rootOf(db: Db): Db {
  return roots.get(db) ?? db;
}

/**
 * A check-then-write that must see every other writer's result (the last beheerder, an upload quota, the
 * audit chain's last row) takes a lock named by `key` first: PostgreSQL's transaction-scoped advisory lock,
 * released at commit or rollback; its later statements (READ COMMITTED) see what the previous holder
 * committed. SQLite needs none: BEGIN IMMEDIATE already lets one writer in at a time.
 */
export async function lockForTransaction(tx: Db, key: number | string): Promise<void> {
  if (tx.$dialect !== "pg") return;
  const run = (tx as unknown as { execute(q: unknown): Promise<unknown> }).execute.bind(tx);
  await run(
    typeof key === "number" ? sql`SELECT pg_advisory_xact_lock(${key})` : sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`,
  );
}

/** The dialect a DATABASE_URL (or its absence) selects. */
export function dialectOf(databaseUrl: string | undefined): Dialect {
  return databaseUrl ? "pg" : "sqlite";
}

/** Opens the configured database: PostgreSQL when a URL is given, else SQLite in the data folder. */
export async function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  if (dialectOf(opts.databaseUrl) !== processDialect)
    throw new Error(
      `This process was started for ${processDialect} (DATABASE_URL is read at start) but is asked to open ${dialectOf(opts.databaseUrl)}`,
    );
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openSqlite(path.join(opts.dataDir, "portaal.db"));
}

/**
 * The one way to write in a transaction (see the rule at the top of this file). A body given `tx` of an
 * open transaction (a repository called from inside another body) joins it.
 */
export async function writeTx<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  const mark = inTx.getStore();
  if (mark?.open) {
    if (runners.has(db)) throw new Error("writeTx on db inside writeTx: pass the transaction's tx (db/client.ts)");
    return fn(db);
  }
  const run = runners.get(db);
  if (!run) throw new Error("writeTx: not a database handle");
  return run(fn);
}

/**
 * Like writeTx, but an error of class `refusal` thrown inside rolls back and is returned instead of thrown,
 * so a route can stop halfway with a clear answer and nothing written.
 */
export async function writeTxOr<T, E extends Error>(
  db: Db,
  fn: (tx: Db) => Promise<T>,
  refusal?: new (...args: never[]) => E,
): Promise<T | E> {
  try {
    return await writeTx(db, fn);
  } catch (err) {
    if (refusal && err instanceof refusal) return err;
    throw err;
  }
}

/** Whether the code runs inside a writeTx body (for helpers that must not start their own). */
export function insideTransaction(): boolean {
  return inTx.getStore()?.open === true;
}

/**
 * A drizzle query built once per database and kept: turning a query builder into SQL text cost more than
 * running the query on an indexed table (bench/RESULTS.md), and the session lookups run on every request.
 * On PostgreSQL it is a named prepared statement. Run with `.all(values)` or `.get(values)`.
 * @example const byId = preparedQuery("byId", (db) => db.select().from(t).where(eq(t.id, sql.placeholder("id"))));
 */
export function preparedQuery<Row>(
  name: string,
  build: (db: Db) => { prepare(): { all(values?: Record<string, unknown>): Promise<Row[]> } },
): (db: Db) => Prepared<Row> {
  const built = new WeakMap<object, Prepared<Row>>();
  return (db) => {
    let query = built.get(db);
    if (!query) {
      const builder = build(db);
      if (db.$dialect === "pg") {
        const p = (builder as unknown as { prepare(name: string): { execute(v?: Record<string, unknown>): Promise<Row[]> } }).prepare(name);
        query = { all: (v) => p.execute(v), get: async (v) => (await p.execute(v))[0] };
      } else {
        const p = builder.prepare() as unknown as {
          all(v?: Record<string, unknown>): Promise<Row[]>;
          get(v?: Record<string, unknown>): Promise<Row | undefined>;
        };
        query = { all: (v) => p.all(v), get: (v) => p.get(v) };
      }
      built.set(db, query);
    }
    return query;
  };
}

export interface Prepared<Row> {
  all(values?: Record<string, unknown>): Promise<Row[]>;
  get(values?: Record<string, unknown>): Promise<Row | undefined>;
}

export { sql };
