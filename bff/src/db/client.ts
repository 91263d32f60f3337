// Opens the SQLite database with the settings we rely on for safety, and applies migrations.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { ensurePrivateDir, keepPrivate } from "../lib/private-files";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** The committed migrations: beside this file in the source, beside the bundle in a build (bff/dist). */
export const migrationsFolder = path.join(import.meta.dirname, "migrations");

export function openDb(file: string): Db {
  ensurePrivateDir(path.dirname(file));
  // Created 0600 before SQLite opens it; SQLite gives the -wal and -shm files the database file's mode.
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, "a", 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) keepPrivate(f);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  cacheStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return db as Db;
}

/**
 * drizzle asks better-sqlite3 to prepare every query anew, and SQLite compiling the same SQL again on
 * each request took a tenth of the BFF's CPU under load (bench/RESULTS.md): keep compiled statements by
 * their SQL text. A statement in the middle of an iteration is never handed out twice.
 */
function cacheStatements(sqlite: Database.Database, max = 1000): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const hit = cache.get(source);
    if (hit && !hit.busy) {
      // drizzle switches statements to raw (array) rows for its selects; a fresh user expects the default.
      if (hit.reader) hit.raw(false);
      return hit;
    }
    const stmt = prepare(source);
    if (cache.size >= max) cache.delete(cache.keys().next().value as string);
    cache.set(source, stmt);
    return stmt;
  }) as typeof sqlite.prepare;
}

/**
 * A drizzle query built once per database and kept: turning a query builder into SQL text cost more than
 * running the query on an indexed table (bench/RESULTS.md), and the session lookups run on every request.
 * @example const byId = preparedQuery((db) => db.select().from(t).where(eq(t.id, sql.placeholder("id"))).prepare());
 */
export function preparedQuery<Q>(build: (db: Db) => Q): (db: Db) => Q {
  const built = new WeakMap<Db, Q>();
  return (db) => {
    let query = built.get(db);
    if (!query) {
      query = build(db);
      built.set(db, query);
    }
    return query;
  };
}

/** A write transaction that takes the lock at once, so concurrent writers queue instead of failing. */
export function writeTx<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}

/**
 * Like writeTx, but an error of class `refusal` thrown inside rolls back and is returned instead of thrown,
 * so a route can stop halfway with a clear answer and nothing written.
 */
export function writeTxOr<T, E extends Error>(db: Db, fn: () => T, refusal?: new (...args: never[]) => E): T | E {
  try {
    return writeTx(db, fn);
  } catch (err) {
    if (refusal && err instanceof refusal) return err;
    throw err;
  }
}
