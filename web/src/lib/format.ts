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

/** A file size as people read it: kB below a megabyte, else MB with one decimal. */
export function formatSize(bytes: number): string {
  return bytes > 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1).replace(".", i18n.language === "en" ? "." : ",")} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}
