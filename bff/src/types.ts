// Typed context shared by middleware and routes.
import type { Policy } from "@portaal/shared/policy";
import type { Checkpointer } from "./audit/checkpoints";
import type { SecretBox } from "./auth/secret-box";
import type { SessionRow } from "./auth/sessions";
import type { Config } from "./config";
import type { AccountRow } from "./db/accounts";
import type { Db } from "./db/client";
import type { Logger } from "./lib/logger";
import type { Mailer } from "./mail/outbox";

export interface Deps {
  db: Db;
  config: Config;
  secretBox: SecretBox;
  mailer: Mailer;
  log: Logger;
  /** draining: SIGTERM came; /api/ready says no, so the load balancer sends no new work. */
  lifecycle: { draining: boolean };
  /** Signed checkpoints of the audit log, outside the database. */
  audit: Checkpointer;
  /** The time in ms since the epoch: `Date.now` in production; tests move it (care rules read it). */
  clock: () => number;
}

export interface Organization {
  id: string;
  name: string;
  hostname: string;
  publicUrl: string | null;
  emailDomain: string;
  phone: string;
  preset: string;
  policy: Policy;
  primaryColor: string;
  logoText: string;
  /** GET /api/organization/logo with the image's hash, or null when there is no logo image. */
  logoUrl: string | null;
  supportText: string;
  aboutText: string;
}

export interface AppEnv {
  Variables: {
    deps: Deps;
    org: Organization;
    user: AccountRow;
    session: SessionRow;
    clientId: string;
    /** Set by fileResponse: the response keeps its own CSP and X-Frame-Options (middleware/security). */
    ownSecurityPolicy?: boolean;
    /** Set by allowRevalidation: a public response that may be cached with a validator (middleware/security). */
    revalidate?: boolean;
  };
}
