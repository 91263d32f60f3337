// Appointments of a client: upcoming and past for the portal, planned and changed by staff.
import type { AppointmentAudience, AppointmentInput, AppointmentList, StaffAppointmentList } from "@portaal/shared/appointments";
import type { AppointmentSummary } from "@portaal/shared/portal";
import { and, asc, desc, eq, gt, inArray, lte, type SQL, sql } from "drizzle-orm";
import { newId } from "../lib/ids";
import { changes, type Db, first } from "./client";
import { appointmentPeople, appointments } from "./tables";

/**
 * Appointments this portal person sees: those for the whole portal (no named people) and those naming them.
 * @example db.select().from(appointments).where(and(mine, forPerson(accountId)))
 */
export function forPerson(accountId: string | SQL | ReturnType<typeof sql.placeholder>): SQL {
  return sql`(NOT EXISTS (SELECT 1 FROM ${appointmentPeople} ap WHERE ap.appointment_id = ${appointments.id})
    OR EXISTS (SELECT 1 FROM ${appointmentPeople} ap WHERE ap.appointment_id = ${appointments.id} AND ap.account_id = ${accountId}))`;
}

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

/** A client's appointments; with `forAccount` only those that portal person sees (see forPerson). */
export async function listAppointments(
  db: Db,
  orgId: string,
  clientId: string,
  now = Date.now(),
  forAccount: string | null = null,
): Promise<AppointmentList> {
  const mine = and(
    eq(appointments.orgId, orgId),
    eq(appointments.clientId, clientId),
    forAccount === null ? undefined : forPerson(forAccount),
  );
  return {
    upcoming: await db
      .select(columns)
      .from(appointments)
      .where(and(mine, gt(appointments.startsAt, now)))
      .orderBy(asc(appointments.startsAt))
      .limit(100),
    past: await db
      .select(columns)
      .from(appointments)
      .where(and(mine, lte(appointments.startsAt, now)))
      .orderBy(desc(appointments.startsAt))
      .limit(100),
  };
}

/** One appointment that this portal person sees; undefined for any other (the same 404). */
export async function getAppointment(
  db: Db,
  orgId: string,
  clientId: string,
  id: string,
  forAccount: string,
): Promise<AppointmentSummary | undefined> {
  return first(
    await db
      .select(columns)
      .from(appointments)
      .where(and(eq(appointments.orgId, orgId), eq(appointments.clientId, clientId), eq(appointments.id, id), forPerson(forAccount))),
  );
}

/** Whom an appointment is for: "portaal" or the named people's account ids. */
export async function audienceOf(db: Db, orgId: string, appointmentId: string): Promise<AppointmentAudience> {
  const ids = (
    await db
      .select({ id: appointmentPeople.accountId })
      .from(appointmentPeople)
      .where(and(eq(appointmentPeople.orgId, orgId), eq(appointmentPeople.appointmentId, appointmentId)))
  ).map((r) => r.id);
  return ids.length === 0 ? "portaal" : ids.sort();
}

/** Sets whom an appointment is for; inside the write transaction of its create or change. */
export async function setAudience(db: Db, orgId: string, appointmentId: string, audience: AppointmentAudience): Promise<void> {
  await db.delete(appointmentPeople).where(and(eq(appointmentPeople.orgId, orgId), eq(appointmentPeople.appointmentId, appointmentId)));
  if (audience === "portaal") return;
  for (const accountId of new Set(audience)) await db.insert(appointmentPeople).values({ orgId, appointmentId, accountId });
}

/** Staff's list: every appointment of the client with whom it is for. */
export async function staffAppointments(db: Db, orgId: string, clientId: string, now = Date.now()): Promise<StaffAppointmentList> {
  const list = await listAppointments(db, orgId, clientId, now);
  const ids = [...list.upcoming, ...list.past].map((a) => a.id);
  const named = new Map<string, string[]>();
  if (ids.length > 0)
    for (const r of await db
      .select({ appointmentId: appointmentPeople.appointmentId, accountId: appointmentPeople.accountId })
      .from(appointmentPeople)
      .where(and(eq(appointmentPeople.orgId, orgId), inArray(appointmentPeople.appointmentId, ids))))
      named.set(r.appointmentId, [...(named.get(r.appointmentId) ?? []), r.accountId]);
  const withAudience = (a: AppointmentSummary) => ({ ...a, audience: named.get(a.id)?.sort() ?? ("portaal" as const) });
  return { upcoming: list.upcoming.map(withAudience), past: list.past.map(withAudience) };
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

export async function createAppointment(
  db: Db,
  orgId: string,
  clientId: string,
  staffId: string,
  input: AppointmentInput,
): Promise<string> {
  const id = newId();
  await db.insert(appointments).values({ id, orgId, clientId, practitionerId: staffId, ...values(input) });
  return id;
}

/**
 * Writes only when the stored version is still the one the edit started from. Call inside a write
 * transaction. `news` says whether the client should be told (see isNews).
 */
export async function updateAppointment(
  db: Db,
  orgId: string,
  clientId: string,
  id: string,
  input: AppointmentInput,
  version: number,
  now = Date.now(),
): Promise<{ result: "updated"; news: boolean } | { result: "not_found" | "conflict" }> {
  const where = and(eq(appointments.orgId, orgId), eq(appointments.clientId, clientId), eq(appointments.id, id));
  const before = first(await db.select().from(appointments).where(where));
  if (!before) return { result: "not_found" };
  const next = values(input);
  const news = isNews(before, next);
  const changed = changes(
    await db
      .update(appointments)
      .set({ ...next, version: version + 1, updatedAt: now, ...(news ? { changedAt: now } : {}) })
      .where(and(where, eq(appointments.version, version))),
  );
  return changed > 0 ? { result: "updated", news } : { result: "conflict" };
}
