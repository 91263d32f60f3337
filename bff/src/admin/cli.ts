// `npm run admin -- …`: the operator's command line (see admin/commands.ts and the README).
import { ServerKeyMismatch } from "../audit/checkpoints";
import { loadConfig } from "../config";
import { createDeps } from "../deps";
import { prepareCommand, UsageError } from "./commands";
import { MigrationRefused, migrateToPostgres } from "./migrate-to-postgres";

if (process.argv[2] === "migrate-to-postgres") {
  // Before createDeps: the target must stay empty until the copy (a portal start writes its first audit row).
  const config = loadConfig();
  if (!config.databaseUrl || process.argv.length > 3) {
    console.error("Usage: DATA_DIR=<SQLite data folder> DATABASE_URL=postgres://… npm run admin -- migrate-to-postgres");
    process.exit(2);
  }
  try {
    const report = await migrateToPostgres({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, secretKey: config.secretKey });
    for (const t of report.tables) console.log(`  ${t.name.padEnd(28)} ${t.rows}`);
    console.log(`Copied ${report.rows} rows in ${report.tables.length} tables; every table's count matches the source.`);
    console.log(
      `Audit chain checked on PostgreSQL: ${report.chainRows} rows, unbroken, ending on the source's last row (${report.lastSeq ?? "none"}).`,
    );
    console.log(`The SQLite data folder ${config.dataDir} was not changed.`);
    console.log("Next: start every portal process with this DATABASE_URL, the same PORTAAL_SECRET_KEY as this data folder's key");
    console.log(`(its secret.key, unless PORTAAL_SECRET_KEY was already set) and FILES_DIR pointing at a copy of ${config.filesDir}.`);
    process.exit(0);
  } catch (err) {
    if (err instanceof MigrationRefused) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

try {
  // Every argument is checked before the data folder is opened.
  const work = prepareCommand(process.argv.slice(2));
  const deps = await createDeps(loadConfig());
  try {
    for (const line of (await work(deps)).lines) console.log(line);
  } finally {
    await deps.db.$raw.close();
  }
} catch (err) {
  if (err instanceof UsageError) {
    console.error(err.message);
    process.exit(2);
  }
  if (err instanceof ServerKeyMismatch) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
