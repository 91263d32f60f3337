// Dates the Dutch way (and the English way when chosen).
import { i18n } from "./i18n";

export function formatDate(iso: string): string {
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso);
  return new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-NL", { day: "numeric", month: "long", year: "numeric" }).format(d);
}

export function formatDateTime(ms: number): string {
  return new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-NL", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(ms));
}

/**
 * A date typed the Dutch way (14-03-2012, 14/3/2012, 14.03.2012 or 14 03 2012; also 2012-03-14) as
 * yyyy-mm-dd, or null when it is no real date. A text field, because a date field shows the browser's
 * format (mm/dd/yyyy in an English browser) beside our Dutch hint.
 */
export function parseDutchDate(input: string): string | null {
  const s = input.trim();
  const dutch = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const [y, m, d] = dutch ? [dutch[3], dutch[2], dutch[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y || !m || !d) return null;
  const out = `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  const date = new Date(`${out}T12:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === out ? out : null;
}

/** A file size as people read it: kB below a megabyte, else MB with one decimal. */
export function formatSize(bytes: number): string {
  return bytes > 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1).replace(".", i18n.language === "en" ? "." : ",")} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}
