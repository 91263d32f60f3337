// Tells the people of a portal that something new waits there (an appointment, a questionnaire): an
// e-mail without content, at most one per person per ten minutes across every kind of news.
import type { Context } from "hono";
import type { Db } from "../db/client";
import { accountEmails, portalPeople } from "../db/documents";
import { publicOrigin } from "../lib/origin";
import type { AppEnv } from "../types";
import { recentlyMailed } from "./outbox";
import { portalNewsMail } from "./templates";

const BUNDLE_WINDOW_MS = 10 * 60_000;
const NEWS_KINDS = ["share", "appointment", "assignment"];

/**
 * `only` narrows it to one person (an assignment for one person) or to named people (an appointment for
 * them); otherwise everyone with access. Only people with access now are told.
 */
export function notifyPortalNews(
  c: Context<AppEnv>,
  db: Db,
  clientId: string,
  kind: "appointment" | "assignment",
  only: string | readonly string[] | null = null,
): void {
  const { org } = c.var;
  const named = only === null ? null : typeof only === "string" ? [only] : only;
  const ids = portalPeople(db, org.id, clientId)
    .map((p) => p.accountId)
    .filter((id) => named === null || named.includes(id));
  const section = kind === "appointment" ? "afspraken" : "aan-de-slag";
  for (const person of accountEmails(db, org.id, ids)) {
    if (NEWS_KINDS.some((k) => recentlyMailed(db, person.email, k, BUNDLE_WINDOW_MS))) continue;
    c.var.deps.mailer.enqueue(portalNewsMail(org, person.email, person.name, `${publicOrigin(c)}/portaal/${clientId}/${section}`, kind));
  }
}
