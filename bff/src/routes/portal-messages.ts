// Berichten in a client's portal: threads with unread counts, reading marks read, writing notifies.
import { NewThreadSchema, ReplySchema, ThreadParamSchema } from "@portaal/shared/messages";
import { Hono } from "hono";
import { appendAudit } from "../audit/log";
import { writeTx } from "../db/client";
import { createThread, findThread, listThreads, postMessage, readThread, unreadTotal } from "../db/messages";
import { apiError } from "../lib/http-error";
import { validate } from "../lib/validate";
import type { AppEnv } from "../types";
import { clientIp } from "./auth";
import { notifyNewMessage } from "./messages-notify";

const NOT_FOUND = "Dit gesprek bestaat niet in dit portaal.";

export function portalMessageRoutes() {
  return new Hono<AppEnv>()
    .get("/threads", (c) => c.json({ items: listThreads(c.var.deps.db, c.var.org.id, [c.var.clientId], c.var.user.id) }, 200))
    .get("/unread", (c) => c.json({ unread: unreadTotal(c.var.deps.db, c.var.org.id, c.var.clientId, c.var.user.id) }, 200))
    .post("/threads", validate("json", NewThreadSchema), (c) => {
      const { db } = c.var.deps;
      const { org, user, clientId } = c.var;
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
      const { org, user, clientId } = c.var;
      const thread = findThread(db, org.id, clientId, c.req.valid("param").threadId);
      if (!thread) return apiError(c, 404, "not_found", NOT_FOUND);
      const messages = writeTx(db, () => {
        appendAudit(db, {
          orgId: org.id,
          actorId: user.id,
          actorLabel: user.email,
          clientId,
          action: "message.view",
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
      const { org, user, clientId } = c.var;
      const thread = findThread(db, org.id, clientId, c.req.valid("param").threadId);
      if (!thread) return apiError(c, 404, "not_found", NOT_FOUND);
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
