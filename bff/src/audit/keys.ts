// The keys of the audit chain and its checkpoints, derived from the server key (which lives outside the
// database): someone holding only the database file cannot recompute a single row's hash.
import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface AuditKeys {
  /** Keys each row's hash (HMAC-SHA256). */
  chain: Buffer;
  /** Signs the checkpoints written outside the database. */
  checkpoint: Buffer;
}

/** One key for one job: the TOTP key encryption, the chain and the checkpoints never share a key. */
export function deriveAuditKeys(serverKey: Buffer): AuditKeys {
  return {
    chain: createHmac("sha256", serverKey).update("portaal/audit-chain/v1").digest(),
    checkpoint: createHmac("sha256", serverKey).update("portaal/audit-checkpoint/v1").digest(),
  };
}

/**
 * The server key as the portal reads it (PORTAAL_SECRET_KEY, else `secret.key` in the data folder), for
 * the read-only checks: never creates one. Null when there is none.
 */
export function readServerKey(dataDir: string, fromEnv: string | null | undefined): Buffer | null {
  if (fromEnv) return Buffer.from(fromEnv, "base64");
  const file = path.join(dataDir, "secret.key");
  return fs.existsSync(file) ? Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64") : null;
}
