// `npm run bench`: generates a large organization, loads the BFF against a bare node:http ceiling, measures the SPA.
// `--db postgres` measures the BFF on PostgreSQL instead (the dataset copied there by migrate-to-postgres),
// `--db both` on SQLite and then on PostgreSQL in one run, so that their ratios are comparable.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildBff } from "./build-bff";
import { type BenchSession, type Dataset, generateDataset } from "./dataset";
import { durableCommitsPerSecond } from "./disk";
import { ENDPOINTS, type LoadResult, loadCeiling, loadEndpoint, loadLogin } from "./load";
import { type BenchPostgres, type CopyFigures, copyToPostgres, freshenSessions, pgCommitsPerSecond, startBenchPostgres } from "./postgres";
import { peakRssMb, root, type Server, startBff, startCeiling, startFloor, webDist } from "./servers";
import { measureSpa } from "./spa";
import { vendorFloorKb } from "./vendor-floor";

const args = process.argv.slice(2).filter((a) => a !== "--");
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const USAGE = "usage: npm run bench [-- --scale small] [--db sqlite|postgres|both] [--seconds N] [--cpu-prof]";
const scale = flag("--scale") ?? "default";
const dbArg = flag("--db") ?? "sqlite";
if ((scale !== "default" && scale !== "small") || (dbArg !== "sqlite" && dbArg !== "postgres" && dbArg !== "both")) {
  console.error(USAGE);
  process.exit(2);
}
type DbName = "sqlite" | "postgres";
const DBS: DbName[] = dbArg === "both" ? ["sqlite", "postgres"] : [dbArg];
const DB_LABEL: Record<DbName, string> = { sqlite: "SQLite", postgres: "PostgreSQL" };
const small = scale === "small";
const BASE_CLIENTS = 1_000;
const CLIENTS = small ? BASE_CLIENTS : 20_000;
const SECONDS = Number(flag("--seconds") ?? (small ? 3 : 5));
const WARMUP_SECONDS = 2;
/** Ceiling and endpoint take turns this often; the best run of each counts (other work on the machine only slows a run down). */
const ROUNDS = 3;
const best = (rs: LoadResult[]) => rs.reduce((a, b) => (b.rps > a.rps ? b : a));
const CONNECTIONS = 32;
const LOGINS = small ? 100 : 250;
const PORT = 3200 + Math.floor(Math.random() * 40) * 2;
const cpuProf = args.includes("--cpu-prof");

const TARGETS = { readRatio: 0.4, readP99: 25, postRatio: 0.2, scaleRatio: 1.5, rssMb: 300, loginJs: 100, homeJs: 200, lcpMs: 1500 };

function log(msg: string) {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);
}

async function sample(port: number, s: BenchSession, ep: (typeof ENDPOINTS)[number]): Promise<number> {
  const origin = `http://127.0.0.1:${port}`;
  const res = await fetch(origin + ep.path(s), {
    method: ep.method,
    // The SPA's own request; not an Origin: in production the BFF expects its https origin, reached here over http.
    headers: { cookie: `__Host-portaal_sessie=${s.token}`, "sec-fetch-site": "same-origin", "content-type": "application/json" },
    ...(ep.body ? { body: ep.body() } : {}),
  });
  const body = await res.arrayBuffer();
  if (!res.ok) throw new Error(`${ep.name} answered ${res.status}: ${Buffer.from(body).toString().slice(0, 300)}`);
  return body.byteLength;
}

async function withDataset(clients: number, sessions: number): Promise<Dataset> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `portaal-bench-${clients}-`));
  log(`generating ${clients.toLocaleString("en")} clients in ${dir}`);
  const d = await generateDataset(dir, { clients, sessions, logins: LOGINS + 20 });
  log(
    `  done in ${d.seconds.toFixed(1)} s: ${Object.entries(d.counts)
      .filter(([, n]) => n > 1)
      .map(([t, n]) => `${t} ${n.toLocaleString("en")}`)
      .join(", ")}`,
  );
  return d;
}

type EndpointFigures = LoadResult & { name: string; body_bytes: number; ceiling_rps: number; ratio_to_ceiling: number };
type OverviewScale = { base_mean_ms: number; full_mean_ms: number; base_rps: number; full_rps: number; ratio: number };
type LoginFigures = Awaited<ReturnType<typeof loadLogin>>;
/** What is measured once per database. */
interface DbFigures {
  endpoints: EndpointFigures[];
  login: LoginFigures;
  overviewScale: OverviewScale | null;
  rss: number;
}

const started = Date.now();
const servers: Server[] = [];
const dirs: string[] = [];
let pgServer: BenchPostgres | undefined;
async function cleanup() {
  for (const s of servers) await s.stop();
  servers.length = 0;
  await pgServer?.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
}
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

try {
  if (!fs.existsSync(path.join(webDist, "index.html"))) throw new Error(`${webDist} is missing: npm run bench builds it first.`);
  if (process.env.BENCH_BFF) log(`the BFF of ${process.env.BENCH_BFF} (BENCH_BFF)`);
  else log(`building the BFF: ${path.relative(root, await buildBff())}`);
  const big = await withDataset(CLIENTS, small ? 500 : 2_000);
  dirs.push(big.dataDir);
  const base = small ? null : await withDataset(BASE_CLIENTS, 500);
  if (base) dirs.push(base.dataDir);

  // PostgreSQL gets a copy of the dataset before anything is measured, so both databases start from the same rows.
  let pg: {
    url: string;
    baseUrl: string | null;
    copy: CopyFigures;
    baseCopy: CopyFigures | null;
    copiedAt: number;
    secretKey: string;
    facts: Record<string, string>;
  } | null = null;
  if (DBS.includes("postgres")) {
    // The copy refuses a log the portal never started on (its audit chain is keyed at the first start), as it
    // would an operator's: start the BFF on each SQLite folder once, as migrate-to-postgres asks.
    for (const d of base ? [big, base] : [big]) {
      const once = await startBff(d.dataDir, PORT);
      await once.stop();
    }
    pgServer = await startBenchPostgres();
    const facts = await pgServer.facts();
    log(
      `PostgreSQL ${facts.server_version} on 127.0.0.1:${pgServer.port} (fsync=${facts.fsync}, synchronous_commit=${facts.synchronous_commit}, shared_buffers=${facts.shared_buffers})`,
    );
    const url = await pgServer.createDatabase("portaal_bench");
    log("copying the dataset into PostgreSQL (npm run admin -- migrate-to-postgres)");
    const copy = await copyToPostgres(big.dataDir, url);
    log(`  copied ${copy.rows.toLocaleString("en")} rows in ${copy.tables} tables in ${copy.seconds} s (peak RSS ${copy.peak_rss_mb} MB)`);
    let baseUrl: string | null = null;
    let baseCopy: CopyFigures | null = null;
    if (base) {
      baseUrl = await pgServer.createDatabase("portaal_bench_base");
      baseCopy = await copyToPostgres(base.dataDir, baseUrl);
      log(
        `  and the ${BASE_CLIENTS.toLocaleString("en")}-client dataset: ${baseCopy.rows.toLocaleString("en")} rows in ${baseCopy.seconds} s`,
      );
    }
    // The key an operator's processes get: the copied folder's secret.key.
    const secretKey = fs.readFileSync(path.join(big.dataDir, "secret.key"), "utf8").trim();
    pg = { url, baseUrl, copy, baseCopy, copiedAt: Date.now(), secretKey, facts };
  }

  const ceiling = await startCeiling(PORT + 1);
  servers.push(ceiling);
  const profDir = cpuProf ? fs.mkdtempSync(path.join(os.tmpdir(), "portaal-bench-prof-")) : undefined;
  const load = { connections: CONNECTIONS, seconds: SECONDS };

  // Measured once, with the first database's BFF: they do not depend on the database.
  let floor: (LoadResult & { ceiling_rps: number; ratio_to_ceiling: number }) | undefined;
  let disk: { full: number; normal: number } | undefined;
  let spa: Awaited<ReturnType<typeof measureSpa>> | undefined;
  let vendorFloor = 0;
  let pgCommits: number | null = null;

  /** Starts the BFF on one database (and on the 1,000-client one for the overview's scaling), measures, stops them. */
  async function measure(db: DbName, first: boolean): Promise<DbFigures> {
    log(`--- the BFF on ${DB_LABEL[db]} ---`);
    const onPg = (url: string | null) => {
      if (!pg || !url) throw new Error("PostgreSQL was not prepared");
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portaal-bench-pg-data-"));
      dirs.push(dataDir);
      return { dataDir, postgres: { databaseUrl: url, secretKey: pg.secretKey } };
    };
    if (db === "postgres" && pg) {
      await freshenSessions(pg.url, Date.now() - pg.copiedAt);
      if (pg.baseUrl) await freshenSessions(pg.baseUrl, Date.now() - pg.copiedAt);
    }
    const target = db === "sqlite" ? { dataDir: big.dataDir, postgres: undefined } : onPg(pg?.url ?? null);
    const bff = await startBff(target.dataDir, PORT, { cpuProfDir: profDir, postgres: target.postgres });
    servers.push(bff);
    log(`BFF (NODE_ENV=production, ${DB_LABEL[db]}) on 127.0.0.1:${bff.port}, pid ${bff.pid}; ceiling on :${ceiling.port}`);

    // 1 and 2: every endpoint, taking turns with the ceiling answering a body of the same size.
    const endpoints: EndpointFigures[] = [];
    for (const ep of ENDPOINTS) {
      const size = await sample(bff.port, big.sessions[0] as BenchSession, ep);
      await loadCeiling(ceiling.port, size, ep.method, { connections: CONNECTIONS, seconds: WARMUP_SECONDS });
      await loadEndpoint(bff.port, ep, big.sessions, { connections: CONNECTIONS, seconds: WARMUP_SECONDS });
      const cs: LoadResult[] = [];
      const rs: LoadResult[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        cs.push(await loadCeiling(ceiling.port, size, ep.method, load));
        rs.push(await loadEndpoint(bff.port, ep, big.sessions, load));
      }
      const c = best(cs);
      const r = { ...best(rs), non2xx: rs.reduce((n, x) => n + x.non2xx, 0), errors: rs.reduce((n, x) => n + x.errors, 0) };
      const ratio = Math.round((r.rps / c.rps) * 1000) / 1000;
      endpoints.push({ name: ep.name, body_bytes: size, ...r, ceiling_rps: c.rps, ratio_to_ceiling: ratio });
      log(
        `${ep.name.padEnd(16)} ${String(r.rps).padStart(6)} req/s  p50 ${r.p50_ms} ms  p99 ${r.p99_ms} ms  ceiling ${c.rps} req/s (${size} B)  ratio ${ratio}${r.non2xx || r.errors ? `  ERRORS non2xx=${r.non2xx} errors=${r.errors}` : ""}`,
      );
    }

    // For the explanation of the ratios: the stack without any work of the portal, and the disk's commit rate.
    if (first) {
      const floorServer = await startFloor(PORT + 3);
      const meSize = endpoints[0]?.body_bytes ?? 900;
      await loadCeiling(floorServer.port, meSize, "GET", { connections: CONNECTIONS, seconds: WARMUP_SECONDS });
      const floorRuns: LoadResult[] = [];
      const ceilingRuns: LoadResult[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        floorRuns.push(await loadCeiling(floorServer.port, meSize, "GET", load));
        ceilingRuns.push(await loadCeiling(ceiling.port, meSize, "GET", load));
      }
      const floorRun = best(floorRuns);
      const ceilingAgain = best(ceilingRuns);
      await floorServer.stop();
      floor = { ...floorRun, ceiling_rps: ceilingAgain.rps, ratio_to_ceiling: Math.round((floorRun.rps / ceilingAgain.rps) * 1000) / 1000 };
      log(
        `framework floor (Hono + the BFF's headers, no work): ${floor.rps} req/s, ceiling ${ceilingAgain.rps}: ratio ${floor.ratio_to_ceiling}`,
      );
      disk = durableCommitsPerSecond();
      log(`disk: ${disk.full} durable commits/s (synchronous=FULL), ${disk.normal}/s with NORMAL`);
    }
    if (db === "postgres" && pgServer) {
      pgCommits = await pgCommitsPerSecond(await pgServer.createDatabase("bench_commits"));
      log(`PostgreSQL: ${pgCommits} durable commits/s (one connection, single-row INSERTs, fsync on)`);
    }

    // 3: logins, bounded by count (the per-IP limit applies to loopback too).
    const login = await loadLogin(bff.port, big.loginEmails.slice(0, LOGINS), 8);
    log(
      `login: ${login.logins} in a row at 8 connections, ${login.per_s}/s, p50 ${login.p50_ms} ms, p99 ${login.p99_ms} ms, failed ${login.failed}`,
    );

    // 4: the overview at 1,000 clients against the full scale, alternated so noise hits both alike.
    const overviewEp = ENDPOINTS.find((e) => e.name === "Home overview") as (typeof ENDPOINTS)[number];
    let overviewScale: OverviewScale | null = null;
    if (base) {
      const baseTarget = db === "sqlite" ? { dataDir: base.dataDir, postgres: undefined } : onPg(pg?.baseUrl ?? null);
      const baseBff = await startBff(baseTarget.dataDir, PORT + 2, { postgres: baseTarget.postgres });
      servers.push(baseBff);
      const runs: { base: LoadResult[]; full: LoadResult[] } = { base: [], full: [] };
      await loadEndpoint(baseBff.port, overviewEp, base.sessions, { connections: CONNECTIONS, seconds: WARMUP_SECONDS });
      // As many distinct people on both, spread over all clients.
      const fullSessions = big.sessions.filter((_, i) => i % Math.round(big.sessions.length / base.sessions.length) === 0);
      for (let i = 0; i < ROUNDS; i++) {
        runs.base.push(await loadEndpoint(baseBff.port, overviewEp, base.sessions, load));
        runs.full.push(await loadEndpoint(bff.port, overviewEp, fullSessions, load));
      }
      await baseBff.stop();
      const fastest = (rs: LoadResult[]) => rs.reduce((a, b) => (b.mean_ms < a.mean_ms ? b : a));
      const b = fastest(runs.base);
      const f = fastest(runs.full);
      overviewScale = {
        base_mean_ms: b.mean_ms,
        full_mean_ms: f.mean_ms,
        base_rps: b.rps,
        full_rps: f.rps,
        ratio: Math.round((f.mean_ms / b.mean_ms) * 100) / 100,
      };
      log(
        `overview at ${BASE_CLIENTS} clients ${b.mean_ms} ms mean, at ${CLIENTS} clients ${f.mean_ms} ms mean: ratio ${overviewScale.ratio}`,
      );
    }

    // 5: the BFF's peak resident memory over everything above.
    const rss = peakRssMb(bff.pid);
    log(`BFF peak RSS ${rss} MB`);

    // 6: the SPA.
    if (first) {
      spa = await measureSpa(bff.port, big.sessions[1] as BenchSession, 3);
      vendorFloor = await vendorFloorKb();
      log(`SPA vendor floor (React, react-router, react-query, i18next and nothing else): ${vendorFloor} KB JS gz`);
      log(
        `SPA login: ${spa.login.js_gz_kb} KB JS gz, LCP ${spa.login.lcp_ms} ms; Home: ${spa.home.js_gz_kb} KB JS gz, LCP ${spa.home.lcp_ms} ms`,
      );
    }
    await bff.stop();
    return { endpoints, login, overviewScale, rss };
  }

  const measured: Partial<Record<DbName, DbFigures>> = {};
  for (const db of DBS) measured[db] = await measure(db, db === DBS[0]);
  await cleanup();
  if (profDir) log(`CPU profile of the BFF in ${profDir}`);
  if (!floor || !disk || !spa) throw new Error("the shared measurements did not run");

  const lite = measured.sqlite;
  const post = measured.postgres;
  // The figures of one database, in the fields results.json has always had for SQLite.
  const figuresOf = (f: DbFigures) => ({
    ceiling_rps: f.endpoints[0]?.ceiling_rps ?? 0,
    endpoints: f.endpoints,
    login_per_s: f.login.per_s,
    login_p99_ms: f.login.p99_ms,
    login: f.login,
    overview_scale_ratio: f.overviewScale?.ratio ?? null,
    overview_scale: f.overviewScale,
    peak_rss_mb: f.rss,
  });
  // SQLite's figures stay at the top level, where they always were (absent in a PostgreSQL-only run);
  // PostgreSQL's are in `postgres`, in the same fields, with the copy and the server's settings.
  const results = {
    scale,
    generated_at: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu_model: os.cpus()[0]?.model ?? "?",
      mem_gb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    databases: DBS,
    dataset: { clients: big.clients, rows: big.counts, generate_s: big.seconds },
    load: { connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS, warmup_seconds: WARMUP_SECONDS, sessions: big.sessions.length },
    ...(lite ? figuresOf(lite) : {}),
    framework_floor: floor,
    disk_commits_per_s: disk,
    ...(post && pg
      ? {
          postgres: {
            ...figuresOf(post),
            server: pg.facts,
            commits_per_s: pgCommits,
            copy: { ...pg.copy, base: pg.baseCopy },
          },
        }
      : {}),
    spa: {
      measured_on: DBS[0],
      login_js_gz_kb: spa.login.js_gz_kb,
      home_js_gz_kb: spa.home.js_gz_kb,
      vendor_floor_js_gz_kb: vendorFloor,
      login_css_gz_kb: spa.login.css_gz_kb,
      home_css_gz_kb: spa.home.css_gz_kb,
      login_lcp_ms: spa.login.lcp_ms,
      home_lcp_ms: spa.home.lcp_ms,
      login_lcp_runs_ms: spa.login.lcp_runs_ms,
      home_lcp_runs_ms: spa.home.lcp_runs_ms,
      login_files: spa.login.files,
      home_files: spa.home.files,
    },
    duration_s: Math.round((Date.now() - started) / 1000),
  };
  fs.writeFileSync(path.join(root, "bench/results.json"), `${JSON.stringify(results, null, 2)}\n`);

  const ok = (b: boolean) => (b ? "met" : "MISSED");
  const printTable = (rows: string[][]) => {
    const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
    for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  "));
  };
  for (const db of DBS) {
    const f = measured[db] as DbFigures;
    const rows: string[][] = [["endpoint", "req/s", "p50 ms", "p99 ms", "ceiling req/s", "ratio", "target"]];
    for (const e of f.endpoints) {
      const isPost = e.name.startsWith("POST");
      const target = isPost
        ? `≥ ${TARGETS.postRatio}: ${ok(e.ratio_to_ceiling >= TARGETS.postRatio)}`
        : `≥ ${TARGETS.readRatio}, p99 ≤ ${TARGETS.readP99}: ${ok(e.ratio_to_ceiling >= TARGETS.readRatio && e.p99_ms <= TARGETS.readP99)}`;
      rows.push([e.name, String(e.rps), String(e.p50_ms), String(e.p99_ms), String(e.ceiling_rps), e.ratio_to_ceiling.toFixed(3), target]);
    }
    console.log(
      `\nResults on ${DB_LABEL[db]} (${scale} scale, ${CLIENTS.toLocaleString("en")} clients, ${CONNECTIONS} connections, best of ${ROUNDS} × ${SECONDS} s)\n`,
    );
    printTable(rows);
  }
  if (lite && post) {
    console.log("\nSQLite and PostgreSQL side by side (same run, same dataset)\n");
    const rows: string[][] = [
      ["endpoint", "SQLite req/s", "p99 ms", "ratio", "PostgreSQL req/s", "p99 ms", "ratio", "PostgreSQL ÷ SQLite"],
    ];
    for (const e of lite.endpoints) {
      const p = post.endpoints.find((x) => x.name === e.name);
      if (!p) continue;
      rows.push([
        e.name,
        String(e.rps),
        String(e.p99_ms),
        e.ratio_to_ceiling.toFixed(3),
        String(p.rps),
        String(p.p99_ms),
        p.ratio_to_ceiling.toFixed(3),
        `${(p.rps / e.rps).toFixed(2)}×`,
      ]);
    }
    printTable(rows);
  }
  const perDb = (label: string, value: (f: DbFigures) => string, target: (f: DbFigures) => string = () => ""): string[][] =>
    DBS.map((db) => [
      DBS.length > 1 ? `${label} (${DB_LABEL[db]})` : label,
      value(measured[db] as DbFigures),
      target(measured[db] as DbFigures),
    ]);
  const other: string[][] = [
    ["framework floor (no work)", `${floor.rps} req/s, ratio ${floor.ratio_to_ceiling}`, "reference"],
    ["durable commits (disk)", `${disk.full}/s FULL, ${disk.normal}/s NORMAL`, "reference"],
    ...(pg ? [["PostgreSQL commits", `${pgCommits}/s (fsync on, one connection)`, "reference"]] : []),
    ...(pg
      ? [
          [
            "copy into PostgreSQL",
            `${pg.copy.seconds} s, ${pg.copy.rows.toLocaleString("en")} rows, peak ${pg.copy.peak_rss_mb} MB`,
            "migrate-to-postgres",
          ],
        ]
      : []),
    ...perDb(
      "login (password + TOTP)",
      (f) => `${f.login.per_s}/s, p99 ${f.login.p99_ms} ms`,
      () => "reported",
    ),
    ...perDb(
      "overview 20k ÷ 1k clients",
      (f) =>
        f.overviewScale
          ? `${f.overviewScale.ratio}× (${f.overviewScale.base_mean_ms} → ${f.overviewScale.full_mean_ms} ms)`
          : "n/a at small scale",
      (f) => (f.overviewScale ? `≤ ${TARGETS.scaleRatio}: ${ok(f.overviewScale.ratio <= TARGETS.scaleRatio)}` : ""),
    ),
    ["SPA vendor floor (gz)", `${vendorFloor} KB`, "reference"],
    ...perDb(
      "BFF peak RSS",
      (f) => `${f.rss} MB`,
      (f) => `≤ ${TARGETS.rssMb}: ${ok(f.rss <= TARGETS.rssMb)}`,
    ),
    [
      "login page JS (gz)",
      `${spa.login.js_gz_kb} KB (+${spa.login.css_gz_kb} KB CSS)`,
      `≤ ${TARGETS.loginJs}: ${ok(spa.login.js_gz_kb <= TARGETS.loginJs)}`,
    ],
    [
      "Home JS (gz)",
      `${spa.home.js_gz_kb} KB (+${spa.home.css_gz_kb} KB CSS)`,
      `≤ ${TARGETS.homeJs}: ${ok(spa.home.js_gz_kb <= TARGETS.homeJs)}`,
    ],
    ["login page LCP (4× CPU)", `${spa.login.lcp_ms} ms`, `≤ ${TARGETS.lcpMs}: ${ok(spa.login.lcp_ms <= TARGETS.lcpMs)}`],
    ["Home LCP (4× CPU)", `${spa.home.lcp_ms} ms`, `≤ ${TARGETS.lcpMs}: ${ok(spa.home.lcp_ms <= TARGETS.lcpMs)}`],
  ];
  console.log("");
  const labelWidth = Math.max(26, ...other.map((r) => (r[0] ?? "").length + 2));
  for (const r of other) console.log(`${(r[0] ?? "").padEnd(labelWidth)}${(r[1] ?? "").padEnd(44)}${r[2]}`);
  console.log(`\nwritten to bench/results.json (${results.duration_s} s in all)`);
} catch (err) {
  console.error(err);
  await cleanup();
  process.exit(1);
}
