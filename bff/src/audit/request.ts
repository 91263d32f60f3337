// The audit event of the signed-in person's request: who, which organization, from where.
import type { Context } from "hono";
import { clientIp } from "../lib/client-ip";
import type { AppEnv } from "../types";
import { type AuditEvent, appendAudit } from "./log";

type RequestEvent = Omit<AuditEvent, "orgId" | "actorId" | "actorLabel" | "ip" | "outcome"> & { outcome?: AuditEvent["outcome"] };

export function auditRequest(c: Context<AppEnv>, event: RequestEvent): void {
  const { org, user } = c.var;
  appendAudit(c.var.deps.db, {
    orgId: org.id,
    actorId: user.id,
    actorLabel: user.email,
    ip: clientIp(c),
    outcome: "success",
    ...event,
  });
}
