// Berichten in a client's portal: threads with unread counts, reading marks read, writing notifies.
// A message may carry files (checked like uploads); a new conversation may be for part of the care team.
import {
  AttachmentParamSchema,
  NewThreadFormSchema,
  NewThreadWithTeamSchema,
  NOT_IN_PORTAL,
  ReplyFormSchema,
  ReplySchema,
  ThreadParamSchema,
} from "@portaal/shared/messages";
import { Hono, type MiddlewareHandler } from "hono";
import { z } from "zod";
import { appendAudit } from "../../audit/log";
import { writeTx } from "../../db/client";
import { createThread, findPortalThread, listPortalThreads, readThread, unreadTotal } from "../../db/messages";
import { careTeamMembers, portalPeopleOf, threadParticipantsOf, threadReaders, unknownPortalPeople } from "../../db/thread-people";
import { clientIp } from "../../lib/client-ip";
import { apiError } from "../../lib/http-error";
import {
  isMultipart,
  messageBody,
  messageLimit,
  NOT_IN_TEAM,
  postReply,
  sendAttachment,
  storeMessage,
  unknownStaff,
} from "../../lib/message-files";
import { validate } from "../../lib/validate";
import type { AppEnv } from "../../types";

const NOT_FOUND = "Dit gesprek bestaat niet in dit portaal.";

/** Only participants get past this, before any body is read: for everyone else the thread does not exist. */
const participantOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  const thread = await findPortalThread(c.var.deps.db, c.var.org.id, c.var.clientId, c.req.param("threadId") ?? "", c.var.user.id);
  if (!thread) return apiError(c, 404, "not_found", NOT_FOUND);
  await next();
};
const FileQuery = z.object({ download: z.enum(["0", "1"]).optional() });

export function portalMessageRoutes() {
  return (
    new Hono<AppEnv>()
      // Only the conversations this person takes part in.
      .get("/threads", async (c) =>
        c.json({ items: await listPortalThreads(c.var.deps.db, c.var.org.id, c.var.clientId, c.var.user.id) }, 200),
      )
      .get("/unread", async (c) => c.json({ unread: await unreadTotal(c.var.deps.db, c.var.org.id, c.var.clientId, c.var.user.id) }, 200))
      // Whom a new conversation can be for: the practitioners linked to the client.
      .get("/team", async (c) => c.json({ items: await careTeamMembers(c.var.deps.db, c.var.org.id, c.var.clientId) }, 200))
      // Who in the portal can take part in a new conversation: names and roles, no e-mail addresses.
      .get("/people", async (c) => c.json({ items: await portalPeopleOf(c.var.deps.db, c.var.org.id, c.var.clientId) }, 200))
      .post(
        "/threads",
        messageLimit,
        ...messageBody(validate("json", NewThreadWithTeamSchema), validate("form", NewThreadFormSchema)),
        async (c) => {
          const { db } = c.var.deps;
          const { org, user, clientId } = c.var;
          const body = isMultipart(c) ? c.req.valid("form") : { ...c.req.valid("json"), file: undefined };
          if (await unknownStaff(db, org.id, clientId, body.staffIds))
            return apiError(c, 400, "not_in_team", NOT_IN_TEAM, { staffIds: NOT_IN_TEAM });
          if (await unknownPortalPeople(db, org.id, clientId, body.participantIds))
            return apiError(c, 400, "not_in_portal", NOT_IN_PORTAL, { participantIds: NOT_IN_PORTAL });
          // The starter always takes part; by default nobody else.
          const participantIds = [user.id, ...(body.participantIds ?? []).filter((id) => id !== user.id)];
          return storeMessage(
            c,
            clientId,
            body.file,
            async (fileIds, tx) => {
              const threadId = await createThread(tx, {
                orgId: org.id,
                clientId,
                subject: body.subject,
                body: body.body,
                senderId: user.id,
                fileIds,
                ...(body.staffIds ? { staffIds: body.staffIds } : {}),
                participantIds,
              });
              return { threadId, id: threadId };
            },
            { staff: body.staffIds?.length ?? "team", participants: participantIds.length },
          );
        },
      )
      .get("/threads/:threadId", validate("param", ThreadParamSchema), async (c) => {
        const { db } = c.var.deps;
        const { org, user, clientId } = c.var;
        const thread = await findPortalThread(db, org.id, clientId, c.req.valid("param").threadId, user.id);
        if (!thread) return apiError(c, 404, "not_found", NOT_FOUND);
        const messages = await writeTx(db, async (tx) => {
          await appendAudit(tx, {
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
          return readThread(tx, thread.id, org.id, user.id);
        });
        const participants = await threadParticipantsOf(db, org.id, clientId, thread.id);
        const readers = await threadReaders(db, org.id, clientId, thread.id, user.id, participants);
        return c.json({ id: thread.id, subject: thread.subject, messages, readers, participants }, 200);
      })
      .get(
        "/threads/:threadId/attachments/:attachmentId",
        validate("param", AttachmentParamSchema),
        validate("query", FileQuery),
        async (c) => {
          const { threadId, attachmentId } = c.req.valid("param");
          const thread = await findPortalThread(c.var.deps.db, c.var.org.id, c.var.clientId, threadId, c.var.user.id);
          if (!thread) return apiError(c, 404, "not_found", NOT_FOUND);
          return sendAttachment(c, c.var.clientId, thread.id, attachmentId, c.req.valid("query").download === "1");
        },
      )
      .post(
        "/threads/:threadId/messages",
        messageLimit,
        validate("param", ThreadParamSchema),
        participantOnly,
        ...messageBody(validate("json", ReplySchema), validate("form", ReplyFormSchema)),
        async (c) => {
          const { db } = c.var.deps;
          const { org, user, clientId } = c.var;
          const thread = await findPortalThread(db, org.id, clientId, c.req.valid("param").threadId, user.id);
          if (!thread) return apiError(c, 404, "not_found", NOT_FOUND);
          const body = isMultipart(c) ? c.req.valid("form") : { ...c.req.valid("json"), file: undefined };
          return postReply(c, clientId, thread.id, body);
        },
      )
  );
}
