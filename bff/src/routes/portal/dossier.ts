// Dossier and Verslagen in a client's portal: only what is shared with this user; previews, downloads,
// uploads, and the client's own access log. Every view and download is audited (NEN 7513).

import { IdSchema } from "@portaal/shared/common";
import { AccessLogQuerySchema, DocumentListQuerySchema, UploadFormSchema, UploadParamSchema } from "@portaal/shared/dossier";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { appendAudit } from "../../audit/log";
import { auditRequest } from "../../audit/request";
import { mayReadAccessLog } from "../../db/access";
import { clientAccessLog } from "../../db/access-log";
import { lockForTransaction, writeTx } from "../../db/client";
import { getSharedDocument, insertFile, listSharedDocuments } from "../../db/documents";
import { careTeamEmails, createUpload, listOwnUploads, removeOwnUpload, uploadedBytes } from "../../db/uploads";
import { checkFile, cleanFileName, readStoredFile, removeStoredFile, saveFile, syncFolder, withFile } from "../../files/store";
import { clientIp } from "../../lib/client-ip";
import { amsterdamTimeOn } from "../../lib/dutch-time";
import { fileResponse } from "../../lib/file-response";
import { filesDir } from "../../lib/files-dir";
import { apiError } from "../../lib/http-error";
import { publicOrigin } from "../../lib/origin";
import { validate } from "../../lib/validate";
import { recentlyMailed } from "../../mail/outbox";
import { uploadedMail } from "../../mail/templates";
import type { AppEnv } from "../../types";

const DocParam = z.object({ clientId: IdSchema, documentId: IdSchema });
const FileQuery = z.object({ download: z.enum(["0", "1"]).optional() });
const BUNDLE_WINDOW_MS = 10 * 60_000;

const UPLOAD_ERRORS = {
  not_found: [404, "Deze upload bestaat niet (meer) of is niet door u geüpload."],
  kept: [
    409,
    "Deze upload is al bewaard in het dossier en kan niet meer worden verwijderd. Neem contact op met de organisatie als hij weg moet.",
  ],
} as const;

function viewer(c: Context<AppEnv>) {
  return { orgId: c.var.org.id, clientId: c.var.clientId, accountId: c.var.user.id };
}

function auditView(c: Context<AppEnv>, action: "document.view" | "document.download", documentId: string, outcome: "success" | "denied") {
  const { user, org, clientId } = c.var;
  return appendAudit(c.var.deps.db, {
    orgId: org.id,
    actorId: user.id,
    actorLabel: user.email,
    clientId,
    action,
    objectType: "document",
    objectId: documentId,
    ip: clientIp(c),
    outcome,
  });
}

const NOT_SHARED = "Dit stuk bestaat niet of is niet (meer) met u gedeeld.";

/** Uploads stop at the limit while reading, before anything is stored. */
const uploadLimit = bodyLimit({
  maxSize: 21 * 1024 * 1024,
  onError: (c) => apiError(c, 413, "too_large", "Dit bestand is te groot. Het mag hoogstens 20 MB zijn."),
});

export function portalDossierRoutes() {
  return (
    new Hono<AppEnv>()
      .get("/documents", validate("query", DocumentListQuerySchema), async (c) => {
        return c.json(await listSharedDocuments(c.var.deps.db, viewer(c), c.req.valid("query")), 200);
      })
      .get("/documents/:documentId", validate("param", DocParam), async (c) => {
        const { documentId } = c.req.valid("param");
        const doc = await getSharedDocument(c.var.deps.db, viewer(c), documentId);
        if (!doc) {
          await auditView(c, "document.view", documentId, "denied");
          return apiError(c, 404, "not_found", NOT_SHARED);
        }
        await auditView(c, "document.view", documentId, "success");
        const { storageName: _, ...body } = doc;
        return c.json(body, 200);
      })
      .get("/documents/:documentId/file", validate("param", DocParam), validate("query", FileQuery), async (c) => {
        const { documentId } = c.req.valid("param");
        const download = c.req.valid("query").download === "1";
        const doc = await getSharedDocument(c.var.deps.db, viewer(c), documentId);
        if (!doc?.storageName || !doc.file) {
          await auditView(c, download ? "document.download" : "document.view", documentId, "denied");
          return apiError(c, 404, "not_found", NOT_SHARED);
        }
        await auditView(c, download ? "document.download" : "document.view", documentId, "success");
        return fileResponse(c, readStoredFile(filesDir(c), doc.storageName), doc.file, download);
      })
      .post("/uploads", uploadLimit, validate("form", UploadFormSchema), async (c) => {
        const { db, mailer } = c.var.deps;
        const { org, user, clientId } = c.var;
        const { file, note } = c.req.valid("form");
        const bytes = new Uint8Array(await file.arrayBuffer());
        // The portal's upload quota: nobody fills the disk, by mistake or on purpose.
        const quota = c.var.deps.config.uploadQuotaBytes;
        const full = async () => {
          const message = quotaMessage(await uploadedBytes(db, org.id, clientId), quota);
          return apiError(c, 413, "quota_exceeded", message, { file: message });
        };
        if ((await uploadedBytes(db, org.id, clientId)) + bytes.byteLength > quota) return full();
        const check = await checkFile(bytes, file.name);
        if (!check.ok) return apiError(c, check.code === "too_large" ? 413 : 400, check.code, check.message, { file: check.message });
        const stored = saveFile(filesDir(c), bytes, check.mime);
        let uploadId: string;
        try {
          uploadId = await withFile(filesDir(c), stored, () =>
            writeTx(db, async (tx) => {
              // Again inside the write: uploads sent at the same time cannot pass the quota together.
              // On PostgreSQL the portal's quota lock makes the second upload read the first one's sum.
              await lockForTransaction(tx, `quota:${clientId}`);
              if ((await uploadedBytes(tx, org.id, clientId)) + stored.size > quota) throw new QuotaExceeded();
              const fileId = await insertFile(tx, {
                orgId: org.id,
                clientId,
                storageName: stored.storageName,
                originalName: cleanFileName(file.name),
                mime: stored.mime,
                size: stored.size,
                sha256: stored.sha256,
                uploadedBy: user.id,
              });
              const id = await createUpload(tx, { orgId: org.id, clientId, fileId, accountId: user.id, note: note || null });
              for (const staff of await careTeamEmails(tx, org.id, clientId)) {
                if (!(await recentlyMailed(tx, staff.email, "upload", BUNDLE_WINDOW_MS)))
                  await mailer.enqueue(uploadedMail(org, staff.email, staff.name, `${publicOrigin(c)}/beheer/clienten/${clientId}`), tx);
              }
              await appendAudit(tx, {
                orgId: org.id,
                actorId: user.id,
                actorLabel: user.email,
                clientId,
                action: "upload.create",
                objectType: "upload",
                objectId: id,
                ip: clientIp(c),
                outcome: "success",
                details: { size: stored.size, mime: stored.mime },
              });
              return id;
            }),
          );
        } catch (err) {
          if (err instanceof QuotaExceeded) return full();
          throw err;
        }
        return c.json({ id: uploadId, name: cleanFileName(file.name), mime: stored.mime, size: stored.size }, 201);
      })
      // Only one's own uploads: the other parent of the same child does not see them (nor remove them).
      .get("/uploads", async (c) => {
        const { org, user, clientId } = c.var;
        return c.json({ items: await listOwnUploads(c.var.deps.db, org.id, clientId, user.id) }, 200);
      })
      .delete("/uploads/:uploadId", validate("param", UploadParamSchema), async (c) => {
        const { db } = c.var.deps;
        const { org, user, clientId } = c.var;
        const { uploadId } = c.req.valid("param");
        const result = await writeTx(db, async (tx) => {
          const r = await removeOwnUpload(tx, org.id, clientId, user.id, uploadId);
          await auditRequest(
            c,
            {
              clientId,
              action: "upload.remove",
              objectType: "upload",
              objectId: uploadId,
              outcome: r.ok ? "success" : r.reason === "kept" ? "failure" : "denied",
            },
            tx,
          );
          return r;
        });
        if (!result.ok) return apiError(c, UPLOAD_ERRORS[result.reason][0], result.reason, UPLOAD_ERRORS[result.reason][1]);
        // After the commit: a crash before this line leaves an orphan that the start-up sweep removes.
        removeStoredFile(filesDir(c), result.storageName);
        syncFolder(filesDir(c));
        return c.json({ id: uploadId, name: result.fileName }, 200);
      })
      .get("/access-log", validate("query", AccessLogQuerySchema), async (c) => {
        const { db } = c.var.deps;
        const { org, user, clientId } = c.var;
        if (!(await mayReadAccessLog(db, org.id, clientId, user))) {
          return apiError(
            c,
            403,
            "no_access_log",
            "Alleen de cliënt zelf en een relatie met gezag kunnen zien wie de gedeelde stukken heeft bekeken.",
          );
        }
        const { page, pageSize, from, to } = c.req.valid("query");
        const period = { from: from ? startOfDutchDay(from, 0) : null, until: to ? startOfDutchDay(to, 1) : null };
        return c.json(await clientAccessLog(db, org, clientId, user.id, { page, pageSize, period }), 200);
      })
  );
}

class QuotaExceeded extends Error {}

/** Midnight in Amsterdam at the start of the Dutch day `days` after `date` (YYYY-MM-DD). */
function startOfDutchDay(date: string, days: number): number {
  const [y, m, d] = date.split("-").map(Number);
  // Noon UTC lies on the same Dutch calendar day, summer and winter time alike.
  return amsterdamTimeOn(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days, 12), 0);
}

const megabytes = (n: number) => `${(n / 1024 / 1024).toLocaleString("nl-NL", { maximumFractionDigits: 1 })} MB`;

function quotaMessage(used: number, quota: number): string {
  return `Dit bestand past niet meer in het portaal: samen mogen uploads hier hoogstens ${megabytes(quota)} zijn, en er is al ${megabytes(used)} geüpload. Neem contact op met de organisatie als u meer wilt delen.`;
}
