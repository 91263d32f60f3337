// The Home overview of one portal for one user: what is new since their previous login.
import type { Overview } from "@portaal/shared/portal";
import { and, asc, count, desc, eq, gt, lte, ne } from "drizzle-orm";
import type { Db } from "./client";
import { announcements, appointments, clients, diaryEntries, documentShares, documents, messages, messageThreads } from "./schema";

export function activityOverview(
  db: Db,
  orgId: string,
  clientId: string,
  accountId: string,
  since: number | null,
  now = Date.now(),
): Omit<Overview, "privacy" | "tourSeen"> | null {
  const client = db
    .select({ id: clients.id, firstName: clients.firstName, lastName: clients.lastName })
    .from(clients)
    .where(and(eq(clients.orgId, orgId), eq(clients.id, clientId)))
    .get();
  if (!client) return null;
  const after = since ?? 0;
  // Shared with this person for this client, shared after the previous login: the share is the news.
  const sharedCount = (kind: "document" | "verslag") =>
    db
      .select({ n: count() })
      .from(documentShares)
      .innerJoin(documents, eq(documents.id, documentShares.documentId))
      .where(
        and(
          eq(documentShares.accountId, accountId),
          eq(documentShares.orgId, orgId),
          gt(documentShares.sharedAt, after),
          eq(documents.clientId, clientId),
          eq(documents.kind, kind),
        ),
      )
      .get()?.n ?? 0;
  const appointmentsHeld =
    db
      .select({ n: count() })
      .from(appointments)
      .where(
        and(
          eq(appointments.orgId, orgId),
          eq(appointments.clientId, clientId),
          gt(appointments.startsAt, after),
          lte(appointments.startsAt, now),
          ne(appointments.status, "afgezegd"),
        ),
      )
      .get()?.n ?? 0;
  const newMessages =
    db
      .select({ n: count() })
      .from(messages)
      .innerJoin(messageThreads, eq(messageThreads.id, messages.threadId))
      .where(
        and(
          eq(messageThreads.orgId, orgId),
          eq(messageThreads.clientId, clientId),
          gt(messages.createdAt, after),
          ne(messages.senderId, accountId),
        ),
      )
      .get()?.n ?? 0;
  const diaryNotes =
    db
      .select({ n: count() })
      .from(diaryEntries)
      .where(
        and(
          eq(diaryEntries.orgId, orgId),
          eq(diaryEntries.clientId, clientId),
          eq(diaryEntries.accountId, accountId),
          gt(diaryEntries.createdAt, after),
        ),
      )
      .get()?.n ?? 0;
  const next = db
    .select()
    .from(appointments)
    .where(
      and(
        eq(appointments.orgId, orgId),
        eq(appointments.clientId, clientId),
        gt(appointments.startsAt, now),
        eq(appointments.status, "gepland"),
      ),
    )
    .orderBy(asc(appointments.startsAt))
    .limit(1)
    .get();
  const announcement = db
    .select({ title: announcements.title, body: announcements.body, publishedAt: announcements.publishedAt })
    .from(announcements)
    .where(and(eq(announcements.orgId, orgId), eq(announcements.active, true)))
    .orderBy(desc(announcements.publishedAt))
    .limit(1)
    .get();
  return {
    client: { id: client.id, name: `${client.firstName} ${client.lastName}`, firstName: client.firstName },
    since,
    activity: { documents: sharedCount("document"), reports: sharedCount("verslag"), appointmentsHeld, messages: newMessages, diaryNotes },
    nextAppointment: next
      ? {
          id: next.id,
          startsAt: next.startsAt,
          durationMinutes: next.durationMinutes,
          practitionerName: next.practitionerName,
          location: next.location,
          videoUrl: next.videoUrl,
          status: next.status,
        }
      : null,
    announcement: announcement ?? null,
  };
}
