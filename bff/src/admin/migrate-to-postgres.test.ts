// `npm run admin -- migrate-to-postgres` as an operator runs it: a SQLite data folder the portal has run on,
// an empty PostgreSQL database, the command as a child process; then the portal on PostgreSQL with the copy.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPostgres, type TestPostgres } from "../test-support/postgres";
import { freePort, PortalClient, portRange, type ServerProcess, seedDemoFolder, startServer } from "../test-support/server-process";

const PORTS = portRange(3551, 3558);
const BFF_DIR = path.resolve(import.meta.dirname, "../..");

let postgres: TestPostgres;
let dataDir: string;
const dirs: string[] = [];
const servers: ServerProcess[] = [];

function admin(env: Record<string, string>, ...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const { TEST_DATABASE: _own, DATABASE_URL: _url, PORTAAL_SECRET_KEY: _key, ...inherited } = process.env;
    const child = spawn(process.execPath, ["--import", "tsx", "src/admin/cli.ts", ...args], {
      cwd: BFF_DIR,
      env: { ...inherited, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

/** Every file of the data folder with its SHA-256: what "changes nothing in the source" is checked against. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const full = path.join(dir, f);
    // SQLite's side files: the lock, and the shared-memory index and empty WAL that any reader of a WAL
    // database makes (asserted empty below: nothing was written).
    if (["portaal.lock", "portaal.db-shm", "portaal.db-wal"].includes(f) || !fs.statSync(full).isFile()) continue;
    out[f] = createHash("sha256").update(fs.readFileSync(full)).digest("hex");
  }
  return out;
}

async function pgCounts(url: string): Promise<Record<string, number>> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on("error", () => {});
  try {
    const tables = (
      await pool.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE '__drizzle%' ORDER BY table_name",
      )
    ).rows;
    const out: Record<string, number> = {};
    for (const t of tables) out[t.name] = Number((await pool.query(`SELECT count(*) AS n FROM "${t.name}"`)).rows[0].n);
    return out;
  } finally {
    await pool.end();
  }
}

function sqliteCounts(dir: string): Record<string, number> {
  const db = new Database(path.join(dir, "portaal.db"), { readonly: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name",
      )
      .all() as { name: string }[];
    return Object.fromEntries(tables.map((t) => [t.name, (db.prepare(`SELECT count(*) AS n FROM "${t.name}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  postgres = await startTestPostgres("portaal_copy");
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portaal-copy-src-"));
  dirs.push(dataDir);
  // The demo seeded and served once: the folder an operator has after running the portal on SQLite.
  await seedDemoFolder(dataDir, await freePort(PORTS));
}, 180_000);

afterAll(async () => {
  for (const s of servers) await s.kill();
  await postgres?.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe("npm run admin -- migrate-to-postgres", () => {
  it("copies every row into an empty database, checks counts and the audit chain, and leaves the source as it was", async () => {
    const before = fingerprint(dataDir);
    const counts = sqliteCounts(dataDir);
    const res = await admin({ DATA_DIR: dataDir, DATABASE_URL: postgres.url }, "migrate-to-postgres");
    expect(res.code, res.out).toBe(0);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(res.out).toContain(`Copied ${total} rows in ${Object.keys(counts).length} tables`);
    expect(res.out).toMatch(/Audit chain checked on PostgreSQL: \d+ rows, unbroken/);
    expect(await pgCounts(postgres.url)).toEqual(counts);
    expect(counts.audit_log).toBeGreaterThan(0);
    expect(counts.accounts).toBeGreaterThan(10);
    expect(fingerprint(dataDir)).toEqual(before);
    const wal = path.join(dataDir, "portaal.db-wal");
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);
  });

  it("refuses a database that is not empty, and changes nothing there", async () => {
    const counts = await pgCounts(postgres.url);
    const res = await admin({ DATA_DIR: dataDir, DATABASE_URL: postgres.url }, "migrate-to-postgres");
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/The PostgreSQL database is not empty: table \w+ has \d+ row\(s\)/);
    expect(await pgCounts(postgres.url)).toEqual(counts);
  });

  it("refuses while a portal runs on the folder, and without a database URL", async () => {
    const running = await startServer({ dataDir, port: await freePort(PORTS), demo: true });
    servers.push(running);
    const empty = await postgres.createDatabase("portaal_copy_busy");
    const busy = await admin({ DATA_DIR: dataDir, DATABASE_URL: empty }, "migrate-to-postgres");
    await running.stop();
    expect(busy.code).toBe(1);
    expect(busy.out).toContain("A portal process is running on");
    expect(Object.values(await pgCounts(empty)).every((n) => n === 0)).toBe(true);
    const noUrl = await admin({ DATA_DIR: dataDir }, "migrate-to-postgres");
    expect(noUrl.code).toBe(2);
    expect(noUrl.out).toContain("Usage: DATA_DIR=<SQLite data folder> DATABASE_URL=postgres://");
  });

  it("serves the copy: the portal on PostgreSQL, with the folder's key and files, lets people log in", async () => {
    const key = fs.readFileSync(path.join(dataDir, "secret.key"), "utf8").trim();
    const processDir = fs.mkdtempSync(path.join(os.tmpdir(), "portaal-copy-proc-"));
    dirs.push(processDir);
    const server = await startServer({
      dataDir: processDir,
      port: await freePort(PORTS),
      env: { DATABASE_URL: postgres.url, PORTAAL_SECRET_KEY: key, FILES_DIR: path.join(dataDir, "files") },
    });
    servers.push(server);
    const client = new PortalClient(server.port, "localhost");
    // A password and a TOTP code: the authenticator key was encrypted with the folder's key and still opens.
    await client.login("secretariaat@hetbaken.example");
    const me = await client.request<{ user: { email: string } }>("GET", "/api/me");
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe("secretariaat@hetbaken.example");
    const ready = await client.request("GET", "/api/ready");
    expect(ready.status).toBe(200);
    await server.stop();
  });
});
