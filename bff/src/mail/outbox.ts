// The mail outbox: every e-mail is a row first; a worker delivers it over SMTP, or the dev mailbox keeps it.
import { and, desc, eq, gt, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { type Db, first, writeTx } from "../db/client";
import { dialect, mailOutbox } from "../db/tables";
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
  /** Writes the mail to the outbox; pass the `tx` of the change it reports, so both commit or neither. */
  enqueue(mail: OutgoingMail, tx?: Db): Promise<string>;
  /** Tries every due mail once; returns how many were sent. */
  deliverDue(): Promise<number>;
  start(intervalMs?: number): void;
  /** Stops the worker after the mail it is sending now. */
  stop(): Promise<void>;
}

const MAX_BACKOFF_MS = 5 * 60_000;
/** A claimed mail is another worker's for this long; a worker that died gives it back when it ends. */
export const CLAIM_MS = 5 * 60_000;
const BATCH = 20;

/**
 * Claims due mails for this worker in one statement: marked `sending` until the claim ends. With workers in
 * several processes each mail is claimed by one (PostgreSQL: FOR UPDATE SKIP LOCKED, so workers pass each
 * other's rows instead of waiting; SQLite: one writer at a time). A mail whose worker died is taken again
 * after CLAIM_MS: it may then go out twice (receivers drop it by its Message-ID), never zero times.
 */
export async function claimDueMails(db: Db, now: number, limit = BATCH) {
  const skipLocked = dialect === "pg" ? sql` FOR UPDATE SKIP LOCKED` : sql``;
  return writeTx(db, (tx) =>
    tx
      .update(mailOutbox)
      .set({ status: "sending", nextAttemptAt: now + CLAIM_MS })
      .where(
        sql`${mailOutbox.id} IN (SELECT ${mailOutbox.id} FROM ${mailOutbox} WHERE ${mailOutbox.status} IN ('pending', 'sending') AND ${mailOutbox.nextAttemptAt} <= ${now} ORDER BY ${mailOutbox.nextAttemptAt}, ${mailOutbox.id} LIMIT ${limit}${skipLocked})`,
      )
      .returning(),
  );
}

/**
 * Gives every claimed mail back at once. Only for a worker that knows no other worker lives: the portal on
 * SQLite, holding the data folder's lock, at start (a claim in the file is then a killed process's).
 */
export async function takeBackClaims(db: Db, now: number): Promise<number> {
  const back = await db
    .update(mailOutbox)
    .set({ status: "pending", nextAttemptAt: now })
    .where(eq(mailOutbox.status, "sending"))
    .returning({ id: mailOutbox.id });
  return back.length;
}

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
      const due = await claimDueMails(db, Date.now());
      due.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
      for (const [i, mail] of due.entries()) {
        if (stopping) {
          // Give the rest back at once, not after the claim ends.
          for (const rest of due.slice(i))
            await db
              .update(mailOutbox)
              .set({ status: "pending", nextAttemptAt: Date.now() })
              .where(and(eq(mailOutbox.id, rest.id), eq(mailOutbox.status, "sending")));
          break;
        }
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
          await db
            .update(mailOutbox)
            .set({ status: "sent", sentAt: Date.now(), attempts: mail.attempts + 1 })
            .where(eq(mailOutbox.id, mail.id));
          sent++;
        } catch (err) {
          const attempts = mail.attempts + 1;
          const backoff = Math.min(1000 * 2 ** Math.min(attempts, 12), MAX_BACKOFF_MS);
          await db
            .update(mailOutbox)
            .set({
              status: "pending",
              attempts,
              lastError: String((err as Error).message).slice(0, 500),
              nextAttemptAt: Date.now() + backoff,
            })
            .where(eq(mailOutbox.id, mail.id));
        }
      }
    } finally {
      running = false;
    }
    return sent;
  }

  return {
    async enqueue(mail, tx = db) {
      const id = newId();
      const now = Date.now();
      await tx.insert(mailOutbox).values({ id, ...mail, status: transport ? "pending" : "captured", nextAttemptAt: now, createdAt: now });
      return id;
    },
    deliverDue,
    start(intervalMs = 1000) {
      if (timer || !transport) return;
      // A failing round (the database away for a moment) is tried again on the next tick, never fatal.
      timer = setInterval(
        () => void deliverDue().catch((err) => console.error("[outbox] delivery round failed:", (err as Error).message)),
        intervalMs,
      );
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

export async function listMailbox(db: Db, to: string | undefined, limit = 200) {
  const rows = await db
    .select()
    .from(mailOutbox)
    .where(to ? eq(mailOutbox.to, to.toLowerCase()) : undefined)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(limit);
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
export async function recentlyMailed(db: Db, to: string, kind: string, windowMs: number, now = Date.now()): Promise<boolean> {
  const row = first(
    await db
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.to, to.toLowerCase()), eq(mailOutbox.kind, kind), gt(mailOutbox.createdAt, now - windowMs)))
      .limit(1),
  );
  return row !== undefined;
}
