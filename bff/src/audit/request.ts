// The audit event of the signed-in person's request: who, which organization, from where.
import type { Context } from "hono";
import type { Db } from "../db/client";
import { clientIp } from "../lib/client-ip";
import type { AppEnv } from "../types";
import { type AuditEvent, appendAudit } from "./log";

type RequestEvent = Omit<AuditEvent, "orgId" | "actorId" | "actorLabel" | "ip" | "outcome"> & { outcome?: AuditEvent["outcome"] };

/** Inside a write transaction pass its `tx`; without one the row is appended in a transaction of its own. */
export async function auditRequest(c: Context<AppEnv>, event: RequestEvent, db: Db = c.var.deps.db): Promise<void> {
  const { org, user } = c.var;
  await appendAudit(db, {
    orgId: org.id,
    actorId: user.id,
    actorLabel: user.email,
    ip: clientIp(c),
    outcome: "success",
    ...event,
  });
}
