// `npm run audit:verify`: checks the hash chain of the audit log in DATA_DIR, read-only. Exit code 0 when
// intact, 1 when it breaks (each break printed), 2 when there is no database to check.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { loadConfig } from "../config";
import type { Db } from "../db/client";
import * as schema from "../db/schema";
import { checkAuditChain } from "./verify";

// npm runs scripts from the package folder; a relative DATA_DIR means the folder the command was typed in.
const typedIn = process.env.INIT_CWD ?? process.cwd();
const dataDir = process.env.DATA_DIR ? path.resolve(typedIn, process.env.DATA_DIR) : undefined;
const file = path.join(loadConfig({ ...process.env, ...(dataDir ? { DATA_DIR: dataDir } : {}) }).dataDir, "portaal.db");
if (!fs.existsSync(file)) {
  console.error(`audit:verify: no database at ${file} (set DATA_DIR)`);
  process.exit(2);
}
const sqlite = new Database(file, { readonly: true, fileMustExist: true });
const report = checkAuditChain(drizzle(sqlite, { schema }) as unknown as Db);
sqlite.close();

if (report.breaks.length === 0) {
  console.log(`audit:verify: chain intact, ${report.rows} rows checked (last seq ${report.lastSeq ?? "-"}) in ${file}`);
  process.exit(0);
}
for (const b of report.breaks) {
  const what =
    b.reason === "content" ? "row content does not match its hash (altered)" : "does not follow the row before (removed or replaced)";
  console.log(`audit:verify: BROKEN at seq ${b.seq} (${new Date(b.at).toISOString()}, ${b.action}): ${what}`);
}
console.log(`audit:verify: ${report.breaks.length} break(s) in ${report.rows} rows of ${file}`);
process.exit(1);
