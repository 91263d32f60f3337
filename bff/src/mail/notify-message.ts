// Tells the others in a portal about a new message: an e-mail without content, bundled per person.
import type { Context } from "hono";
import type { Db } from "../db/client";
import { messageRecipients } from "../db/messages";
import { publicOrigin } from "../lib/origin";
import type { AppEnv } from "../types";
import { recentlyMailed } from "./outbox";
import { messageMail } from "./templates";

const BUNDLE_WINDOW_MS = 10 * 60_000;

export function notifyNewMessage(c: Context<AppEnv>, db: Db, clientId: string, senderId: string, threadId: string): void {
  const { org } = c.var;
  for (const person of messageRecipients(db, org.id, clientId, senderId, threadId)) {
    if (recentlyMailed(db, person.email, "message", BUNDLE_WINDOW_MS)) continue;
    const link = person.kind === "staff" ? `${publicOrigin(c)}/berichten` : `${publicOrigin(c)}/portaal/${clientId}/berichten`;
    c.var.deps.mailer.enqueue(messageMail(org, person.email, person.name, link));
  }
}
