// Beheer: a client's documents and verslagen, shared per item and per person; uploads from users.

import { IdSchema } from "@portaal/shared/common";
import { CreateDocumentFormSchema, ShareSchema } from "@portaal/shared/dossier";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { appendAudit } from "../../audit/log";
import { type Db, writeTx } from "../../db/client";
import { accountEmails, createDocument, insertFile, setShares, staffDocumentFile, staffDocuments } from "../../db/documents";
import { keepUpload, listUploads, uploadFile } from "../../db/uploads";
import { checkFile, cleanFileName, readStoredFile, saveFile, withFile } from "../../files/store";
import { clientIp } from "../../lib/client-ip";
import { fileResponse } from "../../lib/file-response";
import { filesDir } from "../../lib/files-dir";
import { apiError } from "../../lib/http-error";
import { publicOrigin } from "../../lib/origin";
import { validate } from "../../lib/validate";
import { recentlyMailed } from "../../mail/outbox";
import { sharedMail } from "../../mail/templates";
import { visibleClient } from "../../middleware/visible-client";
import type { AppEnv } from "../../types";

const ClientParam = z.object({ clientId: IdSchema });
const DocParam = z.object({ clientId: IdSchema, documentId: IdSchema });
const UploadParam = z.object({ clientId: IdSchema, uploadId: IdSchema });
const BUNDLE_WINDOW_MS = 10 * 60_000;

/** `db`: the transaction's tx inside a writeTx body, else the database. */
function audit(c: Context<AppEnv>, db: Db, action: string, objectType: string, objectId: string | null, details?: Record<string, unknown>) {
  const { user, org } = c.var;
  return appendAudit(db, {
    orgId: org.id,
    actorId: user.id,
    actorLabel: user.email,
    clientId: c.req.param("clientId") ?? null,
    action,
    objectType,
    objectId,
    ip: clientIp(c),
    outcome: "success",
    details,
  });
}

const uploadLimit = bodyLimit({
  maxSize: 21 * 1024 * 1024,
  onError: (c) => apiError(c, 413, "too_large", "Dit bestand is te groot. Het mag hoogstens 20 MB zijn."),
});

export function beheerDocumentRoutes() {
  return new Hono<AppEnv>()
    .use("/documents/*", visibleClient)
    .use("/uploads/*", visibleClient)
    .get("/documents", validate("param", ClientParam), async (c) =>
      c.json(await staffDocuments(c.var.deps.db, c.var.org.id, c.req.valid("param").clientId), 200),
    )
    .post("/documents", uploadLimit, validate("param", ClientParam), validate("form", CreateDocumentFormSchema), async (c) => {
      const { db } = c.var.deps;
      const { org, user } = c.var;
      const { clientId } = c.req.valid("param");
      const input = c.req.valid("form");
      if (!input.file && !input.bodyText?.trim()) {
        return apiError(c, 400, "empty_document", "Voeg een bestand toe of schrijf de tekst van het verslag.", {
          file: "Bestand of tekst nodig",
        });
      }
      let stored: ReturnType<typeof saveFile> | null = null;
      if (input.file) {
        const bytes = new Uint8Array(await input.file.arrayBuffer());
        const check = await checkFile(bytes, input.file.name);
        if (!check.ok) return apiError(c, check.code === "too_large" ? 413 : 400, check.code, check.message, { file: check.message });
        stored = saveFile(filesDir(c), bytes, check.mime);
      }
      const fileName = input.file ? cleanFileName(input.file.name) : null;
      const id = await withFile(filesDir(c), stored, () =>
        writeTx(db, async (tx) => {
          const fileId =
            stored && fileName
              ? await insertFile(tx, {
                  orgId: org.id,
                  clientId,
                  storageName: stored.storageName,
                  originalName: fileName,
                  mime: stored.mime,
                  size: stored.size,
                  sha256: stored.sha256,
                  uploadedBy: user.id,
                })
              : null;
          const docId = await createDocument(tx, {
            orgId: org.id,
            clientId,
            kind: input.kind,
            title: input.title,
            docDate: input.docDate,
            author: input.author || user.displayName,
            category: input.category || null,
            bodyText: input.bodyText?.trim() || null,
            fileId,
            createdBy: user.id,
          });
          await audit(c, tx, "document.create", "document", docId, { kind: input.kind });
          return docId;
        }),
      );
      return c.json({ id }, 201);
    })
    .post("/documents/:documentId/shares", validate("param", DocParam), validate("json", ShareSchema), async (c) => {
      const { db, mailer } = c.var.deps;
      const { org, user } = c.var;
      const { clientId, documentId } = c.req.valid("param");
      const result = await writeTx(db, async (tx) => {
        const { accountIds, expected } = c.req.valid("json");
        const r = await setShares(tx, { orgId: org.id, clientId, documentId, accountIds, expected, sharedBy: user.id });
        if (!r.ok) return r;
        // One e-mail per person per batch: nothing more while an earlier notice is less than 10 minutes old.
        for (const person of await accountEmails(tx, org.id, r.added)) {
          if (!(await recentlyMailed(tx, person.email, "share", BUNDLE_WINDOW_MS)))
            await mailer.enqueue(sharedMail(org, person.email, person.name, `${publicOrigin(c)}/portaal/${clientId}`), tx);
        }
        await audit(c, tx, "document.share", "document", documentId, { added: r.added, removed: r.removed });
        return r;
      });
      if (!result.ok) {
        if (result.reason === "conflict") {
          return apiError(
            c,
            409,
            "conflict",
            "Iemand anders heeft intussen gewijzigd met wie dit stuk gedeeld is. Er is niets opgeslagen: bekijk wie het nu kan zien en kies daarna opnieuw.",
          );
        }
        return result.reason === "not_found"
          ? apiError(c, 404, "not_found", "Dit stuk bestaat niet (meer).")
          : apiError(
              c,
              400,
              "not_a_portal_user",
              "U kunt alleen delen met mensen die actief toegang hebben tot het portaal van deze cliënt.",
            );
      }
      return c.json({ added: result.added.length, removed: result.removed.length }, 200);
    })
    .get("/documents/:documentId/file", validate("param", DocParam), async (c) => {
      const { clientId, documentId } = c.req.valid("param");
      const file = await staffDocumentFile(c.var.deps.db, c.var.org.id, clientId, documentId);
      if (!file) return apiError(c, 404, "not_found", "Dit stuk heeft geen bestand of bestaat niet.");
      await audit(c, c.var.deps.db, "beheer.document.view", "document", documentId);
      return fileResponse(c, readStoredFile(filesDir(c), file.storageName), file, false);
    })
    .get("/uploads", validate("param", ClientParam), async (c) =>
      c.json({ items: await listUploads(c.var.deps.db, c.var.org.id, c.req.valid("param").clientId) }, 200),
    )
    .get("/uploads/:uploadId/file", validate("param", UploadParam), async (c) => {
      const { clientId, uploadId } = c.req.valid("param");
      const file = await uploadFile(c.var.deps.db, c.var.org.id, clientId, uploadId);
      if (!file) return apiError(c, 404, "not_found", "Deze upload bestaat niet.");
      await audit(c, c.var.deps.db, "beheer.upload.view", "upload", uploadId);
      // Uploads come from outside: always a download, never shown inline.
      return fileResponse(c, readStoredFile(filesDir(c), file.storageName), file, true);
    })
    .post("/uploads/:uploadId/keep", validate("param", UploadParam), async (c) => {
      const { clientId, uploadId } = c.req.valid("param");
      const ok = await keepUpload(c.var.deps.db, c.var.org.id, clientId, uploadId, c.var.user.id);
      if (!ok) return apiError(c, 404, "not_found", "Deze upload bestaat niet.");
      await audit(c, c.var.deps.db, "beheer.upload.keep", "upload", uploadId);
      return c.json({ ok: true }, 200);
    });
}
