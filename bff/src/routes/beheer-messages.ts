// Beheer: the staff inbox across clients (filters: unread, client), reading and answering threads.
import { IdSchema } from "@portaal/shared/common";
import { InboxQuerySchema, NewThreadSchema, ReplySchema, ThreadParamSchema } from "@portaal/shared/messages";
import { Hono } from "hono";
import { z } from "zod";
import { appendAudit } from "../audit/log";
import { writeTx } from "../db/client";
import { createThread, findThread, listThreads, postMessage, readThread, staffClientIds } from "../db/messages";
import { apiError } from "../lib/http-error";
import { validate } from "../lib/validate";
import type { AppEnv } from "../types";
import { clientIp } from "./auth";
import { visibleClient } from "./beheer-documents";
import { notifyNewMessage } from "./messages-notify";

const ClientParam = z.object({ clientId: IdSchema });

export function beheerInboxRoutes() {
  return new Hono<AppEnv>().get("/", validate("query", InboxQuerySchema), (c) => {
    const { db } = c.var.deps;
    const { org, user } = c.var;
    const q = c.req.valid("query");
    const all = user.staffRole === "beheerder" || user.staffRole === "secretariaat";
    let ids = staffClientIds(db, org.id, user.id, all);
    if (q.clientId) ids = ids.filter((id) => id === q.clientId);
    return c.json({ items: listThreads(db, org.id, ids, user.id, { unreadOnly: q.unread === "1" }) }, 200);
  });
}

export function beheerThreadRoutes() {
  return new Hono<AppEnv>()
    .use("/threads/*", visibleClient)
    .post("/threads", validate("param", ClientParam), validate("json", NewThreadSchema), (c) => {
      const { db } = c.var.deps;
      const { org, user } = c.var;
      const { clientId } = c.req.valid("param");
      const body = c.req.valid("json");
      const id = writeTx(db, () => {
        const threadId = createThread(db, { orgId: org.id, clientId, subject: body.subject, body: body.body, senderId: user.id });
        notifyNewMessage(c, db, clientId, user.id);
        appendAudit(db, {
          orgId: org.id,
          actorId: user.id,
          actorLabel: user.email,
          clientId,
          action: "message.create",
          objectType: "thread",
          objectId: threadId,
          ip: clientIp(c),
          outcome: "success",
        });
        return threadId;
      });
      return c.json({ id }, 201);
    })
    .get("/threads/:threadId", validate("param", ThreadParamSchema), (c) => {
      const { db } = c.var.deps;
      const { org, user } = c.var;
      const { clientId, threadId } = c.req.valid("param");
      const thread = findThread(db, org.id, clientId, threadId);
      if (!thread) return apiError(c, 404, "not_found", "Dit gesprek bestaat niet.");
      const messages = writeTx(db, () => {
        appendAudit(db, {
          orgId: org.id,
          actorId: user.id,
          actorLabel: user.email,
          clientId,
          action: "beheer.message.view",
          objectType: "thread",
          objectId: thread.id,
          ip: clientIp(c),
          outcome: "success",
        });
        return readThread(db, thread.id, org.id, user.id);
      });
      return c.json({ id: thread.id, subject: thread.subject, messages }, 200);
    })
    .post("/threads/:threadId/messages", validate("param", ThreadParamSchema), validate("json", ReplySchema), (c) => {
      const { db } = c.var.deps;
      const { org, user } = c.var;
      const { clientId, threadId } = c.req.valid("param");
      const thread = findThread(db, org.id, clientId, threadId);
      if (!thread) return apiError(c, 404, "not_found", "Dit gesprek bestaat niet.");
      const id = writeTx(db, () => {
        const messageId = postMessage(db, { orgId: org.id, threadId: thread.id, senderId: user.id, body: c.req.valid("json").body });
        notifyNewMessage(c, db, clientId, user.id);
        appendAudit(db, {
          orgId: org.id,
          actorId: user.id,
          actorLabel: user.email,
          clientId,
          action: "message.create",
          objectType: "thread",
          objectId: thread.id,
          ip: clientIp(c),
          outcome: "success",
        });
        return messageId;
      });
      return c.json({ id }, 201);
    });
}
