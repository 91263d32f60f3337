// `npm run audit:verify [checkpoint files...]`: checks the audit log in DATA_DIR (or, with DATABASE_URL, in
// that PostgreSQL database), read-only: the keyed hash chain, no gaps in the numbering, and every signed
// checkpoint (the data folder's checkpoint file, plus any files given, e.g. checkpoint lines taken from the
// portal's log output). Exit code 0 when intact, 1 when it breaks (each break printed), 2 when there is no
// database or no server key to check with.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import pg from "pg";
import { loadConfig } from "../config";
import type { Db } from "../db/client";
import * as pgSchema from "../db/schema-pg";
import * as schema from "../db/tables";
import { deriveAuditKeys, readServerKey } from "./keys";
import { type ChainBreak, checkAuditLogOf } from "./verify";

// npm runs scripts from the package folder; a relative path means the folder the command was typed in.
const typedIn = process.env.INIT_CWD ?? process.cwd();
const dataDir = process.env.DATA_DIR ? path.resolve(typedIn, process.env.DATA_DIR) : undefined;
const config = loadConfig({ ...process.env, ...(dataDir ? { DATA_DIR: dataDir } : {}) });
const file = path.join(config.dataDir, "portaal.db");
if (!config.databaseUrl && !fs.existsSync(file)) {
  console.error(`audit:verify: no database at ${file} (set DATA_DIR, or DATABASE_URL for PostgreSQL)`);
  process.exit(2);
}
const serverKey = readServerKey(config.dataDir, config.secretKey);
if (!serverKey) {
  console.error(`audit:verify: no server key (set PORTAAL_SECRET_KEY as the portal has it, or keep secret.key in ${config.dataDir})`);
  process.exit(2);
}
const extra = process.argv.slice(2).map((f) => fs.readFileSync(path.resolve(typedIn, f), "utf8"));
const keys = deriveAuditKeys(serverKey);
// Only reads: no migrations are applied (the portal's own opening of the database would), nothing is written.
let report: Awaited<ReturnType<typeof checkAuditLogOf>>;
let where: string;
if (config.databaseUrl) {
  const url = new URL(config.databaseUrl);
  // Never the password: the database's name and host only.
  where = `the PostgreSQL database ${url.pathname.slice(1)} on ${url.host}`;
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 1, connectionTimeoutMillis: 10_000 });
  pool.on("error", () => {});
  try {
    await pool.query("SELECT 1 FROM audit_log LIMIT 1");
  } catch (err) {
    console.error(`audit:verify: no database to read at ${where}: ${(err as Error).message}`);
    await pool.end();
    process.exit(2);
  }
  try {
    report = await checkAuditLogOf(drizzlePg(pool, { schema: pgSchema }) as unknown as Db, config.dataDir, keys, extra);
  } finally {
    await pool.end();
  }
} else {
  where = file;
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    // better-sqlite3's drizzle answers an awaited query as the portal's handle does.
    report = await checkAuditLogOf(drizzle(sqlite, { schema }) as unknown as Db, config.dataDir, keys, extra);
  } finally {
    sqlite.close();
  }
}

const WHAT: Record<ChainBreak["reason"], (b: ChainBreak) => string> = {
  content: () => "row content does not match its hash (altered, or hashed without the key)",
  link: (b) =>
    `does not follow the row before (removed or replaced)${b.missing ? `: seq ${b.missing[0]}${b.missing[1] > b.missing[0] ? `-${b.missing[1]}` : ""} missing` : ""}`,
  unkeyed: () => "the log has no keyed part (no valid audit.chain.keyed row): rebuilt without the key, or never opened by this version",
  checkpoint: (b) =>
    `the signed checkpoint of ${new Date(b.checkpointAt ?? 0).toISOString()} names this row with another hash, or a row the log no longer has (rows cut off the end or rebuilt)`,
};
const broken = report.breaks.length + report.problems.length;
if (broken === 0) {
  console.log(
    `audit:verify: chain intact, ${report.rows} rows checked (last seq ${report.lastSeq ?? "-"}, keyed from seq ${report.keyedFrom ?? "-"}, ` +
      `${report.checkpoints} checkpoint(s) match) in ${where}`,
  );
  process.exit(0);
}
for (const b of report.breaks) {
  const when = b.at === null ? "" : ` (${new Date(b.at).toISOString()}, ${b.action})`;
  console.log(`audit:verify: BROKEN at seq ${b.seq}${when}: ${WHAT[b.reason](b)}`);
}
for (const p of report.problems) console.log(`audit:verify: BROKEN: ${p}`);
console.log(`audit:verify: ${broken} break(s) in ${report.rows} rows of ${where}`);
process.exit(1);
