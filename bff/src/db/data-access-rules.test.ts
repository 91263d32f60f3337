// The rules that let one set of repository functions serve SQLite and PostgreSQL, checked over the source:
// a break would pass every SQLite test and fail only on PostgreSQL (or only under concurrency).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "..");

/** The portal's own source files (tests and test support apart), relative to src/. */
function sourceFiles(): string[] {
  return (fs.readdirSync(SRC, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.startsWith("test-support"))
    .map((f) => f.split(path.sep).join("/"))
    .sort();
}

const read = (f: string) => fs.readFileSync(path.join(SRC, f), "utf8");

/**
 * The files that open a SQLite file with better-sqlite3 itself, each for a reason only SQLite has: the
 * handle behind Db, the data-folder lock, the file backup, the folder check, the copy's source and the
 * offline audit check. Everything else goes through Db and works on both databases.
 */
const RAW_SQLITE = [
  "admin/migrate-to-postgres.ts",
  "audit/verify-cli.ts",
  "backup/backup.ts",
  "db/client.ts",
  "db/instance-lock.ts",
  "resilience/check-folder.ts",
];

describe("one data layer for both databases", () => {
  const files = sourceFiles();

  it("finds the source (the rules below check something)", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain("db/accounts.ts");
  });

  it("opens better-sqlite3 only where SQLite itself is the point", () => {
    const opening = files.filter((f) => /from "better-sqlite3"|from "drizzle-orm\/better-sqlite3"/.test(read(f)));
    expect(opening).toEqual(RAW_SQLITE);
  });

  it("runs every transaction through writeTx (db/client.ts), not a driver's own transaction()", () => {
    const offenders = files.filter((f) => f !== "db/client.ts" && /\.transaction\s*\(/.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it("awaits query builders instead of the synchronous .get() / .all() / .run() that PostgreSQL's builders lack", () => {
    const offenders: string[] = [];
    for (const f of files) {
      if (RAW_SQLITE.includes(f)) continue;
      read(f)
        .split("\n")
        .forEach((line, i) => {
          // $raw.get/all/run take SQL and parameters; a builder's synchronous call takes none.
          if (/\.(get|all|run)\(\)/.test(line) && !/\$raw\./.test(line)) offenders.push(`${f}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });

  it("takes tables from db/tables.ts (the process's dialect), not from one dialect's schema", () => {
    const offenders = files.filter(
      (f) =>
        !["db/tables.ts", "db/client.ts", "audit/verify-cli.ts"].includes(f) &&
        /import (?!type)[^;]*from "(\.\.?\/)*(db\/)?schema(-pg)?"/.test(read(f)),
    );
    expect(offenders).toEqual([]);
  });
});
