// A client's diary entries that were shared with the care team (Beheer).
import { DiaryQuerySchema } from "@portaal/shared/diary";
import { Hono } from "hono";
import { auditRequest } from "../../audit/request";
import { writeTx } from "../../db/client";
import { listSharedEntries } from "../../db/diary";
import { validate } from "../../lib/validate";
import { visibleClient } from "../../middleware/visible-client";
import type { AppEnv } from "../../types";

export function beheerDiaryRoutes() {
  return new Hono<AppEnv>().get("/diary", visibleClient, validate("query", DiaryQuerySchema), async (c) => {
    const { db } = c.var.deps;
    const clientId = c.req.param("clientId") ?? "";
    const { page, pageSize } = c.req.valid("query");
    const result = await writeTx(db, async (tx) => {
      await auditRequest(c, { clientId, action: "diary.view_shared", objectType: "diary", details: { page } }, tx);
      return listSharedEntries(tx, c.var.org.id, clientId, page, pageSize);
    });
    return c.json(result, 200);
  });
}
