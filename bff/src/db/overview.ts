// The Home overview of one portal for one user: what is new since their previous login.
import type { Overview } from "@portaal/shared/portal";
import { and, asc, count, desc, eq, gt, gte, isNull, lte, ne, or, sql } from "drizzle-orm";
import { amsterdamDate } from "../lib/dutch-time";
import { forPerson } from "./appointments";
import { type Db, preparedQuery } from "./client";
import {
  announcements,
  appointments,
  assignments,
  clients,
  diaryEntries,
  documentShares,
  documents,
  messages,
  messageThreads,
  threadParticipants,
} from "./tables";

// Every Home opens with these: built once per database (bench/RESULTS.md), run with placeholders.
const p = sql.placeholder;
const clientOf = preparedQuery("overviewClient", (db) =>
  db
    .select({ id: clients.id, firstName: clients.firstName, lastName: clients.lastName })
    .from(clients)
    .where(and(eq(clients.orgId, p("orgId")), eq(clients.id, p("clientId")))),
);
// Shared with this person for this client, shared after the previous login: the share is the news.
const sharedSince = preparedQuery("overviewSharedSince", (db) =>
  db
    .select({ n: count() })
    .from(documentShares)
    .innerJoin(documents, eq(documents.id, documentShares.documentId))
    .where(
      and(
        eq(documentShares.accountId, p("accountId")),
        eq(documentShares.orgId, p("orgId")),
        gt(documentShares.sharedAt, p("after")),
        eq(documents.clientId, p("clientId")),
        eq(documents.kind, p("kind")),
      ),
    ),
);
const appointmentsHeldSince = preparedQuery("overviewAppointmentsHeldSince", (db) =>
  db
    .select({ n: count() })
    .from(appointments)
    .where(
      and(
        eq(appointments.orgId, p("orgId")),
        eq(appointments.clientId, p("clientId")),
        gt(appointments.startsAt, p("after")),
        lte(appointments.startsAt, p("now")),
        ne(appointments.status, "afgezegd"),
        forPerson(p("accountId")),
      ),
    ),
);
const messagesSince = preparedQuery("overviewMessagesSince", (db) =>
  db
    .select({ n: count() })
    .from(messages)
    .innerJoin(messageThreads, eq(messageThreads.id, messages.threadId))
    // Only conversations this person takes part in.
    .innerJoin(
      threadParticipants,
      and(eq(threadParticipants.threadId, messageThreads.id), eq(threadParticipants.accountId, p("accountId"))),
    )
    .where(
      and(
        eq(messageThreads.orgId, p("orgId")),
        eq(messageThreads.clientId, p("clientId")),
        gt(messages.createdAt, p("after")),
        ne(messages.senderId, p("accountId")),
      ),
    ),
);
const diarySince = preparedQuery("overviewDiarySince", (db) =>
  db
    .select({ n: count() })
    .from(diaryEntries)
    .where(
      and(
        eq(diaryEntries.orgId, p("orgId")),
        eq(diaryEntries.clientId, p("clientId")),
        eq(diaryEntries.accountId, p("accountId")),
        gt(diaryEntries.createdAt, p("after")),
      ),
    ),
);
// Planned, moved or cancelled since: each is news for whoever comes to the portal.
const appointmentsNewSince = preparedQuery("overviewAppointmentsNewSince", (db) =>
  db
    .select({ n: count() })
    .from(appointments)
    .where(
      and(
        eq(appointments.orgId, p("orgId")),
        eq(appointments.clientId, p("clientId")),
        or(gt(appointments.createdAt, p("after")), gt(appointments.changedAt, p("after"))),
        forPerson(p("accountId")),
      ),
    ),
);
// Set out for everyone in the portal or for this person only.
const assignmentsSince = preparedQuery("overviewAssignmentsSince", (db) =>
  db
    .select({ n: count() })
    .from(assignments)
    .where(
      and(
        eq(assignments.orgId, p("orgId")),
        eq(assignments.clientId, p("clientId")),
        gt(assignments.assignedAt, p("after")),
        or(isNull(assignments.accountId), eq(assignments.accountId, p("accountId"))),
      ),
    ),
);
const nextAppointment = preparedQuery("overviewNextAppointment", (db) =>
  db
    .select()
    .from(appointments)
    .where(
      and(
        eq(appointments.orgId, p("orgId")),
        eq(appointments.clientId, p("clientId")),
        gt(appointments.startsAt, p("now")),
        eq(appointments.status, "gepland"),
        forPerson(p("accountId")),
      ),
    )
    .orderBy(asc(appointments.startsAt))
    .limit(1),
);
const latestAnnouncement = preparedQuery("overviewLatestAnnouncement", (db) =>
  db
    .select({ title: announcements.title, body: announcements.body, publishedAt: announcements.publishedAt })
    .from(announcements)
    .where(
      and(
        eq(announcements.orgId, p("orgId")),
        eq(announcements.active, true),
        // Only between its dates (Dutch calendar days, both included).
        or(isNull(announcements.startsOn), lte(announcements.startsOn, p("today"))),
        or(isNull(announcements.endsOn), gte(announcements.endsOn, p("today"))),
      ),
    )
    .orderBy(desc(announcements.publishedAt))
    .limit(1),
);

export async function activityOverview(
  db: Db,
  orgId: string,
  clientId: string,
  accountId: string,
  since: number | null,
  now = Date.now(),
): Promise<Omit<Overview, "privacy" | "tourSeen"> | null> {
  const client = await clientOf(db).get({ orgId, clientId });
  if (!client) return null;
  const after = since ?? 0;
  const sharedCount = async (kind: "document" | "verslag") =>
    (await sharedSince(db).get({ accountId, orgId, after, clientId, kind }))?.n ?? 0;
  const sharedDocuments = await sharedCount("document");
  const sharedReports = await sharedCount("verslag");
  const appointmentsHeld = (await appointmentsHeldSince(db).get({ orgId, clientId, after, now, accountId }))?.n ?? 0;
  const newMessages = (await messagesSince(db).get({ orgId, clientId, after, accountId }))?.n ?? 0;
  const diaryNotes = (await diarySince(db).get({ orgId, clientId, accountId, after }))?.n ?? 0;
  const newAppointments = (await appointmentsNewSince(db).get({ orgId, clientId, after, accountId }))?.n ?? 0;
  const newAssignments = (await assignmentsSince(db).get({ orgId, clientId, after, accountId }))?.n ?? 0;
  const next = await nextAppointment(db).get({ orgId, clientId, now, accountId });
  const announcement = await latestAnnouncement(db).get({ orgId, today: amsterdamDate(now) });
  return {
    client: { id: client.id, name: `${client.firstName} ${client.lastName}`, firstName: client.firstName },
    since,
    activity: {
      documents: sharedDocuments,
      reports: sharedReports,
      appointmentsHeld,
      messages: newMessages,
      diaryNotes,
      appointments: newAppointments,
      assignments: newAssignments,
    },
    nextAppointment: next
      ? {
          id: next.id,
          startsAt: next.startsAt,
          durationMinutes: next.durationMinutes,
          practitionerName: next.practitionerName,
          location: next.location,
          videoUrl: next.videoUrl,
          status: next.status,
          version: next.version,
          description: next.description,
          changedAt: next.changedAt,
        }
      : null,
    announcement: announcement ?? null,
  };
}
