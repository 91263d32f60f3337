// Dagboek in a portal: each person's own entries only; sharing one makes it visible to staff.
import { DiaryInputSchema, DiaryParamSchema, DiaryQuerySchema, DiaryShareSchema, DiaryUpdateSchema } from "@portaal/shared/diary";
import { Hono } from "hono";
import { auditRequest } from "../../audit/request";
import { writeTx } from "../../db/client";
import { createEntry, deleteEntry, getOwnEntry, listOwnEntries, shareEntry, updateEntry } from "../../db/diary";
import { apiError } from "../../lib/http-error";
import { validate } from "../../lib/validate";
import type { AppEnv } from "../../types";

const NOT_FOUND = "Dit dagboekstuk bestaat niet (meer) in uw dagboek.";

export function portalDiaryRoutes() {
  return new Hono<AppEnv>()
    .get("/diary", validate("query", DiaryQuerySchema), async (c) => {
      const { page, pageSize } = c.req.valid("query");
      const { org, user, clientId } = c.var;
      const { db } = c.var.deps;
      const result = await writeTx(db, async (tx) => {
        await auditRequest(c, { clientId, action: "diary.list", objectType: "diary", details: { page } }, tx);
        return listOwnEntries(tx, org.id, clientId, user.id, page, pageSize);
      });
      return c.json(result, 200);
    })
    .post("/diary", validate("json", DiaryInputSchema), async (c) => {
      const { db } = c.var.deps;
      const { org, user, clientId } = c.var;
      const id = await writeTx(db, async (tx) => {
        const entryId = await createEntry(tx, org.id, clientId, user.id, c.req.valid("json"));
        await auditRequest(c, { clientId, action: "diary.create", objectType: "diary", objectId: entryId }, tx);
        return entryId;
      });
      return c.json(await getOwnEntry(db, org.id, clientId, user.id, id), 201);
    })
    .put("/diary/:entryId", validate("param", DiaryParamSchema), validate("json", DiaryUpdateSchema), async (c) => {
      const { db } = c.var.deps;
      const { org, user, clientId } = c.var;
      const { entryId } = c.req.valid("param");
      const { version, ...input } = c.req.valid("json");
      const current = await getOwnEntry(db, org.id, clientId, user.id, entryId);
      if (!current) return apiError(c, 404, "not_found", NOT_FOUND);
      const saved = await writeTx(db, async (tx) => {
        if (!(await updateEntry(tx, org.id, clientId, user.id, entryId, version, input))) return false;
        await auditRequest(c, { clientId, action: "diary.update", objectType: "diary", objectId: entryId }, tx);
        return true;
      });
      if (!saved) {
        return apiError(
          c,
          409,
          "conflict",
          "Dit stuk is intussen ergens anders gewijzigd. Kopieer uw tekst, laad de pagina opnieuw en pas het daarna aan.",
        );
      }
      return c.json(await getOwnEntry(db, org.id, clientId, user.id, entryId), 200);
    })
    .delete("/diary/:entryId", validate("param", DiaryParamSchema), async (c) => {
      const { db } = c.var.deps;
      const { org, user, clientId } = c.var;
      const { entryId } = c.req.valid("param");
      const removed = await writeTx(db, async (tx) => {
        if (!(await deleteEntry(tx, org.id, clientId, user.id, entryId))) return false;
        await auditRequest(c, { clientId, action: "diary.delete", objectType: "diary", objectId: entryId }, tx);
        return true;
      });
      if (!removed) return apiError(c, 404, "not_found", NOT_FOUND);
      return c.body(null, 204);
    })
    .post("/diary/:entryId/share", validate("param", DiaryParamSchema), validate("json", DiaryShareSchema), async (c) => {
      const { db } = c.var.deps;
      const { org, user, clientId } = c.var;
      const { entryId } = c.req.valid("param");
      const { shared } = c.req.valid("json");
      const done = await writeTx(db, async (tx) => {
        if (!(await shareEntry(tx, org.id, clientId, user.id, entryId, shared))) return false;
        await auditRequest(c, { clientId, action: shared ? "diary.share" : "diary.unshare", objectType: "diary", objectId: entryId }, tx);
        return true;
      });
      if (!done) return apiError(c, 404, "not_found", NOT_FOUND);
      return c.json(await getOwnEntry(db, org.id, clientId, user.id, entryId), 200);
    });
}
