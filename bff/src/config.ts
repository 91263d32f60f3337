// Runtime settings, read once from the environment.
import path from "node:path";

export interface Config {
  port: number;
  dataDir: string;
  demo: boolean;
  production: boolean;
  /** Where the built SPA lives; served by the BFF when present. */
  webDist: string | null;
  smtpUrl: string | null;
  mailFrom: string;
  /** Base64 of 32 bytes; when absent, a key file in the data folder is used. */
  secretKey: string | null;
  /** What the users of one client's portal may upload in all, in bytes (UPLOAD_QUOTA_MB, default 500 MB). */
  uploadQuotaBytes: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = path.resolve(import.meta.dirname, "../..");
  return {
    port: Number(env.PORT ?? 3000),
    dataDir: path.resolve(env.DATA_DIR ?? path.join(root, "data")),
    demo: env.DEMO === "1" || env.DEMO === "true",
    production: env.NODE_ENV === "production",
    webDist: env.WEB_DIST === "" ? null : path.resolve(env.WEB_DIST ?? path.join(root, "web/dist")),
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM ?? "Cliëntenportaal <noreply@portaal.example>",
    secretKey: env.PORTAAL_SECRET_KEY ?? null,
    uploadQuotaBytes: Math.floor(Number(env.UPLOAD_QUOTA_MB || 500) * 1024 * 1024),
  };
}
