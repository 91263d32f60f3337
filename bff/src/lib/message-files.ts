// What portal and staff share when writing a message: a body as JSON (text only) or as a multipart form
// (with files), the files checked by content exactly as uploads are, and attachments sent back audited.
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { appendAudit } from "../audit/log";
import { auditRequest } from "../audit/request";
import type { Db } from "../db/client";
import { writeTx } from "../db/client";
import { insertFile } from "../db/documents";
import { findAttachment } from "../db/message-attachments";
import { postMessage } from "../db/messages";
import { careTeamMembers } from "../db/thread-people";
import { checkFile, cleanFileName, readStoredFile, type StoredFile, saveFile, withFiles } from "../files/store";
import { notifyNewMessage } from "../mail/notify-message";
import type { AppEnv } from "../types";
import { clientIp } from "./client-ip";
import { fileResponse } from "./file-response";
import { filesDir } from "./files-dir";
import { apiError } from "./http-error";
import { VALIDATION } from "./validate";

export const isMultipart = (c: Context) => (c.req.header("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");

/** Runs a validator only for one kind of body, keeping its schema visible to the route-table suites. */
function onlyFor<M extends MiddlewareHandler>(validator: M, multipart: boolean): M {
  const run: MiddlewareHandler = (c, next) => (isMultipart(c) === multipart ? validator(c, next) : next());
  return Object.assign(run, { [VALIDATION]: (validator as unknown as Record<string, unknown>)[VALIDATION] }) as unknown as M;
}

/**
 * A message body as JSON or, with attachments, as a form: each validator runs for its own content type.
 * @example .post("/x", messageLimit, ...messageBody(validate("json", A), validate("form", B)), (c) => messageInput(c))
 */
export function messageBody<J extends MiddlewareHandler, F extends MiddlewareHandler>(json: J, form: F): [J, F] {
  return [onlyFor(json, false), onlyFor(form, true)];
}

/** A message and its files together stay under the limit of one upload; stops while reading. */
export const messageLimit = bodyLimit({
  maxSize: 21 * 1024 * 1024,
  onError: (c) =>
    apiError(c, 413, "too_large", "De bestanden bij dit bericht zijn samen te groot. Samen mogen ze hoogstens 20 MB zijn.", {
      file: "Samen te groot",
    }),
});

export interface CheckedFile {
  bytes: Uint8Array;
  name: string;
  mime: string;
}

/** Checks every file before anything is stored: one refused file refuses the message, naming the file. */
export async function checkAttachments(c: Context<AppEnv>, files: File[] | undefined): Promise<CheckedFile[] | Response> {
  const out: CheckedFile[] = [];
  for (const file of files ?? []) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const check = await checkFile(bytes, file.name);
    const name = cleanFileName(file.name);
    if (!check.ok) {
      const message = `${name}: ${check.message}`;
      return apiError(c, check.code === "too_large" ? 413 : 400, check.code, message, { file: message });
    }
    out.push({ bytes, name, mime: check.mime });
  }
  return out;
}

/** Writes checked files to disk (before their rows, as store.ts asks). */
export function saveAttachments(c: Context<AppEnv>, checked: CheckedFile[]): { stored: StoredFile; name: string }[] {
  return checked.map((f) => ({ stored: saveFile(filesDir(c), f.bytes, f.mime), name: f.name }));
}

/** The rows of saved attachments; inside the message's write transaction (`db` is its `tx`). */
export async function insertAttachmentRows(
  db: Db,
  c: Context<AppEnv>,
  clientId: string,
  saved: { stored: StoredFile; name: string }[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const { stored, name } of saved) {
    ids.push(
      await insertFile(db, {
        orgId: c.var.org.id,
        clientId,
        storageName: stored.storageName,
        originalName: name,
        mime: stored.mime,
        size: stored.size,
        sha256: stored.sha256,
        uploadedBy: c.var.user.id,
      }),
    );
  }
  return ids;
}

/** Whether a new conversation names staff outside the client's care team (it may be for the team only). */
export async function unknownStaff(db: Db, orgId: string, clientId: string, staffIds: string[] | undefined): Promise<boolean> {
  if (!staffIds) return false;
  const team = new Set((await careTeamMembers(db, orgId, clientId)).map((m) => m.id));
  return staffIds.some((id) => !team.has(id));
}

export const NOT_IN_TEAM = "Kies ontvangers uit het team van deze cliënt. Ververs de pagina als het team net is gewijzigd.";

/** Sends one attachment of a thread the caller may read; every view and download is audited, refusals too. */
export async function sendAttachment(c: Context<AppEnv>, clientId: string, threadId: string, attachmentId: string, download: boolean) {
  const { db } = c.var.deps;
  const file = await findAttachment(db, c.var.org.id, threadId, attachmentId);
  await auditRequest(c, {
    clientId,
    action: download ? "message.attachment.download" : "message.attachment.view",
    objectType: "attachment",
    objectId: attachmentId,
    outcome: file ? "success" : "denied",
  });
  if (!file) return apiError(c, 404, "not_found", "Deze bijlage bestaat niet in dit gesprek.");
  return fileResponse(c, readStoredFile(filesDir(c), file.storageName), file, download);
}

/**
 * A message with its files, for the portal and for staff alike: the files checked by content and saved,
 * then in one transaction `write` stores the message (a new thread or a reply) with the rows of its
 * files, the readers are told by e-mail and the whole is audited. Answers 201 with the new id. `write`
 * runs inside that transaction: every query on its `tx`.
 */
export async function storeMessage(
  c: Context<AppEnv>,
  clientId: string,
  files: File[] | undefined,
  write: (fileIds: string[], tx: Db) => Promise<{ threadId: string; id: string }>,
  details: Record<string, unknown> = {},
): Promise<Response> {
  const { db } = c.var.deps;
  const { org, user } = c.var;
  const ip = clientIp(c);
  const checked = await checkAttachments(c, files);
  if (checked instanceof Response) return checked;
  const saved = saveAttachments(c, checked);
  const id = await withFiles(
    filesDir(c),
    saved.map((s) => s.stored),
    () =>
      writeTx(db, async (tx) => {
        const stored = await write(await insertAttachmentRows(tx, c, clientId, saved), tx);
        await notifyNewMessage(c, tx, clientId, user.id, stored.threadId);
        await appendAudit(tx, {
          orgId: org.id,
          actorId: user.id,
          actorLabel: user.email,
          clientId,
          action: "message.create",
          objectType: "thread",
          objectId: stored.threadId,
          ip,
          outcome: "success",
          details: { attachments: saved.length, ...details },
        });
        return stored.id;
      }),
  );
  return c.json({ id }, 201);
}

/** A reply in a thread the caller may write in (checked by the route). */
export function postReply(c: Context<AppEnv>, clientId: string, threadId: string, body: { body: string; file?: File[] }) {
  const { org, user } = c.var;
  return storeMessage(c, clientId, body.file, async (fileIds, tx) => ({
    threadId,
    id: await postMessage(tx, { orgId: org.id, threadId, senderId: user.id, body: body.body, fileIds }),
  }));
}
