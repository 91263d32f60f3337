// Runtime settings, read once from the environment, and the check that refuses unsafe ones.
import net from "node:net";
import path from "node:path";

export interface Config {
  port: number;
  dataDir: string;
  /**
   * postgres://… (DATABASE_URL): PostgreSQL, shared by any number of portal processes. Null: SQLite in the
   * data folder, for one process.
   */
  databaseUrl: string | null;
  /** Where uploaded files are kept (FILES_DIR, default DATA_DIR/files): a shared volume when several processes serve. */
  filesDir: string;
  demo: boolean;
  production: boolean;
  /** Where the built SPA lives; served by the BFF when present. */
  webDist: string | null;
  smtpUrl: string | null;
  mailFrom: string;
  /** Base64 of 32 bytes; when absent, a key file in the data folder is used. */
  secretKey: string | null;
  /** The reverse proxies in front (TRUST_PROXY): only their X-Forwarded-For is believed. */
  trustProxy: string[];
  logLevel: string;
  /** What the users of one client's portal may upload in all, in bytes (UPLOAD_QUOTA_MB, default 500 MB). */
  uploadQuotaBytes: number;
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = path.resolve(import.meta.dirname, "../..");
  const dataDir = path.resolve(env.DATA_DIR ?? path.join(root, "data"));
  return {
    port: Number(env.PORT ?? 3000),
    dataDir,
    databaseUrl: env.DATABASE_URL || null,
    filesDir: env.FILES_DIR ? path.resolve(env.FILES_DIR) : path.join(dataDir, "files"),
    demo: env.DEMO === "1" || env.DEMO === "true",
    production: env.NODE_ENV === "production",
    webDist: env.WEB_DIST === "" ? null : path.resolve(env.WEB_DIST ?? path.join(root, "web/dist")),
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM ?? "Cliëntenportaal <noreply@portaal.example>",
    secretKey: env.PORTAAL_SECRET_KEY ?? null,
    trustProxy: (env.TRUST_PROXY ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    // Tests drive the app in-process thousands of times: they log only what goes wrong.
    logLevel: env.LOG_LEVEL ?? (env.VITEST ? "warn" : "info"),
    uploadQuotaBytes: Math.floor(Number(env.UPLOAD_QUOTA_MB || 500) * 1024 * 1024),
  };
}

/** One address or a CIDR block (10.0.0.0/8, fd00::/8). */
function isAddressOrBlock(entry: string): boolean {
  const [address = "", bits, extra] = entry.split("/");
  const family = net.isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
}

/**
 * Every setting that is missing or unsafe, each as one sentence that says which and why; the server
 * refuses to start while there is one. Production asks more than the demo.
 */
export function settingProblems(config: Config): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(config.port) || config.port < 1 || config.port > 65535) {
    problems.push(`PORT must be a port number (1-65535), not "${config.port}".`);
  }
  if (config.demo && config.production) {
    problems.push("DEMO=1 is never allowed together with NODE_ENV=production: the demo has known passwords and a public mailbox.");
  }
  if (config.smtpUrl) {
    let ok = false;
    try {
      ok = ["smtp:", "smtps:"].includes(new URL(config.smtpUrl).protocol);
    } catch {
      ok = false;
    }
    if (!ok) problems.push("SMTP_URL must be an smtp:// or smtps:// address, e.g. smtp://user:password@mail.example.nl:587.");
  } else if (config.production) {
    problems.push(
      "SMTP_URL is not set: in production activation links, reset links and notices must reach people, so a mail server is required (e.g. SMTP_URL=smtp://user:password@mail.example.nl:587).",
    );
  }
  if (!/<?[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>?\s*$/.test(config.mailFrom)) {
    problems.push(
      `MAIL_FROM must end in an e-mail address, e.g. "Cliëntenportaal <noreply@portaal.example.nl>", not "${config.mailFrom}".`,
    );
  }
  if (config.secretKey !== null && Buffer.from(config.secretKey, "base64").byteLength !== 32) {
    problems.push("PORTAAL_SECRET_KEY must be the base64 of exactly 32 random bytes (make one with: openssl rand -base64 32).");
  }
  for (const entry of config.trustProxy) {
    if (!isAddressOrBlock(entry)) {
      problems.push(
        `TRUST_PROXY holds "${entry}", which is not an IP address or CIDR block; list the addresses of your reverse proxies, separated by commas.`,
      );
    }
  }
  if (config.filesDir === config.dataDir) {
    problems.push(
      "FILES_DIR must not be the data folder itself: give the uploaded files a folder of their own (the default is the files folder inside DATA_DIR).",
    );
  }
  if (config.databaseUrl) {
    let ok = false;
    try {
      ok = ["postgres:", "postgresql:"].includes(new URL(config.databaseUrl).protocol);
    } catch {
      ok = false;
    }
    if (!ok) problems.push("DATABASE_URL must be a postgres:// address, e.g. postgres://portaal:password@db.example.nl:5432/portaal.");
    if (config.production && config.secretKey === null) {
      problems.push(
        "PORTAAL_SECRET_KEY is not set: with DATABASE_URL several processes share one database, and each needs the same server key (make one with: openssl rand -base64 32).",
      );
    }
  }
  if (!LOG_LEVELS.includes(config.logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}.`);
  return problems;
}
