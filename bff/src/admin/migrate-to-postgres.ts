// `npm run admin -- migrate-to-postgres`: copies a SQLite data folder (DATA_DIR) into an empty PostgreSQL
// database (DATABASE_URL), then checks that every table has as many rows as the source and that the audit
// chain is whole and ends on the source's last row. The source is opened read-only and never changed.
// Everything is copied in one PostgreSQL transaction: a failure halfway leaves the target as empty as it was.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { deriveAuditKeys, readServerKey } from "../audit/keys";
import { checkAuditChainInChunks } from "../audit/verify";
import { migrationsFolder, openPostgres } from "../db/client";
import { lockDataDir } from "../db/instance-lock";

export class MigrationRefused extends Error {}

export interface MigrationReport {
  tables: { name: string; rows: number }[];
  rows: number;
  chainRows: number;
  lastSeq: number | null;
}

const BATCH_PARAMS = 30_000; // below PostgreSQL's 65,535 parameters per statement

/** Tables in an order that inserts every referenced row before the rows that refer to it. */
async function insertOrder(client: pg.PoolClient): Promise<string[]> {
  const tables = (
    await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
    )
  ).rows.map((r) => r.name);
  const refs = (
    await client.query<{ child: string; parent: string }>(
      `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE c.contype = 'f' AND n.nspname = 'public'`,
    )
  ).rows;
  const strip = (t: string) => t.replace(/^"|"$/g, "");
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const r of refs) if (strip(r.child) !== strip(r.parent)) parents.get(strip(r.child))?.add(strip(r.parent));
  const done: string[] = [];
  const visit = (t: string, seen: Set<string>) => {
    if (done.includes(t) || seen.has(t)) return;
    seen.add(t);
    for (const p of parents.get(t) ?? []) visit(p, seen);
    done.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return done;
}

export async function migrateToPostgres(opts: {
  dataDir: string;
  databaseUrl: string;
  secretKey: string | null;
}): Promise<MigrationReport> {
  const file = path.join(opts.dataDir, "portaal.db");
  if (!fs.existsSync(file))
    throw new MigrationRefused(`There is no SQLite database in ${opts.dataDir} (portaal.db): set DATA_DIR to the data folder to copy.`);
  const key = readServerKey(opts.dataDir, opts.secretKey);
  if (!key) throw new MigrationRefused(`There is no server key: neither PORTAAL_SECRET_KEY nor ${path.join(opts.dataDir, "secret.key")}.`);
  // A portal still running on the folder would go on writing where the copy no longer looks.
  const lock = lockDataDir(opts.dataDir);
  if (!lock)
    throw new MigrationRefused(`A portal process is running on ${opts.dataDir}: stop it first, or what it writes after the copy is lost.`);
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as { entries: unknown[] };
    const applied = (source.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }).n;
    if (applied !== journal.entries.length)
      throw new MigrationRefused(
        `The SQLite database has ${applied} of ${journal.entries.length} migrations: start this version of the portal on it once (npm run serve), stop it, then copy.`,
      );

    // The target gets the schema first (migrations, as a portal process would), then must hold no rows.
    const target = await openPostgres(opts.databaseUrl, { max: 2 });
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 1 });
    pool.on("error", () => {});
    const client = await pool.connect();
    const report: MigrationReport = { tables: [], rows: 0, chainRows: 0, lastSeq: null };
    try {
      const order = await insertOrder(client);
      for (const t of order) {
        const n = Number((await client.query(`SELECT count(*) AS n FROM "${t}"`)).rows[0].n);
        if (n > 0)
          throw new MigrationRefused(`The PostgreSQL database is not empty: table ${t} has ${n} row(s). Copy into an empty database.`);
      }
      await client.query("BEGIN");
      try {
        for (const t of order) {
          const columns = (
            await client.query<{ name: string; type: string }>(
              "SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
              [t],
            )
          ).rows;
          // Streamed in batches: a large organization's audit log and shares do not fit in memory at once.
          const read = source
            .prepare(`SELECT ${columns.map((c) => `"${c.name}"`).join(", ")} FROM "${t}" ORDER BY rowid`)
            .raw(true)
            .iterate() as IterableIterator<unknown[]>;
          const perBatch = Math.max(1, Math.floor(BATCH_PARAMS / columns.length));
          const insertBatch = async (batch: unknown[][]) => {
            const values: unknown[] = [];
            const tuples = batch.map((row) => {
              const cells = columns.map((c, j) => {
                const v = row[j];
                values.push(c.type === "boolean" && v !== null ? v === 1 || v === true : typeof v === "bigint" ? Number(v) : v);
                return `$${values.length}`;
              });
              return `(${cells.join(", ")})`;
            });
            await client.query(`INSERT INTO "${t}" (${columns.map((c) => `"${c.name}"`).join(", ")}) VALUES ${tuples.join(", ")}`, values);
          };
          let readRows = 0;
          let batch: unknown[][] = [];
          for (const row of read) {
            batch.push(row);
            readRows++;
            if (batch.length === perBatch) {
              await insertBatch(batch);
              batch = [];
            }
          }
          if (batch.length > 0) await insertBatch(batch);
          const copied = Number((await client.query(`SELECT count(*) AS n FROM "${t}"`)).rows[0].n);
          if (copied !== readRows) throw new Error(`table ${t}: ${readRows} rows read, ${copied} in PostgreSQL`);
          report.tables.push({ name: t, rows: copied });
          report.rows += copied;
        }
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw err;
      }

      // The audit chain, checked on the copy with the server's keys, must end on the source's last row.
      // In chunks: a large log is never in memory at once.
      const chainReport = await checkAuditChainInChunks(target, deriveAuditKeys(key), [], 10_000);
      if (chainReport.breaks.length > 0)
        throw new Error(`the audit chain on PostgreSQL breaks at row ${chainReport.breaks[0]?.seq}: ${chainReport.breaks[0]?.reason}`);
      const last = source.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").get() as
        | { seq: number; hash: string }
        | undefined;
      const lastCopied = (await client.query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")).rows[0] as
        | { seq: string; hash: string }
        | undefined;
      if ((last?.hash ?? null) !== (lastCopied?.hash ?? null))
        throw new Error("the last audit row on PostgreSQL is not the source's last row");
      report.chainRows = chainReport.rows;
      report.lastSeq = chainReport.lastSeq;
      return report;
    } finally {
      client.release();
      await pool.end();
      await target.$raw.close();
    }
  } finally {
    source.close();
    lock.release();
  }
}
