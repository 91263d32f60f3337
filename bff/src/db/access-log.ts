// NEN 7513 for the client: who viewed or downloaded the items shared with the reader, and who got
// access to the portal, when. An item the reader may not see is left out entirely, also from the count.
import type { AccessLogEntry, AccessLogResponse } from "@portaal/shared/dossier";
import { STAFF_ROLE_LABELS } from "@portaal/shared/roles";
import { and, count, desc, eq, exists, gte, inArray, isNotNull, isNull, lt, ne, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type Db, first } from "./client";
import { accounts, auditLog, documentShares, documents, portalGrants, relations } from "./tables";

/** Views and downloads of a document: in the portal, and by staff in Beheer. */
const DOCUMENT_ACTIONS = ["document.view", "document.download", "beheer.document.view"];
/** Written when staff give someone access to a portal (a new grant or a reactivation). */
export const ACCESS_GRANTED = "access.granted";

/** A period as moments: from the start of the first Dutch day up to (not including) the day after the last. */
export interface Period {
  from: number | null;
  until: number | null;
}

/** The relation of a grant as the client reads it: "eigen" is the client themself. */
export function relationLabel(relation: string | null): string {
  if (!relation) return "Relatie";
  if (relation === "eigen") return "Cliënt";
  return relation.charAt(0).toUpperCase() + relation.slice(1);
}

export async function clientAccessLog(
  db: Db,
  org: { id: string; name: string },
  clientId: string,
  readerId: string,
  q: { page: number; pageSize: number; period: Period },
): Promise<AccessLogResponse> {
  // A document line only when that document (of this client) is shared with the reader: the rule of
  // listSharedDocuments / getSharedDocument, checked in the query so no line can slip through.
  const sharedWithReader = exists(
    db
      .select({ one: documentShares.documentId })
      .from(documentShares)
      .innerJoin(documents, eq(documents.id, documentShares.documentId))
      .where(
        and(
          eq(documentShares.documentId, auditLog.objectId),
          eq(documentShares.accountId, readerId),
          eq(documentShares.orgId, org.id),
          eq(documents.clientId, clientId),
          eq(documents.orgId, org.id),
        ),
      ),
  );
  const conditions: (SQL | undefined)[] = [
    eq(auditLog.orgId, org.id),
    eq(auditLog.clientId, clientId),
    eq(auditLog.outcome, "success"),
    or(
      and(inArray(auditLog.action, DOCUMENT_ACTIONS), eq(auditLog.objectType, "document"), sharedWithReader),
      and(eq(auditLog.action, ACCESS_GRANTED), eq(auditLog.objectType, "account")),
    ),
    q.period.from === null ? undefined : gte(auditLog.at, q.period.from),
    q.period.until === null ? undefined : lt(auditLog.at, q.period.until),
  ];
  const where = and(...conditions);
  const total = first(await db.select({ n: count() }).from(auditLog).where(where))?.n ?? 0;

  // The person of a line: who viewed (the actor), or who got access (the object).
  const person = alias(accounts, "person");
  const grant = alias(portalGrants, "grant");
  const rows = await db
    .select({
      at: auditLog.at,
      action: auditLog.action,
      actorId: auditLog.actorId,
      objectId: auditLog.objectId,
      title: documents.title,
    })
    .from(auditLog)
    .leftJoin(documents, and(eq(documents.id, auditLog.objectId), eq(auditLog.objectType, "document")))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.seq))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);

  const ids = [...new Set(rows.map((r) => (r.action === ACCESS_GRANTED ? r.objectId : r.actorId)).filter((id): id is string => !!id))];
  const people = new Map(
    ids.length === 0
      ? []
      : (
          await db
            .select({
              id: person.id,
              name: person.displayName,
              kind: person.kind,
              staffRole: person.staffRole,
              relation: grant.relation,
            })
            .from(person)
            .leftJoin(grant, and(eq(grant.accountId, person.id), eq(grant.clientId, clientId), eq(grant.orgId, org.id)))
            .where(and(eq(person.orgId, org.id), inArray(person.id, ids)))
        ).map((p) => [p.id, p]),
  );

  const items = rows.map((r): AccessLogEntry => {
    const granted = r.action === ACCESS_GRANTED;
    const p = people.get((granted ? r.objectId : r.actorId) ?? "");
    const staff = p?.kind === "staff";
    return {
      at: r.at,
      who: p?.name ?? "Onbekend",
      role: staff ? (p?.staffRole ? STAFF_ROLE_LABELS[p.staffRole] : "Medewerker") : relationLabel(p?.relation ?? null),
      organization: staff ? org.name : null,
      action: granted ? "toegang" : r.action === "document.download" ? "gedownload" : "bekeken",
      title: granted ? null : (r.title ?? "Verwijderd stuk"),
    };
  });
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/**
 * Whom to tell that someone new got access to a client's portal: the client's own account and the
 * accounts of current relations with gezag, each with an active grant and an active account; never the
 * new person themself. The caller still applies the care rules (a parent of a 16-year-old without
 * consent has a grant but no access).
 */
export async function newAccessRecipients(db: Db, orgId: string, clientId: string, newAccountId: string) {
  return await db
    .select({ accountId: accounts.id, email: accounts.email, clientId: accounts.clientId, contactId: accounts.contactId })
    .from(portalGrants)
    .innerJoin(accounts, eq(accounts.id, portalGrants.accountId))
    .leftJoin(
      relations,
      and(
        eq(relations.orgId, orgId),
        eq(relations.clientId, clientId),
        eq(relations.contactId, accounts.contactId),
        eq(relations.gezag, true),
        isNull(relations.endDate),
      ),
    )
    .where(
      and(
        eq(portalGrants.orgId, orgId),
        eq(portalGrants.clientId, clientId),
        eq(portalGrants.status, "active"),
        eq(accounts.status, "active"),
        ne(accounts.id, newAccountId),
        or(eq(accounts.clientId, clientId), isNotNull(relations.id)),
      ),
    );
}
