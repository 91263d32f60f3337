// One appointment as an iCalendar (RFC 5545) file, through the `ics` library. No medical content.
import type { AppointmentSummary } from "@portaal/shared/portal";
import { createEvent } from "ics";

export function appointmentIcs(a: AppointmentSummary, organizationName: string, phone: string): string {
  const start = new Date(a.startsAt);
  const { error, value } = createEvent({
    uid: `${a.id}@clientenportaal`,
    productId: "clientenportaal/ics",
    start: [start.getUTCFullYear(), start.getUTCMonth() + 1, start.getUTCDate(), start.getUTCHours(), start.getUTCMinutes()],
    startInputType: "utc",
    startOutputType: "utc",
    duration: { minutes: a.durationMinutes },
    title: `Afspraak ${organizationName}`,
    description: `Afspraak met ${a.practitionerName}. Afzeggen of verzetten? Bel ${phone}.`,
    ...(a.location ? { location: a.location } : {}),
    ...(a.videoUrl ? { url: a.videoUrl } : {}),
    status: a.status === "afgezegd" ? "CANCELLED" : "CONFIRMED",
    // RFC 5545 §3.8.7.4: the same UID with a higher SEQUENCE replaces the copy in the calendar. The
    // version starts at 1 and rises with every change, so the first file says 0.
    sequence: a.version - 1,
  });
  if (error || !value) throw error ?? new Error("ics failed");
  return value;
}
