// Tells the others in a portal about a new message: an e-mail without content, bundled per person.
import type { Context } from "hono";
import type { Db } from "../db/client";
import { messageRecipients } from "../db/messages";
import { publicOrigin } from "../lib/origin";
import type { AppEnv } from "../types";
import { recentlyMailed } from "./outbox";
import { messageMail } from "./templates";

const BUNDLE_WINDOW_MS = 10 * 60_000;

/** Inside the message's write transaction `db` is its `tx`: the mails are queued with it. */
export async function notifyNewMessage(c: Context<AppEnv>, db: Db, clientId: string, senderId: string, threadId: string): Promise<void> {
  const { org } = c.var;
  for (const person of await messageRecipients(db, org.id, clientId, senderId, threadId)) {
    if (await recentlyMailed(db, person.email, "message", BUNDLE_WINDOW_MS)) continue;
    const link = person.kind === "staff" ? `${publicOrigin(c)}/berichten` : `${publicOrigin(c)}/portaal/${clientId}/berichten`;
    await c.var.deps.mailer.enqueue(messageMail(org, person.email, person.name, link), db);
  }
}
