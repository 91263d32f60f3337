// Crashes: the real BFF as a child process under hundreds of concurrent writes, killed with SIGKILL in
// the middle, restarted on the same data folder, several times. Every acknowledged write must be there,
// whole; no orphan or half file; integrity_check ok; the mail outbox loses nothing and repeats nothing
// beyond the one mail a kill can cut off mid-delivery.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { newId } from "../lib/ids";
import {
  freePort,
  portRange,
  type ServerProcess,
  type SmtpSink,
  seedDemoFolder,
  startServer,
  startSmtpSink,
} from "../test-support/server-process";
import { checkDataFolder } from "./check-folder";
import { Ledger, prepareActors, reconnect, runWriteLoad, seededRandom } from "./load";

// Loopback ports in 3400-3499: the first free one of each range.
const BFF_PORTS = portRange(3401, 3408);
const SMTP_PORTS = portRange(3441, 3448);
const CRASH_CYCLES = 4;
const WORKERS = 12;

let dataDir = "";
let server: ServerProcess | null = null;
let smtp: SmtpSink | null = null;

afterAll(async () => {
  await server?.kill();
  await smtp?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Puts mails straight into the outbox, as bursts of notifications would, while the server runs. */
function openMailFeeder() {
  const db = new Database(path.join(dataDir, "portaal.db"));
  db.pragma("busy_timeout = 10000");
  const orgId = (db.prepare("SELECT id FROM organizations ORDER BY name LIMIT 1").get() as { id: string }).id;
  const insert = db.prepare(
    `INSERT INTO mail_outbox (id, org_id, to_address, subject, kind, text_body, html_body, status, attempts, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, 'test', ?, ?, 'pending', 0, ?, ?)`,
  );
  const ids: string[] = [];
  return {
    ids,
    feed(n: number) {
      db.transaction(() => {
        for (let i = 0; i < n; i++) {
          const id = newId();
          const now = Date.now();
          insert.run(id, orgId, `ontvanger${ids.length}@example.org`, `Bericht ${ids.length}`, "tekst", "<p>tekst</p>", now, now);
          ids.push(id);
        }
      })();
    },
    close: () => db.close(),
  };
}

function pendingMailIds(): string[] {
  const db = new Database(path.join(dataDir, "portaal.db"), { readonly: true });
  try {
    return (db.prepare("SELECT id FROM mail_outbox WHERE status = 'pending'").all() as { id: string }[]).map((r) => r.id);
  } finally {
    db.close();
  }
}

function outboxCounts() {
  const db = new Database(path.join(dataDir, "portaal.db"), { readonly: true });
  try {
    return db.prepare("SELECT status, count(*) AS n FROM mail_outbox GROUP BY status").all() as { status: string; n: number }[];
  } finally {
    db.close();
  }
}

describe("crashes and concurrency", () => {
  it("keeps every acknowledged write, whole, through repeated SIGKILLs under concurrent load", async () => {
    const started = Date.now();
    const BFF_PORT = await freePort(BFF_PORTS);
    const SMTP_PORT = await freePort(SMTP_PORTS);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portaal-crash-"));
    smtp = await startSmtpSink(SMTP_PORT, 15);
    const env = { SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}` };
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
    const random = seededRandom(seed);
    const ledger = new Ledger();

    // The demo data once (demo mode), then the production BFF (NODE_ENV=production) for everything else.
    await seedDemoFolder(dataDir, BFF_PORT);
    server = await startServer({ dataDir, port: BFF_PORT, env });
    let actors = await prepareActors(BFF_PORT);
    // A second process on the same data folder is refused (two outbox workers would send mail twice);
    // after each SIGKILL below, the restart shows the kernel released the lock.
    const second = await startServer({ dataDir, port: await freePort(BFF_PORTS), env }).then(
      (s) => s.kill().then(() => "started"),
      (err: Error) => err.message,
    );
    expect(second).toMatch(/Another portal process is already using the data folder/);
    const mail = openMailFeeder();
    const cycles: string[] = [];
    let sentBeforeLastKill = 0;
    // Mails the SMTP server accepted but whose "sent" mark a kill prevented: they will go out again.
    const cutOff = new Set<string>();
    const outboxIdOf = (messageId: string) => /^<(.+)@portaal\.outbox>$/.exec(messageId)?.[1] ?? messageId;

    for (let cycle = 1; cycle <= CRASH_CYCLES; cycle++) {
      // Mail keeps coming during the load, so the kill also finds deliveries under way.
      const feeder = setInterval(() => mail.feed(1), 100);
      // Kill somewhere between 80 and 180 acknowledged writes into the cycle, with writes in flight.
      // Even cycles aim at the worst moment for files: the kill comes as soon as, past that point, the
      // server starts writing an uploaded file (between its first byte and the commit of its row).
      const killAfter = 80 + Math.floor(random() * 100);
      // ...and not before 1.5 to 3 seconds, so the outbox is busy delivering when the kill comes.
      const notBefore = Date.now() + 1500 + Math.floor(random() * 1500);
      const aimAtFiles = cycle % 2 === 0;
      const before = ledger.totalAcked;
      let killed = false;
      let armed = false;
      const current = server;
      const kill = () => {
        if (killed) return;
        killed = true;
        current.child.kill("SIGKILL");
      };
      const filesDir = path.join(dataDir, "files");
      fs.mkdirSync(filesDir, { recursive: true });
      const watcher = fs.watch(filesDir, (_event, name) => {
        if (armed && name?.endsWith(".tmp")) kill();
      });
      await runWriteLoad({
        actors,
        ledger,
        workers: WORKERS,
        random,
        shouldStop: () => killed,
        onAck: () => {
          if (ledger.totalAcked - before < killAfter || Date.now() < notBefore) return;
          if (!aimAtFiles) return kill();
          if (!armed) {
            armed = true;
            // Should no file write come (or the file watcher stay silent), kill anyway after 5 s.
            setTimeout(kill, 5000).unref();
          }
        },
      });
      watcher.close();
      clearInterval(feeder);
      if (!killed) throw new Error(`load stopped before the kill: ${ledger.unexpected.join("\n")}\n${current.output()}`);
      await current.kill();
      // Read-only, before the restart (the restarted server would send them again at once): mails the
      // SMTP server accepted that are still pending. Delivery is one at a time, so at most one per kill.
      const pending = new Set(pendingMailIds());
      const cut = new Set(smtp.messageIds.map(outboxIdOf).filter((id) => pending.has(id)));
      expect(cut.size, `mails cut off by kill ${cycle}`).toBeLessThanOrEqual(1);
      for (const id of cut) cutOff.add(id);
      expect(ledger.unexpected).toEqual([]);

      server = await startServer({ dataDir, port: BFF_PORT, env });
      actors = reconnect(actors, BFF_PORT);
      const report = await checkDataFolder(dataDir, ledger, { answersSettled: true });
      const swept = /removed (\d+) unfinished/.exec(server.output())?.[1] ?? "0";
      expect(report.problems, `after crash ${cycle} (seed ${seed})`).toEqual([]);
      sentBeforeLastKill = report.rows.mailSent;
      cycles.push(
        `cycle ${cycle}: ${ledger.totalAcked - before} acknowledged, then SIGKILL${aimAtFiles ? " during a file write" : ""}; ${swept} unfinished file(s) swept at restart; ${JSON.stringify(report.rows)}`,
      );
    }

    // After the last restart the outbox drains: every mail went out, none twice except the one a kill
    // can cut off between the server's "250 OK" and our commit (sent again with the same Message-ID).
    const deadline = Date.now() + 60_000;

    while (outboxCounts().some((c) => c.status === "pending" || c.status === "sending") && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    const counts = outboxCounts();
    expect(counts.filter((c) => c.status === "pending" || c.status === "sending")).toEqual([]);
    const db = new Database(path.join(dataDir, "portaal.db"), { readonly: true });
    // Mails of the demo seeding run (the daily care job's notices) went to the dev mailbox ("captured"), never to SMTP.
    const outbox = db.prepare("SELECT id, status FROM mail_outbox WHERE status != 'captured'").all() as { id: string; status: string }[];
    db.close();
    const outboxIds = new Set(outbox.map((m) => m.id));
    mail.close();
    for (const id of mail.ids) expect(outboxIds.has(id), `enqueued mail ${id} lost`).toBe(true);
    const received = new Map<string, number>();
    for (const mid of smtp.messageIds) {
      const id = outboxIdOf(mid);
      received.set(id, (received.get(id) ?? 0) + 1);
    }
    const notSent = outbox.filter((m) => !received.has(m.id));
    expect(notSent, "mails in the outbox never delivered").toEqual([]);
    const strangers = [...received.keys()].filter((id) => !outboxIds.has(id));
    expect(strangers, "mails delivered that are not in the outbox").toEqual([]);
    // Nothing twice, except exactly the mails a kill cut off (sent again with the same Message-ID).
    const duplicates = [...received].filter(([, n]) => n > 1);
    expect(duplicates.every(([, n]) => n === 2)).toBe(true);
    expect(duplicates.map(([id]) => id).sort()).toEqual([...cutOff].sort());

    // Final state, checked once more with the server stopped normally.

    await server.stop();
    server = null;
    const final = await checkDataFolder(dataDir, ledger);
    expect(final.problems).toEqual([]);
    console.log(
      [
        `crash suite (seed ${seed}): ${CRASH_CYCLES} SIGKILL cycles survived in ${Math.round((Date.now() - started) / 1000)} s`,
        ...cycles,
        `acknowledged writes: ${ledger.totalAcked} ${JSON.stringify(ledger.acked)}; cut off by a kill: ${ledger.unacknowledged}; acknowledged writes lost: 0`,
        `mail: ${outbox.length} in the outbox (${sentBeforeLastKill} delivered between kills, the rest waiting at a kill), ${smtp.messageIds.length} accepted by SMTP, ${duplicates.length} resent after a kill (same Message-ID)`,
      ].join("\n"),
    );
  }, 240_000);
});
