// Starts the BFF: opens the data folder, seeds the demo when asked, serves API and SPA.
import path from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { deleteExpiredSessions } from "./auth/sessions";
import { loadConfig } from "./config";
import { referencedStorageNames } from "./db/documents";
import { lockDataDir } from "./db/instance-lock";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemo } from "./demo/seed";
import { createDeps } from "./deps";
import { sweepFiles } from "./files/store";
import { ensurePrivateDir } from "./lib/private-files";

// Everything the portal creates (database, WAL, uploads, lock, checkpoints) is for its own user only.
process.umask(0o077);
const config = loadConfig();
if (config.demo && config.production) {
  console.error("DEMO=1 is never allowed together with NODE_ENV=production.");
  process.exit(1);
}
ensurePrivateDir(config.dataDir);
const lock =
  lockDataDir(config.dataDir) ??
  (() => {
    console.error(`Another portal process is already using the data folder ${config.dataDir}. Stop it first.`);
    return process.exit(1);
  })();
const deps = createDeps(config);
// Before serving: files a crash left without their row (or half written) go.
const swept = sweepFiles(path.join(config.dataDir, "files"), referencedStorageNames(deps.db));
if (swept > 0) console.log(`[bff] removed ${swept} unfinished upload file(s) left by an interrupted write`);
if (config.demo) {
  const seeded = await seedDemo(deps.db, deps.secretBox);
  if (seeded) console.log("[demo] demo data written");
}
deps.mailer.start();
// A signed checkpoint of the audit log every 5 minutes while it grows (and every 1000 rows, and at
// shutdown); each also goes to the log output, so a copy lives outside the machine's data folder.
deps.audit.start(5 * 60_000, (line) => console.log(line));
const sweeper = setInterval(() => deleteExpiredSessions(deps.db), 10 * 60_000);
sweeper.unref();

const app = createApp(deps);
const hostname = process.env.HOST ?? "::";
const server = serve({ fetch: app.fetch, port: config.port, hostname }, (info) => {
  console.log(`[bff] listening on port ${info.port}${config.demo ? " (demo)" : ""}`);
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

function shutdown() {
  deps.mailer.stop();
  deps.audit.stop();
  try {
    deps.audit.write();
  } catch (err) {
    console.error("[audit] could not write the checkpoint at shutdown", err);
  }
  server.close();
  deps.db.$client.close();
  lock.release();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
