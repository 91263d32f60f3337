// Files attached to messages: stored like uploads (checked by content, random names on disk), fetched
// only through the thread they belong to, so whoever may read the thread may read its files, and no one else.
import type { Attachment } from "@portaal/shared/messages";
import { and, asc, eq, inArray } from "drizzle-orm";
import { type Db, first } from "./client";
import { files, messageAttachments, messages } from "./tables";

export async function attachFiles(db: Db, orgId: string, messageId: string, fileIds: string[]): Promise<void> {
  for (const [position, fileId] of fileIds.entries()) await db.insert(messageAttachments).values({ orgId, messageId, fileId, position });
}

/** The attachments of these messages, by message id. */
export async function attachmentsOf(db: Db, messageIds: string[]): Promise<Map<string, Attachment[]>> {
  const out = new Map<string, Attachment[]>();
  if (messageIds.length === 0) return out;
  const rows = await db
    .select({ messageId: messageAttachments.messageId, id: files.id, name: files.originalName, mime: files.mime, size: files.size })
    .from(messageAttachments)
    .innerJoin(files, eq(files.id, messageAttachments.fileId))
    .where(inArray(messageAttachments.messageId, messageIds))
    // In the order they were attached.
    .orderBy(asc(messageAttachments.messageId), asc(messageAttachments.position));
  for (const { messageId, ...a } of rows) out.set(messageId, [...(out.get(messageId) ?? []), a]);
  return out;
}

/** One attachment of one thread (the caller has checked the thread), or undefined. */
export async function findAttachment(db: Db, orgId: string, threadId: string, attachmentId: string) {
  return first(
    await db
      .select({ storageName: files.storageName, name: files.originalName, mime: files.mime })
      .from(messageAttachments)
      .innerJoin(messages, eq(messages.id, messageAttachments.messageId))
      .innerJoin(files, eq(files.id, messageAttachments.fileId))
      .where(and(eq(messageAttachments.orgId, orgId), eq(messages.threadId, threadId), eq(messageAttachments.fileId, attachmentId)))
      .limit(1),
  );
}
