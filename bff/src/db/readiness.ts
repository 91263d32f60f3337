// Readiness (GET /api/ready): the database is open and writable and every migration is applied.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "./client";
import { migrationsFolder } from "./client";

export interface Readiness {
  ready: boolean;
  checks: { database: boolean; writable: boolean; migrations: boolean };
}

/** drizzle records each applied migration with its journal time; the newest must be there. */
function newestMigration(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((e) => e.when));
}

export function readiness(db: Db): Readiness {
  const checks = { database: false, writable: false, migrations: false };
  try {
    checks.database = db.$client.open;
    // Taking the write lock and letting go proves the file, the folder and the journal take writes.
    db.$client.exec("BEGIN IMMEDIATE; ROLLBACK");
    checks.writable = !db.$client.readonly;
    const applied = (db.$client.prepare("SELECT max(created_at) AS at FROM __drizzle_migrations").get() as { at: number | null }).at;
    checks.migrations = applied !== null && applied >= newestMigration();
  } catch {
    // A failing check stays false: not ready.
  }
  return { ready: checks.database && checks.writable && checks.migrations, checks };
}
