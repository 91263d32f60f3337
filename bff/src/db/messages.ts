// Message threads of a portal: who may read them, unread counts per person, posting.
import type { Message, ThreadSummary } from "@portaal/shared/messages";
import { and, asc, desc, eq, inArray, ne, type SQL, sql } from "drizzle-orm";
import { newId } from "../lib/ids";
import { type Db, first, preparedQuery } from "./client";
import { greatest } from "./dialect";
import { attachFiles, attachmentsOf } from "./message-attachments";
import { accounts, careTeam, clients, messages, messageThreads, portalGrants, threadParticipants, threadReads } from "./tables";
import { addParticipants, chooseStaff, chosenStaff } from "./thread-people";

/** Unread for one person: messages of others after what they read. */
function unreadCount(accountId: string | SQL.Aliased | ReturnType<typeof sql.placeholder>) {
  return sql<number>`(SELECT count(*) FROM ${messages} m WHERE m.thread_id = ${messageThreads.id} AND m.sender_id <> ${accountId}
    AND m.created_at > COALESCE((SELECT r.read_up_to FROM ${threadReads} r WHERE r.thread_id = ${messageThreads.id} AND r.account_id = ${accountId}), 0))`.mapWith(
    Number,
  );
}

const fullName = sql<string>`${clients.firstName} || ' ' || ${clients.lastName}`;

export async function listThreads(
  db: Db,
  orgId: string,
  clientIds: string[],
  accountId: string,
  opts: { unreadOnly?: boolean } = {},
): Promise<ThreadSummary[]> {
  if (clientIds.length === 0) return [];
  // One portal's threads (the portal's Berichten) is the common case: built once per database.
  const rows =
    clientIds.length === 1
      ? await threadsOfOneClient(db).all({ orgId, clientId: clientIds[0], accountId })
      : await db
          .select(threadColumns(accountId))
          .from(messageThreads)
          .innerJoin(clients, eq(clients.id, messageThreads.clientId))
          .where(and(eq(messageThreads.orgId, orgId), inArray(messageThreads.clientId, clientIds)))
          .orderBy(desc(messageThreads.lastMessageAt))
          .limit(200);
  return opts.unreadOnly ? rows.filter((r) => r.unread > 0) : rows;
}

/** A thread in a list: its client, subject, last message and the reader's unread count. */
function threadColumns(accountId: Parameters<typeof unreadCount>[0]) {
  return {
    id: messageThreads.id,
    clientId: messageThreads.clientId,
    clientName: fullName,
    subject: messageThreads.subject,
    lastMessageAt: messageThreads.lastMessageAt,
    unread: unreadCount(accountId),
  };
}

const threadsOfOneClient = preparedQuery("threadsOfOneClient", (db) =>
  db
    .select(threadColumns(sql.placeholder("accountId")))
    .from(messageThreads)
    .innerJoin(clients, eq(clients.id, messageThreads.clientId))
    .where(and(eq(messageThreads.orgId, sql.placeholder("orgId")), eq(messageThreads.clientId, sql.placeholder("clientId"))))
    .orderBy(desc(messageThreads.lastMessageAt))
    .limit(200),
);

/** Threads of one portal that this person takes part in (the portal's Berichten). */
const threadsOfOneClientFor = preparedQuery("threadsOfOneClientFor", (db) =>
  db
    .select(threadColumns(sql.placeholder("accountId")))
    .from(messageThreads)
    .innerJoin(clients, eq(clients.id, messageThreads.clientId))
    .innerJoin(
      threadParticipants,
      and(eq(threadParticipants.threadId, messageThreads.id), eq(threadParticipants.accountId, sql.placeholder("accountId"))),
    )
    .where(and(eq(messageThreads.orgId, sql.placeholder("orgId")), eq(messageThreads.clientId, sql.placeholder("clientId"))))
    .orderBy(desc(messageThreads.lastMessageAt))
    .limit(200),
);

/** The portal's conversations of one person: only those they take part in. */
export async function listPortalThreads(db: Db, orgId: string, clientId: string, accountId: string): Promise<ThreadSummary[]> {
  return await threadsOfOneClientFor(db).all({ orgId, clientId, accountId });
}

export async function unreadTotal(db: Db, orgId: string, clientId: string, accountId: string): Promise<number> {
  return (await listPortalThreads(db, orgId, clientId, accountId)).reduce((n, t) => n + t.unread, 0);
}

/** A thread of this portal that this person takes part in; undefined for any other (the same 404). */
export async function findPortalThread(db: Db, orgId: string, clientId: string, threadId: string, accountId: string) {
  return first(
    await db
      .select({ id: messageThreads.id, subject: messageThreads.subject })
      .from(messageThreads)
      .innerJoin(threadParticipants, and(eq(threadParticipants.threadId, messageThreads.id), eq(threadParticipants.accountId, accountId)))
      .where(and(eq(messageThreads.orgId, orgId), eq(messageThreads.clientId, clientId), eq(messageThreads.id, threadId))),
  );
}

export async function findThread(db: Db, orgId: string, clientId: string, threadId: string) {
  return first(
    await db
      .select()
      .from(messageThreads)
      .where(and(eq(messageThreads.orgId, orgId), eq(messageThreads.clientId, clientId), eq(messageThreads.id, threadId))),
  );
}

/** The messages of a thread; reading them marks them read for this person. */
export async function readThread(db: Db, threadId: string, orgId: string, accountId: string, now = Date.now()): Promise<Message[]> {
  const rows = await db
    .select({
      id: messages.id,
      senderId: messages.senderId,
      sender: accounts.displayName,
      kind: accounts.kind,
      body: messages.body,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .innerJoin(accounts, eq(accounts.id, messages.senderId))
    .where(eq(messages.threadId, threadId))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  const latest = rows.at(-1)?.createdAt ?? now;
  await db
    .insert(threadReads)
    .values({ orgId, threadId, accountId, readUpTo: latest })
    .onConflictDoUpdate({
      target: [threadReads.threadId, threadReads.accountId],
      set: { readUpTo: greatest(threadReads.readUpTo, latest) },
    });
  const attachments = await attachmentsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    sender: r.sender,
    mine: r.senderId === accountId,
    staff: r.kind === "staff",
    body: r.body,
    createdAt: r.createdAt,
    attachments: attachments.get(r.id) ?? [],
  }));
}

export async function postMessage(
  db: Db,
  input: { orgId: string; threadId: string; senderId: string; body: string; fileIds?: string[] },
  now = Date.now(),
): Promise<string> {
  const id = newId();
  await db
    .insert(messages)
    .values({ id, orgId: input.orgId, threadId: input.threadId, senderId: input.senderId, body: input.body, createdAt: now });
  if (input.fileIds?.length) await attachFiles(db, input.orgId, id, input.fileIds);
  await db.update(messageThreads).set({ lastMessageAt: now }).where(eq(messageThreads.id, input.threadId));
  // The sender has read their own message.
  await db
    .insert(threadReads)
    .values({ orgId: input.orgId, threadId: input.threadId, accountId: input.senderId, readUpTo: now })
    .onConflictDoUpdate({ target: [threadReads.threadId, threadReads.accountId], set: { readUpTo: now } });
  return id;
}

export async function createThread(
  db: Db,
  input: {
    orgId: string;
    clientId: string;
    subject: string;
    body: string;
    senderId: string;
    fileIds?: string[];
    /** Part of the care team the conversation is for; absent: the whole team. */
    staffIds?: string[];
    /** The portal people who take part (checked by the route); a portal starter is added by the route. */
    participantIds: readonly string[];
  },
  now = Date.now(),
): Promise<string> {
  const id = newId();
  await db.insert(messageThreads).values({
    id,
    orgId: input.orgId,
    clientId: input.clientId,
    subject: input.subject,
    createdBy: input.senderId,
    createdAt: now,
    lastMessageAt: now,
  });
  if (input.staffIds) await chooseStaff(db, input.orgId, id, input.staffIds);
  await addParticipants(db, input.orgId, id, input.participantIds, input.senderId, now);
  await postMessage(
    db,
    { orgId: input.orgId, threadId: id, senderId: input.senderId, body: input.body, fileIds: input.fileIds ?? [] },
    now,
  );
  return id;
}

/** Who hears of a new message: the thread's participants in the portal and its part of the care team, except the sender. */
export async function messageRecipients(db: Db, orgId: string, clientId: string, senderId: string, threadId: string) {
  const users = await db
    .select({ id: accounts.id, email: accounts.email, name: accounts.displayName, kind: accounts.kind })
    .from(portalGrants)
    .innerJoin(accounts, eq(accounts.id, portalGrants.accountId))
    .innerJoin(threadParticipants, and(eq(threadParticipants.threadId, threadId), eq(threadParticipants.accountId, accounts.id)))
    .where(
      and(
        eq(portalGrants.orgId, orgId),
        eq(portalGrants.clientId, clientId),
        eq(portalGrants.status, "active"),
        eq(accounts.status, "active"),
        ne(accounts.id, senderId),
      ),
    );
  const staff = await db
    .select({ id: accounts.id, email: accounts.email, name: accounts.displayName, kind: accounts.kind })
    .from(careTeam)
    .innerJoin(accounts, eq(accounts.id, careTeam.staffId))
    .where(and(eq(careTeam.orgId, orgId), eq(careTeam.clientId, clientId), eq(accounts.status, "active"), ne(accounts.id, senderId)));
  const chosen = await chosenStaff(db, threadId);
  return [...users, ...(chosen.length === 0 ? staff : staff.filter((s) => chosen.includes(s.id)))];
}

/** Clients whose threads a staff member works with: their care team's, or all for beheer/secretariaat. */
export async function staffClientIds(db: Db, orgId: string, staffId: string, all: boolean): Promise<string[]> {
  if (all) return (await db.select({ id: clients.id }).from(clients).where(eq(clients.orgId, orgId))).map((c) => c.id);
  return (
    await db
      .select({ id: careTeam.clientId })
      .from(careTeam)
      .where(and(eq(careTeam.orgId, orgId), eq(careTeam.staffId, staffId)))
  ).map((c) => c.id);
}
