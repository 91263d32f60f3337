#!/usr/bin/env node
// The README's commands: `npm start` (demo) and `npm test` (every check). Plain Node, no dependencies,
// because it runs before anything is installed: it fetches pnpm, installs the workspace, then works.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const PNPM_VERSION = "12.21.0";
const pnpmBin = path.join(root, ".tools/node_modules/.bin/pnpm");
const env = { ...process.env };
// node-gyp (better-sqlite3) must build against the headers on this machine instead of downloading them.
if (!env.npm_config_nodedir && fs.existsSync("/usr/include/node/node.h")) env.npm_config_nodedir = "/usr";

function log(msg) {
  console.log(`\n▶ ${msg}`);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env, ...opts });
  if (r.status !== 0) {
    console.error(`\n✖ ${[cmd, ...args].join(" ")} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

function pnpm(args, opts) {
  run(pnpmBin, args, opts);
}

function ensurePnpm() {
  if (fs.existsSync(pnpmBin)) return;
  log(`installing pnpm ${PNPM_VERSION} into .tools/`);
  fs.mkdirSync(path.join(root, ".tools"), { recursive: true });
  run("npm", ["install", "--prefix", ".tools", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", `pnpm@${PNPM_VERSION}`]);
}

function installStamp() {
  const h = createHash("sha256");
  for (const f of [
    "pnpm-lock.yaml",
    "pnpm-workspace.yaml",
    "package.json",
    "shared/package.json",
    "bff/package.json",
    "web/package.json",
    "e2e/package.json",
    "bench/package.json",
  ]) {
    h.update(f);
    if (fs.existsSync(path.join(root, f))) h.update(fs.readFileSync(path.join(root, f)));
  }
  h.update(process.version);
  return h.digest("hex");
}

function ensureDeps() {
  ensurePnpm();
  const stampFile = path.join(root, "node_modules/.portaal-install");
  const stamp = installStamp();
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp) return;
  log("installing dependencies (the first time this compiles better-sqlite3: about a minute)");
  pnpm(["install", "--frozen-lockfile"]);
  fs.writeFileSync(stampFile, stamp);
}

function buildWeb() {
  log("building the SPA");
  pnpm(["--filter", "@portaal/web", "build"]);
}

function findChromium() {
  for (const p of [env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) if (p && fs.existsSync(p)) return p;
  return null;
}

function ensureChromium() {
  if (findChromium()) return;
  if (process.getuid?.() !== 0) {
    console.error("Chromium is missing. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.");
    process.exit(1);
  }
  log("installing Debian's chromium for the browser tests");
  run("apt-get", ["update", "-qq"]);
  run("apt-get", ["install", "-y", "-qq", "chromium"], { env: { ...env, DEBIAN_FRONTEND: "noninteractive" } });
}

function start() {
  ensureDeps();
  buildWeb();
  log("starting the portal (demo mode)");
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: path.join(root, "bff"),
    stdio: "inherit",
    env: { ...env, DEMO: env.DEMO ?? "1", DATA_DIR: env.DATA_DIR ?? path.join(root, "data"), WEB_DIST: path.join(root, "web/dist") },
  });
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
  child.on("exit", (code) => process.exit(code ?? 0));
}

function dev() {
  ensureDeps();
  log("dev mode: BFF on :3000 (restarts on change), vite on :5173 with hot reload");
  const bff = spawn(process.execPath, ["--import", "tsx", "--watch", "src/server.ts"], {
    cwd: path.join(root, "bff"),
    stdio: "inherit",
    env: { ...env, DEMO: "1", DATA_DIR: env.DATA_DIR ?? path.join(root, "data"), WEB_DIST: "" },
  });
  const web = spawn(pnpmBin, ["--filter", "@portaal/web", "dev"], { cwd: root, stdio: "inherit", env });
  const stop = () => {
    bff.kill();
    web.kill();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

function test() {
  const started = Date.now();
  let passed = 0;
  // Each check exits the process on failure (run() does), so reaching the next line means it passed.
  const check = (name, fn) => {
    log(name);
    fn();
    passed++;
  };
  ensureDeps();
  ensureChromium();
  check("lint and format (biome)", () => pnpm(["exec", "biome", "check", "."]));
  check("typecheck", () => {
    for (const pkg of ["shared", "bff", "web", "e2e", "bench"]) pnpm(["--filter", `@portaal/${pkg}`, "typecheck"]);
  });
  check("unit and integration tests (vitest)", () => {
    pnpm(["--filter", "@portaal/bff", "test"]);
    pnpm(["--filter", "@portaal/web", "test"]);
  });
  // What `npm run build` makes: the SPA, and the bundled BFF that the setup e2e installs and serves.
  check("building the SPA and the BFF (npm run build)", () => {
    pnpm(["--filter", "@portaal/web", "build"]);
    run(process.execPath, ["--import", "tsx", "src/build.ts"], { cwd: path.join(root, "bff") });
  });
  check("end-to-end tests (Playwright, headless Chromium)", () =>
    pnpm(["exec", "playwright", "test"], { env: { ...env, CHROMIUM_PATH: findChromium() ?? "" } }),
  );
  console.log(`\n✔ every check passed in ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(`checks: ${passed} passed, 0 failed`);
}

/** `npm run bench [-- --scale small]`: the production SPA, then bench/ (see bench/RESULTS.md). */
function bench() {
  ensureDeps();
  ensureChromium();
  // Its own copy of the production build, so a bench never swaps web/dist under a running test.
  log("building the SPA for the benchmark (bench/tmp/web)");
  pnpm(["--filter", "@portaal/web", "exec", "vite", "build", "--outDir", "../bench/tmp/web", "--emptyOutDir"]);
  log("benchmark (loopback only, bounded in time)");
  pnpm(["--filter", "@portaal/bench", "bench", ...process.argv.slice(3)], { env: { ...env, CHROMIUM_PATH: findChromium() ?? "" } });
}

/** `npm run build`: the SPA (web/dist) and the bundled BFF (bff/dist), nothing else needed at run time. */
function buildAll() {
  ensureDeps();
  buildWeb();
  log("bundling the BFF (bff/dist)");
  run(process.execPath, ["--import", "tsx", "src/build.ts"], { cwd: path.join(root, "bff") });
  console.log("\n✔ built: start it with `npm run serve` (see README, Running it for real)");
}

/** `npm run serve`: the production build with NODE_ENV=production; plain Node, no tsx, no pnpm. */
function serveBuilt() {
  const server = path.join(root, "bff/dist/server.mjs");
  if (!fs.existsSync(server) || !fs.existsSync(path.join(root, "web/dist/index.html"))) {
    console.error("There is no build yet: run `npm run build` first.");
    process.exit(1);
  }
  const child = spawn(process.execPath, [server], {
    cwd: path.join(root, "bff"),
    stdio: "inherit",
    env: {
      ...env,
      NODE_ENV: "production",
      DATA_DIR: env.DATA_DIR ?? path.join(root, "data"),
      WEB_DIST: env.WEB_DIST ?? path.join(root, "web/dist"),
    },
  });
  // The BFF stops gracefully on SIGTERM; a second signal ends it at once (bff/src/server.ts).
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** `npm run admin -- …`: the operator's command line; the build's when there is one, else from source. */
function admin() {
  const built = path.join(root, "bff/dist/admin.mjs");
  if (!fs.existsSync(built)) ensureDeps();
  const args = fs.existsSync(built) ? [built] : ["--import", "tsx", "src/admin/cli.ts"];
  const r = spawnSync(process.execPath, [...args, ...process.argv.slice(3)], {
    cwd: path.join(root, "bff"),
    stdio: "inherit",
    env: { ...env, DATA_DIR: env.DATA_DIR ?? path.join(root, "data") },
  });
  process.exit(r.status ?? 1);
}

/** `npm run backup -- <folder>`, `npm run restore -- <folder>`: bff/src/backup/cli.ts on DATA_DIR (default data/). */
function backupOrRestore(command) {
  ensureDeps();
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/backup/cli.ts", command, ...process.argv.slice(3)], {
    cwd: path.join(root, "bff"),
    stdio: "inherit",
    env: { ...env, DATA_DIR: env.DATA_DIR ?? path.join(root, "data"), INIT_CWD: env.INIT_CWD ?? process.cwd() },
  });
  process.exit(r.status ?? 1);
}

const command = process.argv[2];
if (command === "start") start();
else if (command === "test") test();
else if (command === "dev") dev();
else if (command === "backup" || command === "restore") backupOrRestore(command);
else if (command === "bench") bench();
else if (command === "build") buildAll();
else if (command === "serve") serveBuilt();
else if (command === "admin") admin();
else {
  console.error("usage: node scripts/run.mjs start|test|dev|bench|build|serve|backup|restore");
  process.exit(2);
}
