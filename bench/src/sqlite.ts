// A plain better-sqlite3 handle, for bulk loading the dataset and for the disk reference: the BFF's Db
// (bff/src/db/client.ts) is asynchronous and hands out no synchronous access. better-sqlite3 is the BFF's
// dependency, not the bench's, so it is loaded from the BFF's folder; only what the bench uses is typed.
import { createRequire } from "node:module";
import path from "node:path";

export interface SqliteHandle {
  prepare(source: string): { run(...params: unknown[]): unknown };
  transaction<F extends (...args: never[]) => unknown>(fn: F): F & { immediate: F };
  pragma(source: string): unknown;
  exec(source: string): void;
  close(): void;
}

const fromBff = createRequire(path.resolve(import.meta.dirname, "../../bff/package.json"));

export function openRawSqlite(file: string): SqliteHandle {
  const Database = fromBff("better-sqlite3") as new (file: string) => SqliteHandle;
  return new Database(file);
}
