// Beheer: the staff inbox across clients (filters: unread, client), reading and answering threads, with
// attachments. A practitioner sees a conversation when it is for the whole care team or they were chosen.
import { IdSchema } from "@portaal/shared/common";
import {
  AddParticipantSchema,
  AttachmentParamSchema,
  InboxQuerySchema,
  NewThreadFormSchema,
  NewThreadWithTeamSchema,
  NOBODY_IN_PORTAL,
  NOT_IN_PORTAL,
  ReplyFormSchema,
  ReplySchema,
  ThreadParamSchema,
} from "@portaal/shared/messages";
import { can } from "@portaal/shared/roles";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { appendAudit } from "../../audit/log";
import { auditRequest } from "../../audit/request";
import { writeTx } from "../../db/client";
import { accountEmails } from "../../db/documents";
import { createThread, findThread, listThreads, readThread, staffClientIds } from "../../db/messages";
import {
  addParticipants,
  careTeamMembers,
  portalPeopleOf,
  staffReadsThread,
  threadParticipantsOf,
  threadReaders,
  threadsChosenForOthers,
  unknownPortalPeople,
} from "../../db/thread-people";
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
import { publicOrigin } from "../../lib/origin";
import { validate } from "../../lib/validate";
import { messageMail } from "../../mail/templates";
import { visibleClient } from "../../middleware/visible-client";
import type { AppEnv } from "../../types";

const ClientParam = z.object({ clientId: IdSchema });
const FileQuery = z.object({ download: z.enum(["0", "1"]).optional() });
const NOT_FOUND = "Dit gesprek bestaat niet.";

/** The thread when this staff member reads it; the same 404 whether it does not exist or is for others. */
async function readableThread(c: Context<AppEnv>, clientId: string, threadId: string) {
  const thread = await findThread(c.var.deps.db, c.var.org.id, clientId, threadId);
  return thread && (await staffReadsThread(c.var.deps.db, thread.id, c.var.user)) ? thread : undefined;
}

export function beheerInboxRoutes() {
  return new Hono<AppEnv>().get("/", validate("query", InboxQuerySchema), async (c) => {
    const { db } = c.var.deps;
    const { org, user } = c.var;
    const q = c.req.valid("query");
    const all = can(user.staffRole, "clients.all");
    let ids = await staffClientIds(db, org.id, user.id, all);
    if (q.clientId) ids = ids.filter((id) => id === q.clientId);
    const items = await listThreads(db, org.id, ids, user.id, { unreadOnly: q.unread === "1" });
    if (can(user.staffRole, "threads.all")) return c.json({ items }, 200);
    const forOthers = await threadsChosenForOthers(
      db,
      org.id,
      user.id,
      items.map((t) => t.id),
    );
    return c.json({ items: items.filter((t) => !forOthers.has(t.id)) }, 200);
  });
}

export function beheerThreadRoutes() {
  return (
    new Hono<AppEnv>()
      .use("/threads/*", visibleClient)
      .use("/team", visibleClient)
      .use("/portal-people", visibleClient)
      .get("/team", validate("param", ClientParam), async (c) =>
        c.json({ items: await careTeamMembers(c.var.deps.db, c.var.org.id, c.req.valid("param").clientId) }, 200),
      )
      // The people with access to the portal now: whom a conversation or an appointment can be for.
      .get("/portal-people", validate("param", ClientParam), async (c) =>
        c.json({ items: await portalPeopleOf(c.var.deps.db, c.var.org.id, c.req.valid("param").clientId) }, 200),
      )
      .post(
        "/threads",
        messageLimit,
        validate("param", ClientParam),
        ...messageBody(validate("json", NewThreadWithTeamSchema), validate("form", NewThreadFormSchema)),
        async (c) => {
          const { db } = c.var.deps;
          const { org, user } = c.var;
          const { clientId } = c.req.valid("param");
          const body = isMultipart(c) ? c.req.valid("form") : { ...c.req.valid("json"), file: undefined };
          if (await unknownStaff(db, org.id, clientId, body.staffIds))
            return apiError(c, 400, "not_in_team", NOT_IN_TEAM, { staffIds: NOT_IN_TEAM });
          if (body.participantIds && body.participantIds.length === 0)
            return apiError(c, 400, "no_participants", NOBODY_IN_PORTAL, { participantIds: NOBODY_IN_PORTAL });
          if (await unknownPortalPeople(db, org.id, clientId, body.participantIds))
            return apiError(c, 400, "not_in_portal", NOT_IN_PORTAL, { participantIds: NOT_IN_PORTAL });
          // By default everyone with access to the portal now takes part.
          const participantIds = body.participantIds ?? (await portalPeopleOf(db, org.id, clientId)).map((p) => p.id);
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
                // The writer keeps reading what they chose to send to colleagues.
                ...(body.staffIds ? { staffIds: [...body.staffIds, user.id] } : {}),
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
        const { org, user } = c.var;
        const { clientId, threadId } = c.req.valid("param");
        const thread = await readableThread(c, clientId, threadId);
        if (!thread) return apiError(c, 404, "not_found", NOT_FOUND);
        const messages = await writeTx(db, async (tx) => {
          await appendAudit(tx, {
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
          return readThread(tx, thread.id, org.id, user.id);
        });
        const participants = await threadParticipantsOf(db, org.id, clientId, thread.id);
        const readers = await threadReaders(db, org.id, clientId, thread.id, user.id, participants);
        return c.json({ id: thread.id, subject: thread.subject, messages, readers, participants }, 200);
      })
      // Adds a portal person to a conversation: from then on they read the whole of it. Told by e-mail (no content).
      .post("/threads/:threadId/participants", validate("param", ThreadParamSchema), validate("json", AddParticipantSchema), async (c) => {
        const { db } = c.var.deps;
        const { org, user } = c.var;
        const { clientId, threadId } = c.req.valid("param");
        const thread = await readableThread(c, clientId, threadId);
        if (!thread) return apiError(c, 404, "not_found", NOT_FOUND);
        const { accountId } = c.req.valid("json");
        if (await unknownPortalPeople(db, org.id, clientId, [accountId])) {
          await auditRequest(c, {
            clientId,
            action: "thread.participant.add",
            objectType: "thread",
            objectId: thread.id,
            outcome: "denied",
          });
          return apiError(c, 400, "not_in_portal", NOT_IN_PORTAL, { accountId: NOT_IN_PORTAL });
        }
        const added = await writeTx(db, async (tx) => {
          const ids = await addParticipants(tx, org.id, thread.id, [accountId], user.id, c.var.deps.clock());
          if (ids.length > 0) {
            for (const person of await accountEmails(tx, org.id, ids))
              await c.var.deps.mailer.enqueue(
                messageMail(org, person.email, person.name, `${publicOrigin(c)}/portaal/${clientId}/berichten`),
                tx,
              );
            await auditRequest(
              c,
              {
                clientId,
                action: "thread.participant.add",
                objectType: "thread",
                objectId: thread.id,
                outcome: "success",
                details: { accountId },
              },
              tx,
            );
          }
          return ids.length > 0;
        });
        return c.json({ added, participants: await threadParticipantsOf(db, org.id, clientId, thread.id) }, 200);
      })
      .get(
        "/threads/:threadId/attachments/:attachmentId",
        validate("param", AttachmentParamSchema),
        validate("query", FileQuery),
        async (c) => {
          const { clientId, threadId, attachmentId } = c.req.valid("param");
          const thread = await readableThread(c, clientId, threadId);
          if (!thread) return apiError(c, 404, "not_found", NOT_FOUND);
          return sendAttachment(c, clientId, thread.id, attachmentId, c.req.valid("query").download === "1");
        },
      )
      .post(
        "/threads/:threadId/messages",
        messageLimit,
        validate("param", ThreadParamSchema),
        ...messageBody(validate("json", ReplySchema), validate("form", ReplyFormSchema)),
        async (c) => {
          const { clientId, threadId } = c.req.valid("param");
          const thread = await readableThread(c, clientId, threadId);
          if (!thread) return apiError(c, 404, "not_found", NOT_FOUND);
          const body = isMultipart(c) ? c.req.valid("form") : { ...c.req.valid("json"), file: undefined };
          return postReply(c, clientId, thread.id, body);
        },
      )
  );
}
