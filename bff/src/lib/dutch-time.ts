// Clock times as the Dutch read them: Europe/Amsterdam, summer and winter time included.

const PARTS = new Intl.DateTimeFormat("en-US", {
  timeZone: "Europe/Amsterdam",
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
});

/** Amsterdam's wall clock at `at`, as if it were UTC (so the difference with `at` is the offset). */
function wallClock(at: number): number {
  const p = Object.fromEntries(PARTS.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
}

/** The moment it is hh:mm in Amsterdam on the Dutch calendar day that contains `at`. */
export function amsterdamTimeOn(at: number, hour: number, minute = 0): number {
  const day = new Date(wallClock(at));
  const wanted = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour, minute);
  // The offset (one or two hours) taken at the wanted time itself, so a day that changes clocks is right too.
  const first = wanted - (wallClock(wanted) - wanted);
  return wanted - (wallClock(first) - first);
}

const DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" });

/** The Dutch calendar day that contains `at`, as YYYY-MM-DD (dates of announcements compare with it). */
export function amsterdamDate(at: number): string {
  return DAY.format(at);
}
