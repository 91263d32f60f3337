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
 * them); otherwise everyone with access. Only people with access now are told. Inside the news's write
 * transaction `db` is its `tx`: the mails are queued with it.
 */
export async function notifyPortalNews(
  c: Context<AppEnv>,
  db: Db,
  clientId: string,
  kind: "appointment" | "assignment",
  only: string | readonly string[] | null = null,
): Promise<void> {
  const { org } = c.var;
  const named = only === null ? null : typeof only === "string" ? [only] : only;
  const ids = (await portalPeople(db, org.id, clientId)).map((p) => p.accountId).filter((id) => named === null || named.includes(id));
  const section = kind === "appointment" ? "afspraken" : "aan-de-slag";
  for (const person of await accountEmails(db, org.id, ids)) {
    if (await mailedRecently(db, person.email)) continue;
    await c.var.deps.mailer.enqueue(
      portalNewsMail(org, person.email, person.name, `${publicOrigin(c)}/portaal/${clientId}/${section}`, kind),
      db,
    );
  }
}

/** Whether any kind of news was mailed to this address within the window (the kinds in order, the first found ends it). */
async function mailedRecently(db: Db, email: string): Promise<boolean> {
  for (const k of NEWS_KINDS) if (await recentlyMailed(db, email, k, BUNDLE_WINDOW_MS)) return true;
  return false;
}
