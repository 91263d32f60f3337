// Documents and verslagen of a client's dossier. A portal user reaches an item only through a share
// row for them, joined in the query itself, so a forgotten check elsewhere cannot leak it.
import type { DocumentDetail, DocumentItem, DocumentListResponse, StaffDocumentList } from "@portaal/shared/dossier";
import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import { newId } from "../lib/ids";
import { type Db, first, preparedQuery } from "./client";
import { ilike } from "./dialect";
import { accounts, auditLog, documentShares, documents, files, portalGrants } from "./tables";

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

const itemColumns = {
  id: documents.id,
  kind: documents.kind,
  title: documents.title,
  category: documents.category,
  docDate: documents.docDate,
  author: documents.author,
  bodyText: documents.bodyText,
  fileName: files.originalName,
  fileMime: files.mime,
  fileSize: files.size,
  sharedAt: documentShares.sharedAt,
};

type Row = {
  id: string;
  kind: "document" | "verslag";
  title: string;
  category: string | null;
  docDate: string;
  author: string;
  bodyText: string | null;
  fileName: string | null;
  fileMime: string | null;
  fileSize: number | null;
  sharedAt: number;
};

function toItem(r: Row): DocumentItem {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    category: r.category,
    docDate: r.docDate,
    author: r.author,
    file: r.fileName && r.fileMime && r.fileSize !== null ? { name: r.fileName, mime: r.fileMime, size: r.fileSize } : null,
    hasText: Boolean(r.bodyText),
    sharedAt: r.sharedAt,
  };
}

interface Viewer {
  orgId: string;
  clientId: string;
  accountId: string;
}

function sharedWith(v: Viewer) {
  return and(
    eq(documentShares.accountId, v.accountId),
    eq(documentShares.orgId, v.orgId),
    eq(documents.clientId, v.clientId),
    eq(documents.orgId, v.orgId),
  );
}

// The list without a search term is what every visit of Dossier and Verslagen asks: built once per database.
const p = sql.placeholder;
const sharedKind = and(
  eq(documentShares.accountId, p("accountId")),
  eq(documentShares.orgId, p("orgId")),
  eq(documents.clientId, p("clientId")),
  eq(documents.orgId, p("orgId")),
  eq(documents.kind, p("kind")),
);
const sharedTotal = preparedQuery("sharedDocumentsTotal", (db) =>
  db.select({ n: count() }).from(documentShares).innerJoin(documents, eq(documents.id, documentShares.documentId)).where(sharedKind),
);
const sharedPage = preparedQuery("sharedDocumentsPage", (db) =>
  db
    .select(itemColumns)
    .from(documentShares)
    .innerJoin(documents, eq(documents.id, documentShares.documentId))
    .leftJoin(files, eq(files.id, documents.fileId))
    .where(sharedKind)
    .orderBy(desc(documents.docDate), desc(documentShares.sharedAt), desc(documents.id))
    .limit(p("limit"))
    .offset(p("offset")),
);

export async function listSharedDocuments(
  db: Db,
  v: Viewer,
  q: { kind: "document" | "verslag"; q?: string | undefined; page: number; pageSize: number },
): Promise<DocumentListResponse> {
  if (!q.q) {
    const params = { ...v, kind: q.kind, limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
    const total = (await sharedTotal(db).get(params))?.n ?? 0;
    const rows = (await sharedPage(db).all(params)) as Row[];
    return { items: rows.map(toItem), total, page: q.page, pageSize: q.pageSize };
  }
  const where = and(sharedWith(v), eq(documents.kind, q.kind), q.q ? ilike(documents.title, `%${escapeLike(q.q)}%`) : undefined);
  const total =
    first(
      await db.select({ n: count() }).from(documentShares).innerJoin(documents, eq(documents.id, documentShares.documentId)).where(where),
    )?.n ?? 0;
  const rows = (await db
    .select(itemColumns)
    .from(documentShares)
    .innerJoin(documents, eq(documents.id, documentShares.documentId))
    .leftJoin(files, eq(files.id, documents.fileId))
    .where(where)
    .orderBy(desc(documents.docDate), desc(documentShares.sharedAt), desc(documents.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)) as Row[];
  return { items: rows.map(toItem), total, page: q.page, pageSize: q.pageSize };
}

export async function getSharedDocument(
  db: Db,
  v: Viewer,
  documentId: string,
): Promise<(DocumentDetail & { storageName: string | null }) | null> {
  const row = first(
    await db
      .select({ ...itemColumns, storageName: files.storageName })
      .from(documentShares)
      .innerJoin(documents, eq(documents.id, documentShares.documentId))
      .leftJoin(files, eq(files.id, documents.fileId))
      .where(and(sharedWith(v), eq(documents.id, documentId)))
      .limit(1),
  ) as (Row & { storageName: string | null }) | undefined;
  if (!row) return null;
  return { ...toItem(row), bodyText: row.bodyText, storageName: row.storageName };
}

/** The people with an active grant to this client's portal: whom staff can share with. */
export async function portalPeople(db: Db, orgId: string, clientId: string) {
  return await db
    .select({ accountId: accounts.id, name: accounts.displayName, role: portalGrants.relation })
    .from(portalGrants)
    .innerJoin(accounts, eq(accounts.id, portalGrants.accountId))
    .where(
      and(
        eq(portalGrants.orgId, orgId),
        eq(portalGrants.clientId, clientId),
        eq(portalGrants.status, "active"),
        eq(accounts.status, "active"),
      ),
    );
}

export async function staffDocuments(db: Db, orgId: string, clientId: string): Promise<StaffDocumentList> {
  const docs = await db
    .select({
      id: documents.id,
      kind: documents.kind,
      title: documents.title,
      category: documents.category,
      docDate: documents.docDate,
      author: documents.author,
      bodyText: documents.bodyText,
      createdAt: documents.createdAt,
      fileName: files.originalName,
      fileMime: files.mime,
      fileSize: files.size,
    })
    .from(documents)
    .leftJoin(files, eq(files.id, documents.fileId))
    .where(and(eq(documents.orgId, orgId), eq(documents.clientId, clientId)))
    .orderBy(desc(documents.docDate), desc(documents.createdAt))
    .limit(200);
  const ids = docs.map((d) => d.id);
  const shares = ids.length
    ? await db
        .select({
          documentId: documentShares.documentId,
          accountId: documentShares.accountId,
          name: accounts.displayName,
          sharedAt: documentShares.sharedAt,
        })
        .from(documentShares)
        .innerJoin(accounts, eq(accounts.id, documentShares.accountId))
        .where(and(eq(documentShares.orgId, orgId), inArray(documentShares.documentId, ids)))
    : [];
  const views = ids.length
    ? await db
        .select({ objectId: auditLog.objectId, name: auditLog.actorLabel, at: auditLog.at, action: auditLog.action })
        .from(auditLog)
        // Views by the people of the portal only: staff creating, sharing or opening an item is no view of it.
        .innerJoin(accounts, and(eq(accounts.id, auditLog.actorId), eq(accounts.kind, "cov")))
        .where(
          and(
            eq(auditLog.orgId, orgId),
            eq(auditLog.clientId, clientId),
            inArray(auditLog.action, ["document.view", "document.download"]),
            inArray(auditLog.objectId, ids),
            eq(auditLog.outcome, "success"),
          ),
        )
        .orderBy(desc(auditLog.at))
    : [];
  return {
    documents: docs.map((d) => ({
      id: d.id,
      kind: d.kind,
      title: d.title,
      category: d.category,
      docDate: d.docDate,
      author: d.author,
      file: d.fileName && d.fileMime && d.fileSize !== null ? { name: d.fileName, mime: d.fileMime, size: d.fileSize } : null,
      hasText: Boolean(d.bodyText),
      createdAt: d.createdAt,
      sharedWith: shares.filter((s) => s.documentId === d.id).map(({ accountId, name, sharedAt }) => ({ accountId, name, sharedAt })),
      views: views
        .filter((v) => v.objectId === d.id)
        .map((v) => ({ name: v.name, at: v.at, action: v.action === "document.download" ? "gedownload" : "bekeken" })),
    })),
    people: await portalPeople(db, orgId, clientId),
  };
}

export async function staffDocumentFile(db: Db, orgId: string, clientId: string, documentId: string) {
  return first(
    await db
      .select({ storageName: files.storageName, name: files.originalName, mime: files.mime, title: documents.title })
      .from(documents)
      .innerJoin(files, eq(files.id, documents.fileId))
      .where(and(eq(documents.orgId, orgId), eq(documents.clientId, clientId), eq(documents.id, documentId))),
  );
}

export async function insertFile(
  db: Db,
  input: {
    orgId: string;
    clientId: string;
    storageName: string;
    originalName: string;
    mime: string;
    size: number;
    sha256: string;
    uploadedBy: string;
  },
): Promise<string> {
  const id = newId();
  await db.insert(files).values({ id, ...input });
  return id;
}

/** Every file name on disk that a row refers to (the start-up sweep keeps exactly these). */
export async function referencedStorageNames(db: Db): Promise<Set<string>> {
  return new Set((await db.select({ name: files.storageName }).from(files)).map((f) => f.name));
}

export async function createDocument(
  db: Db,
  input: {
    orgId: string;
    clientId: string;
    kind: "document" | "verslag";
    title: string;
    docDate: string;
    author: string;
    category: string | null;
    bodyText: string | null;
    fileId: string | null;
    createdBy: string;
  },
): Promise<string> {
  const id = newId();
  await db.insert(documents).values({ id, ...input });
  return id;
}

export type ShareResult =
  | { ok: true; added: string[]; removed: string[] }
  | { ok: false; reason: "not_found" | "not_a_portal_user" | "conflict" };

/** Makes the share set of one document exactly `accountIds`; only people with access to this portal qualify. */
export async function setShares(
  db: Db,
  input: { orgId: string; clientId: string; documentId: string; accountIds: string[]; expected?: string[] | undefined; sharedBy: string },
  now = Date.now(),
): Promise<ShareResult> {
  const doc = first(
    await db
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.orgId, input.orgId), eq(documents.clientId, input.clientId), eq(documents.id, input.documentId))),
  );
  if (!doc) return { ok: false, reason: "not_found" };
  const allowed = new Set((await portalPeople(db, input.orgId, input.clientId)).map((p) => p.accountId));
  const wanted = [...new Set(input.accountIds)];
  if (wanted.some((id) => !allowed.has(id))) return { ok: false, reason: "not_a_portal_user" };
  const current = (
    await db.select({ accountId: documentShares.accountId }).from(documentShares).where(eq(documentShares.documentId, doc.id))
  ).map((s) => s.accountId);
  if (input.expected) {
    const expected = new Set(input.expected);
    if (expected.size !== current.length || current.some((id) => !expected.has(id))) return { ok: false, reason: "conflict" };
  }
  const added = wanted.filter((id) => !current.includes(id));
  const removed = current.filter((id) => !wanted.includes(id));
  for (const accountId of added)
    await db.insert(documentShares).values({ orgId: input.orgId, documentId: doc.id, accountId, sharedBy: input.sharedBy, sharedAt: now });
  if (removed.length)
    await db.delete(documentShares).where(and(eq(documentShares.documentId, doc.id), inArray(documentShares.accountId, removed)));
  return { ok: true, added, removed };
}

export async function accountEmails(db: Db, orgId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return await db
    .select({ id: accounts.id, email: accounts.email, name: accounts.displayName })
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), inArray(accounts.id, ids)));
}
