// Readiness (GET /api/ready): the database is open and writable and every migration is applied.
import fs from "node:fs";
import path from "node:path";
import { type Db, migrationsFolder, pgMigrationsFolder, writeTx } from "./client";

export interface Readiness {
  ready: boolean;
  checks: { database: boolean; writable: boolean; migrations: boolean };
}

/** drizzle records each applied migration with its journal time; the newest must be there. */
function newestMigration(folder: string): number {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta/_journal.json"), "utf8")) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((e) => e.when));
}

export async function readiness(db: Db): Promise<Readiness> {
  const checks = { database: false, writable: false, migrations: false };
  try {
    checks.database = db.$raw.isOpen();
    if (db.$dialect === "pg") {
      // A primary that takes writes (not a read-only standby after a failover).
      checks.writable =
        (await db.$raw.get<{ transaction_read_only: string }>("SHOW transaction_read_only"))?.transaction_read_only === "off";
      const applied = await db.$raw.get<{ at: string | null }>("SELECT max(created_at) AS at FROM drizzle.__drizzle_migrations");
      checks.migrations = applied?.at != null && Number(applied.at) >= newestMigration(pgMigrationsFolder);
    } else {
      // Taking the write lock and letting go proves the file, the folder and the journal take writes.
      await writeTx(db, async () => {});
      checks.writable = true;
      const applied = await db.$raw.get<{ at: number | null }>("SELECT max(created_at) AS at FROM __drizzle_migrations");
      checks.migrations = applied?.at != null && applied.at >= newestMigration(migrationsFolder);
    }
  } catch {
    // A failing check stays false: not ready.
  }
  return { ready: checks.database && checks.writable && checks.migrations, checks };
}
