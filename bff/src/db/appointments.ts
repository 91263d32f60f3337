// Appointments of a client: upcoming and past for the portal, planned and changed by staff.
import type { AppointmentInput, AppointmentList } from "@portaal/shared/appointments";
import type { AppointmentSummary } from "@portaal/shared/portal";
import { and, asc, desc, eq, gt, lte } from "drizzle-orm";
import { newId } from "../lib/ids";
import type { Db } from "./client";
import { appointments } from "./schema";

const columns = {
  id: appointments.id,
  startsAt: appointments.startsAt,
  durationMinutes: appointments.durationMinutes,
  practitionerName: appointments.practitionerName,
  location: appointments.location,
  videoUrl: appointments.videoUrl,
  status: appointments.status,
  version: appointments.version,
  description: appointments.description,
  changedAt: appointments.changedAt,
};

export function listAppointments(db: Db, orgId: string, clientId: string, now = Date.now()): AppointmentList {
  const mine = and(eq(appointments.orgId, orgId), eq(appointments.clientId, clientId));
  return {
    upcoming: db
      .select(columns)
      .from(appointments)
      .where(and(mine, gt(appointments.startsAt, now)))
      .orderBy(asc(appointments.startsAt))
      .limit(100)
      .all(),
    past: db
      .select(columns)
      .from(appointments)
      .where(and(mine, lte(appointments.startsAt, now)))
      .orderBy(desc(appointments.startsAt))
      .limit(100)
      .all(),
  };
}

export function getAppointment(db: Db, orgId: string, clientId: string, id: string): AppointmentSummary | undefined {
  return db
    .select(columns)
    .from(appointments)
    .where(and(eq(appointments.orgId, orgId), eq(appointments.clientId, clientId), eq(appointments.id, id)))
    .get();
}

function values(input: AppointmentInput) {
  return {
    startsAt: Date.parse(input.startsAt),
    durationMinutes: input.durationMinutes,
    practitionerName: input.practitionerName,
    location: input.location ?? null,
    videoUrl: input.videoUrl ?? null,
    description: input.description || null,
    status: input.status,
  };
}

/** A change the client should hear about: another time, place, person or text, or a cancellation. Not "geweest". */
function isNews(before: typeof appointments.$inferSelect, after: ReturnType<typeof values>): boolean {
  return (
    before.startsAt !== after.startsAt ||
    before.durationMinutes !== after.durationMinutes ||
    before.practitionerName !== after.practitionerName ||
    before.location !== after.location ||
    before.videoUrl !== after.videoUrl ||
    before.description !== after.description ||
    (after.status === "afgezegd" && before.status !== "afgezegd")
  );
}

export function createAppointment(db: Db, orgId: string, clientId: string, staffId: string, input: AppointmentInput): string {
  const id = newId();
  db.insert(appointments)
    .values({ id, orgId, clientId, practitionerId: staffId, ...values(input) })
    .run();
  return id;
}

/**
 * Writes only when the stored version is still the one the edit started from. Call inside a write
 * transaction. `news` says whether the client should be told (see isNews).
 */
export function updateAppointment(
  db: Db,
  orgId: string,
  clientId: string,
  id: string,
  input: AppointmentInput,
  version: number,
  now = Date.now(),
): { result: "updated"; news: boolean } | { result: "not_found" | "conflict" } {
  const where = and(eq(appointments.orgId, orgId), eq(appointments.clientId, clientId), eq(appointments.id, id));
  const before = db.select().from(appointments).where(where).get();
  if (!before) return { result: "not_found" };
  const next = values(input);
  const news = isNews(before, next);
  const changed = db
    .update(appointments)
    .set({ ...next, version: version + 1, updatedAt: now, ...(news ? { changedAt: now } : {}) })
    .where(and(where, eq(appointments.version, version)))
    .run().changes;
  return changed > 0 ? { result: "updated", news } : { result: "conflict" };
}
