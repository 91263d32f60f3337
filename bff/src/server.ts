// Starts the BFF: opens the data folder, seeds the demo when asked, serves API and SPA.
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { ServerKeyMismatch } from "./audit/checkpoints";
import { deleteExpiredSessions, flushSessionTouches } from "./auth/sessions";
import { runDailyCareJobs } from "./care/daily-job";
import { loadConfig, settingProblems } from "./config";
import { referencedStorageNames } from "./db/documents";
import { lockDataDir } from "./db/instance-lock";
import { sweepRateLimits } from "./db/rate-limits";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemo } from "./demo/seed";
import { createDeps } from "./deps";
import { sweepFiles } from "./files/store";
import { ensurePrivateDir } from "./lib/private-files";
import { takeBackClaims } from "./mail/outbox";

// Everything the portal creates (database, WAL, uploads, lock, checkpoints) is for its own user only.
process.umask(0o077);
const config = loadConfig();
const problems = settingProblems(config);
if (problems.length > 0) {
  console.error(`The portal does not start: ${problems.length === 1 ? "a setting is" : "settings are"} missing or unsafe.`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
ensurePrivateDir(config.dataDir);
// SQLite is one process's database: a second process on the same data folder is refused. PostgreSQL is
// shared by as many portal processes as the operator starts.
const lock = config.databaseUrl
  ? { release() {} }
  : (lockDataDir(config.dataDir) ??
    (() => {
      console.error(`Another portal process is already using the data folder ${config.dataDir}. Stop it first.`);
      return process.exit(1);
    })());
const deps = await createDeps(config).catch((err: unknown) => {
  if (!(err instanceof ServerKeyMismatch)) throw err;
  console.error(err.message);
  return process.exit(1);
});
// Before serving: files a crash left without their row (or half written) go. On a shared FILES_DIR only
// files older than a write can take, so another process's upload in flight is left alone.
const swept = sweepFiles(config.filesDir, await referencedStorageNames(deps.db), { olderThanMs: config.databaseUrl ? 60 * 60_000 : 0 });
if (swept > 0) deps.log.warn({ swept }, `removed ${swept} unfinished upload file(s) left by an interrupted write`);
if (config.demo) {
  const seeded = await seedDemo(deps.db, deps.secretBox, { filesDir: config.filesDir });
  if (seeded) deps.log.info("demo data written");
}
// On SQLite this process holds the data folder's lock, so a mail claimed in the file is a killed process's:
// it goes out now, not when the claim ends. On PostgreSQL another process may be sending it.
if (!config.databaseUrl) {
  const back = await takeBackClaims(deps.db, Date.now());
  if (back > 0) deps.log.warn({ mails: back }, `${back} mail(s) an interrupted process was sending go out again`);
}
deps.mailer.start();
// A signed checkpoint of the audit log every 5 minutes while it grows (and every 1000 rows, and at
// shutdown); each also goes to the log output, so a copy lives outside the machine's data folder.
deps.audit.start(5 * 60_000, (line) => console.log(line));
// Expired sessions and ended rate-limit windows go every 10 minutes (each in bounded statements).
const sweeper = setInterval(async () => {
  try {
    await deleteExpiredSessions(deps.db);
    await sweepRateLimits(deps.db, deps.clock());
  } catch (err) {
    deps.log.error(
      { err: { message: (err as Error).message } },
      "the sweep of sessions and rate limits failed; it tries again in 10 minutes",
    );
  }
}, 10 * 60_000);
sweeper.unref();
// End of care and the age rules: checked every hour, applied once per Dutch day (the day is kept in
// the database, so a restart does not run it twice, nor another process). The BFF refuses on every request regardless.
async function careJobs() {
  try {
    await runDailyCareJobs(deps);
  } catch (err) {
    deps.log.error({ err: { message: (err as Error).message } }, "the daily care job failed; it tries again within the hour");
  }
}
await careJobs();
const careTimer = setInterval(careJobs, 60 * 60_000);
careTimer.unref();

const app = createApp(deps);
const hostname = process.env.HOST ?? "::";
const server = serve({ fetch: app.fetch, port: config.port, hostname }, (info) => {
  deps.log.info({ port: info.port, demo: config.demo, production: config.production }, "listening");
  if (config.demo) {
    console.log(`
Cliëntenportaal demo
  Zorggroep Het Baken  http://localhost:${info.port}
  GGZ Noorderlicht     http://noorderlicht.localhost:${info.port}

Demo accounts (password ${DEMO_PASSWORD}, authenticator secret ${DEMO_TOTP_SECRET}):
  beheer@hetbaken.example          beheerder (Het Baken)
  secretariaat@hetbaken.example    secretariaat (Het Baken)
  begeleider@hetbaken.example      begeleider (Het Baken)
  ouder@example.com                ouder met gezag over twee cliënten (Het Baken)
  client@example.com               cliënt met eigen account (Het Baken)
  beheer@noorderlicht.example      beheerder (Noorderlicht)
  behandelaar@noorderlicht.example behandelaar (Noorderlicht)
  client@example.net               cliënt met eigen account (Noorderlicht)
Dev mailbox: http://localhost:${info.port}/api/dev/mail
`);
  }
});

/**
 * SIGTERM (or Ctrl-C): /api/ready turns 503, the server takes no new connections and finishes the
 * requests in flight, the mail worker finishes the mail it is sending, the database closes. A second
 * signal ends at once; so does a stop that takes longer than 30 s.
 */
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) {
    deps.log.warn({ signal }, "second stop signal: ending now");
    process.exit(1);
  }
  stopping = true;
  deps.lifecycle.draining = true;
  deps.log.info({ signal }, "stopping: finishing the requests in flight");
  const force = setTimeout(() => {
    deps.log.error("requests still running after 30 s: ending now");
    process.exit(1);
  }, 30_000);
  force.unref();
  clearInterval(sweeper);
  clearInterval(careTimer);
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    // Idle keep-alive connections would hold close() open; busy ones finish their request first.
    if ("closeIdleConnections" in server) server.closeIdleConnections();
  });
  await deps.mailer.stop();
  // The last signed checkpoint of the audit log, so a cut-off end is seen (a failure never blocks the stop).
  deps.audit.stop();
  try {
    await deps.audit.write();
  } catch (err) {
    deps.log.error({ err: { message: (err as Error).message } }, "could not write the audit checkpoint at shutdown");
  }
  await flushSessionTouches(deps.db);
  await deps.db.$raw.close();
  lock.release();
  deps.log.info("stopped");
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
