// Wires the database, the server key and the mailer for a data folder.
import { sealAuditLog } from "./audit/checkpoints";
import { deriveAuditKeys } from "./audit/keys";
import { createSecretBox, loadServerKey } from "./auth/secret-box";
import type { Config } from "./config";
import { openDatabase } from "./db/client";
import { createLogger } from "./lib/logger";
import { createMailer } from "./mail/outbox";
import type { Deps } from "./types";

export async function createDeps(config: Config, clock: () => number = Date.now): Promise<Deps> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl ?? undefined, dataDir: config.dataDir });
  const serverKey = loadServerKey(config.dataDir, config.secretKey);
  const secretBox = createSecretBox(serverKey);
  const audit = await sealAuditLog(db, config.dataDir, deriveAuditKeys(serverKey)).catch(async (err: unknown) => {
    await db.$raw.close();
    throw err;
  });
  const log = createLogger(config.logLevel);
  const mailer = createMailer(db, { smtpUrl: config.smtpUrl, from: config.mailFrom });
  return { db, config, secretBox, mailer, audit, log, lifecycle: { draining: false }, clock };
}
