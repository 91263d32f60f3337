// Documents users upload into a client's dossier; staff see and keep them.
import type { MyUpload, UploadItem } from "@portaal/shared/dossier";
import { and, desc, eq, isNull, sum } from "drizzle-orm";
import { newId } from "../lib/ids";
import type { Db } from "./client";
import { accounts, careTeam, files, uploads } from "./schema";

export function createUpload(
  db: Db,
  input: { orgId: string; clientId: string; fileId: string; accountId: string; note: string | null },
): string {
  const id = newId();
  db.insert(uploads)
    .values({ id, ...input })
    .run();
  return id;
}

/** The bytes the users of one client's portal have uploaded so far (the portal's upload quota counts these). */
export function uploadedBytes(db: Db, orgId: string, clientId: string): number {
  const row = db
    .select({ total: sum(files.size) })
    .from(uploads)
    .innerJoin(files, eq(files.id, uploads.fileId))
    .where(and(eq(uploads.orgId, orgId), eq(uploads.clientId, clientId)))
    .get();
  return Number(row?.total ?? 0);
}

export function listUploads(db: Db, orgId: string, clientId: string): UploadItem[] {
  return db
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
    .limit(200)
    .all()
    .map((u) => ({
      id: u.id,
      file: { name: u.name, mime: u.mime, size: u.size },
      note: u.note,
      uploadedBy: u.uploadedBy,
      createdAt: u.createdAt,
      keptAt: u.keptAt,
    }));
}

export function uploadFile(db: Db, orgId: string, clientId: string, uploadId: string) {
  return db
    .select({ storageName: files.storageName, name: files.originalName, mime: files.mime })
    .from(uploads)
    .innerJoin(files, eq(files.id, uploads.fileId))
    .where(and(eq(uploads.orgId, orgId), eq(uploads.clientId, clientId), eq(uploads.id, uploadId)))
    .get();
}

export function keepUpload(db: Db, orgId: string, clientId: string, uploadId: string, staffId: string, now = Date.now()): boolean {
  return (
    db
      .update(uploads)
      .set({ keptAt: now, keptBy: staffId })
      .where(and(eq(uploads.orgId, orgId), eq(uploads.clientId, clientId), eq(uploads.id, uploadId)))
      .run().changes > 0
  );
}

/** Whom to tell about a new upload: the client's care team. */
export function careTeamEmails(db: Db, orgId: string, clientId: string) {
  return db
    .select({ email: accounts.email, name: accounts.displayName })
    .from(careTeam)
    .innerJoin(accounts, eq(accounts.id, careTeam.staffId))
    .where(and(eq(careTeam.orgId, orgId), eq(careTeam.clientId, clientId), eq(accounts.status, "active")))
    .all();
}

/** The uploads one person made into one portal, newest first: only their own, never another parent's. */
export function listOwnUploads(db: Db, orgId: string, clientId: string, accountId: string): MyUpload[] {
  return db
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
    .limit(200)
    .all()
    .map(({ name, mime, size, ...u }) => ({ ...u, file: { name, mime, size } }));
}

export type RemoveUploadResult = { ok: true; storageName: string; fileName: string } | { ok: false; reason: "not_found" | "kept" };

/**
 * Removes one's own upload and its file row, unless staff kept it. Call inside a write transaction; remove
 * the file from disk only after the commit (a crash in between leaves an orphan the start-up sweep removes,
 * never a row without its file).
 */
export function removeOwnUpload(db: Db, orgId: string, clientId: string, accountId: string, uploadId: string): RemoveUploadResult {
  const own = and(eq(uploads.orgId, orgId), eq(uploads.clientId, clientId), eq(uploads.accountId, accountId), eq(uploads.id, uploadId));
  const row = db
    .select({ fileId: uploads.fileId, keptAt: uploads.keptAt, storageName: files.storageName, fileName: files.originalName })
    .from(uploads)
    .innerJoin(files, eq(files.id, uploads.fileId))
    .where(own)
    .get();
  if (!row) return { ok: false, reason: "not_found" };
  if (row.keptAt !== null) return { ok: false, reason: "kept" };
  // The kept check again in the delete itself: a keep that lands between the two cannot be undone.
  if (
    db
      .delete(uploads)
      .where(and(own, isNull(uploads.keptAt)))
      .run().changes === 0
  )
    return { ok: false, reason: "kept" };
  db.delete(files).where(eq(files.id, row.fileId)).run();
  return { ok: true, storageName: row.storageName, fileName: row.fileName };
}
