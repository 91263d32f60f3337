// The mail outbox: every e-mail is a row first; a worker delivers it over SMTP, or the dev mailbox keeps it.
import { and, asc, desc, eq, gt, lte } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Db } from "../db/client";
import { mailOutbox } from "../db/schema";
import { newId } from "../lib/ids";

export interface OutgoingMail {
  orgId: string;
  kind?: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** Writes the mail to the outbox; call inside the transaction of the change it reports. */
  enqueue(mail: OutgoingMail): string;
  /** Tries every due mail once; returns how many were sent. */
  deliverDue(): Promise<number>;
  start(intervalMs?: number): void;
  /** Stops the worker after the mail it is sending now. */
  stop(): Promise<void>;
}

const MAX_BACKOFF_MS = 5 * 60_000;

export function createMailer(db: Db, opts: { smtpUrl: string | null; from: string }): Mailer {
  const transport = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : null;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let current: Promise<number> | null = null;
  let stopping = false;

  function deliverDue(): Promise<number> {
    if (!transport || running) return Promise.resolve(0);
    current = deliverBatch(transport);
    return current;
  }

  async function deliverBatch(transport: ReturnType<typeof nodemailer.createTransport>): Promise<number> {
    running = true;
    let sent = 0;
    try {
      const due = db
        .select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, Date.now())))
        .orderBy(asc(mailOutbox.createdAt))
        .limit(50)
        .all();
      for (const mail of due) {
        if (stopping) break;
        try {
          await transport.sendMail({
            from: opts.from,
            to: mail.to,
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            // A stable Message-ID lets receivers drop a duplicate if we crash between send and commit.
            messageId: `<${mail.id}@portaal.outbox>`,
          });
          db.update(mailOutbox)
            .set({ status: "sent", sentAt: Date.now(), attempts: mail.attempts + 1 })
            .where(eq(mailOutbox.id, mail.id))
            .run();
          sent++;
        } catch (err) {
          const attempts = mail.attempts + 1;
          const backoff = Math.min(1000 * 2 ** Math.min(attempts, 12), MAX_BACKOFF_MS);
          db.update(mailOutbox)
            .set({ attempts, lastError: String((err as Error).message).slice(0, 500), nextAttemptAt: Date.now() + backoff })
            .where(eq(mailOutbox.id, mail.id))
            .run();
        }
      }
    } finally {
      running = false;
    }
    return sent;
  }

  return {
    enqueue(mail) {
      const id = newId();
      const now = Date.now();
      db.insert(mailOutbox)
        .values({ id, ...mail, status: transport ? "pending" : "captured", nextAttemptAt: now, createdAt: now })
        .run();
      return id;
    },
    deliverDue,
    start(intervalMs = 1000) {
      if (timer || !transport) return;
      timer = setInterval(() => void deliverDue(), intervalMs);
      timer.unref();
    },
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = null;
      // The mail being sent goes out (and is marked sent) before the connection closes.
      await current?.catch(() => 0);
      transport?.close();
    },
  };
}

export function listMailbox(db: Db, to: string | undefined, limit = 200) {
  const rows = db
    .select()
    .from(mailOutbox)
    .where(to ? eq(mailOutbox.to, to.toLowerCase()) : undefined)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(limit)
    .all();
  return rows.map((r) => ({
    id: r.id,
    to: r.to,
    subject: r.subject,
    text: r.text,
    html: r.html,
    createdAt: new Date(r.createdAt).toISOString(),
  }));
}

/** True when a mail of this kind went to this address in the last `windowMs`: bundle instead of sending again. */
export function recentlyMailed(db: Db, to: string, kind: string, windowMs: number, now = Date.now()): boolean {
  return (
    db
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.to, to.toLowerCase()), eq(mailOutbox.kind, kind), gt(mailOutbox.createdAt, now - windowMs)))
      .get() !== undefined
  );
}
