// Documents users upload into a client's dossier; staff see and keep them.
import type { MyUpload, UploadItem } from "@portaal/shared/dossier";
import { and, desc, eq, isNull, sum } from "drizzle-orm";
import { newId } from "../lib/ids";
import { changes, type Db, first } from "./client";
import { accounts, careTeam, files, uploads } from "./tables";

export async function createUpload(
  db: Db,
  input: { orgId: string; clientId: string; fileId: string; accountId: string; note: string | null },
): Promise<string> {
  const id = newId();
  await db.insert(uploads).values({ id, ...input });
  return id;
}

/** The bytes the users of one client's portal have uploaded so far (the portal's upload quota counts these). */
export async function uploadedBytes(db: Db, orgId: string, clientId: string): Promise<number> {
  const row = first(
    await db
      .select({ total: sum(files.size) })
      .from(uploads)
      .innerJoin(files, eq(files.id, uploads.fileId))
      .where(and(eq(uploads.orgId, orgId), eq(uploads.clientId, clientId))),
  );
  return Number(row?.total ?? 0);
}

export async function listUploads(db: Db, orgId: string, clientId: string): Promise<UploadItem[]> {
  const rows = await db
    .select({
      id: uploads.id,
      name: files.originalName,
      mime: files.mime,
      size: files.size,
      note: uploads.note,
      uploadedBy: accounts.displayName,
      createdAt: uploads.createdAt,
      keptAt: uploads.keptAt,
    })
    .from(uploads)
    .innerJoin(files, eq(files.id, uploads.fileId))
    .innerJoin(accounts, eq(accounts.id, uploads.accountId))
    .where(and(eq(uploads.orgId, orgId), eq(uploads.clientId, clientId)))
    .orderBy(desc(uploads.createdAt))
    .limit(200);
  return rows.map((u) => ({
    id: u.id,
    file: { name: u.name, mime: u.mime, size: u.size },
    note: u.note,
    uploadedBy: u.uploadedBy,
    createdAt: u.createdAt,
    keptAt: u.keptAt,
  }));
}

export async function uploadFile(db: Db, orgId: string, clientId: string, uploadId: string) {
  return first(
    await db
      .select({ storageName: files.storageName, name: files.originalName, mime: files.mime })
      .from(uploads)
      .innerJoin(files, eq(files.id, uploads.fileId))
      .where(and(eq(uploads.orgId, orgId), eq(uploads.clientId, clientId), eq(uploads.id, uploadId))),
  );
}

export async function keepUpload(
  db: Db,
  orgId: string,
  clientId: string,
  uploadId: string,
  staffId: string,
  now = Date.now(),
): Promise<boolean> {
  return (
    changes(
      await db
        .update(uploads)
        .set({ keptAt: now, keptBy: staffId })
        .where(and(eq(uploads.orgId, orgId), eq(uploads.clientId, clientId), eq(uploads.id, uploadId))),
    ) > 0
  );
}

/** Whom to tell about a new upload: the client's care team. */
export async function careTeamEmails(db: Db, orgId: string, clientId: string) {
  return await db
    .select({ email: accounts.email, name: accounts.displayName })
    .from(careTeam)
    .innerJoin(accounts, eq(accounts.id, careTeam.staffId))
    .where(and(eq(careTeam.orgId, orgId), eq(careTeam.clientId, clientId), eq(accounts.status, "active")));
}

/** The uploads one person made into one portal, newest first: only their own, never another parent's. */
export async function listOwnUploads(db: Db, orgId: string, clientId: string, accountId: string): Promise<MyUpload[]> {
  const rows = await db
    .select({
      id: uploads.id,
      name: files.originalName,
      mime: files.mime,
      size: files.size,
      note: uploads.note,
      createdAt: uploads.createdAt,
      keptAt: uploads.keptAt,
    })
    .from(uploads)
    .innerJoin(files, eq(files.id, uploads.fileId))
    .where(and(eq(uploads.orgId, orgId), eq(uploads.clientId, clientId), eq(uploads.accountId, accountId)))
    .orderBy(desc(uploads.createdAt), desc(uploads.id))
    .limit(200);
  return rows.map(({ name, mime, size, ...u }) => ({ ...u, file: { name, mime, size } }));
}

export type RemoveUploadResult = { ok: true; storageName: string; fileName: string } | { ok: false; reason: "not_found" | "kept" };

/**
 * Removes one's own upload and its file row, unless staff kept it. Call inside a write transaction; remove
 * the file from disk only after the commit (a crash in between leaves an orphan the start-up sweep removes,
 * never a row without its file).
 */
export async function removeOwnUpload(
  db: Db,
  orgId: string,
  clientId: string,
  accountId: string,
  uploadId: string,
): Promise<RemoveUploadResult> {
  const own = and(eq(uploads.orgId, orgId), eq(uploads.clientId, clientId), eq(uploads.accountId, accountId), eq(uploads.id, uploadId));
  const row = first(
    await db
      .select({ fileId: uploads.fileId, keptAt: uploads.keptAt, storageName: files.storageName, fileName: files.originalName })
      .from(uploads)
      .innerJoin(files, eq(files.id, uploads.fileId))
      .where(own),
  );
  if (!row) return { ok: false, reason: "not_found" };
  if (row.keptAt !== null) return { ok: false, reason: "kept" };
  // The kept check again in the delete itself: a keep that lands between the two cannot be undone.
  if (changes(await db.delete(uploads).where(and(own, isNull(uploads.keptAt)))) === 0) return { ok: false, reason: "kept" };
  await db.delete(files).where(eq(files.id, row.fileId));
  return { ok: true, storageName: row.storageName, fileName: row.fileName };
}
