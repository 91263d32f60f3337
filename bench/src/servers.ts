// Starts and stops the processes under test: the BFF in production mode and the bare node:http ceiling.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { BENCH_SECRET_KEY } from "./dataset";

export const root = path.resolve(import.meta.dirname, "../..");
/** The production build of the SPA that `npm run bench` makes for itself. */
export const webDist = path.join(root, "bench/tmp/web");

export interface Server {
  port: number;
  pid: number;
  stop(): Promise<void>;
}

function waitListening(child: ChildProcess, name: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("listening")) {
        clearTimeout(timer);
        // From here the request log (a line per request, as in production) is drained, not kept.
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited early (${code}):\n${out}`));
    });
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill("SIGKILL"), 5000);
      child.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill("SIGTERM");
    });
}

/**
 * The BFF from its production build (build-bff.ts), with NODE_ENV=production and no demo: on the SQLite
 * file in `dataDir`, or with `postgres` on that database (then `dataDir` is the process's own data folder,
 * without a database, as on each of several servers) with the server key the copied data folder had.
 */
export async function startBff(
  dataDir: string,
  port: number,
  opts: { cpuProfDir?: string | undefined; postgres?: { databaseUrl: string; secretKey: string } | undefined } = {},
): Promise<Server> {
  // BENCH_BFF names another build (an older commit's, for a before-and-after).
  const args = [process.env.BENCH_BFF ?? path.join(root, "bff/dist/server.mjs")];
  if (opts.cpuProfDir) args.unshift("--cpu-prof", `--cpu-prof-dir=${opts.cpuProfDir}`);
  const child = spawn(process.execPath, args, {
    cwd: path.join(root, "bff"),
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      WEB_DIST: webDist,
      PORTAAL_SECRET_KEY: opts.postgres?.secretKey ?? BENCH_SECRET_KEY,
      ...(opts.postgres ? { DATABASE_URL: opts.postgres.databaseUrl } : {}),
      // Production needs a mail server; the bench sends no mail that must arrive (a closed loopback port).
      SMTP_URL: "smtp://127.0.0.1:9",
    },
  });
  await waitListening(child, "the BFF", 60_000);
  return { port, pid: child.pid as number, stop: stopper(child) };
}

export async function startCeiling(port: number): Promise<Server> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, "ceiling-server.mjs"), String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  await waitListening(child, "the ceiling server", 10_000);
  return { port, pid: child.pid as number, stop: stopper(child) };
}

/** Hono with the BFF's header middleware and nothing else: where the stack alone stands against the ceiling. */
export async function startFloor(port: number): Promise<Server> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "floor-server.ts"), String(port)], {
    cwd: path.join(root, "bench"),
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  await waitListening(child, "the framework floor server", 30_000);
  return { port, pid: child.pid as number, stop: stopper(child) };
}

/** Peak resident memory of a live process (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}
