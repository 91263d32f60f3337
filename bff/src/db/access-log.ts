// NEN 7513 for the client: who viewed or downloaded which of their shared items, and when.
import type { AccessLogResponse } from "@portaal/shared/dossier";
import { and, count, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "./client";
import { accounts, auditLog, documents } from "./schema";

const ACTIONS = ["document.view", "document.download"];

export function clientAccessLog(db: Db, orgId: string, clientId: string, page: number, pageSize: number): AccessLogResponse {
  const where = and(
    eq(auditLog.orgId, orgId),
    eq(auditLog.clientId, clientId),
    inArray(auditLog.action, ACTIONS),
    eq(auditLog.outcome, "success"),
  );
  const total = db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
  const rows = db
    .select({ at: auditLog.at, who: accounts.displayName, action: auditLog.action, title: documents.title })
    .from(auditLog)
    .leftJoin(accounts, eq(accounts.id, auditLog.actorId))
    .leftJoin(documents, eq(documents.id, auditLog.objectId))
    .where(where)
    .orderBy(desc(auditLog.seq))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  return {
    items: rows.map((r) => ({
      at: r.at,
      who: r.who ?? "Onbekend",
      action: r.action === "document.download" ? "gedownload" : "bekeken",
      title: r.title ?? "Verwijderd stuk",
    })),
    total,
    page,
    pageSize,
  };
}
