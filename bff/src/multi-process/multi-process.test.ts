// Several portal processes on one PostgreSQL database (issue 15): two real BFF processes (src/server.ts,
// NODE_ENV=production) on a real PostgreSQL server on loopback, each with its own data folder, the same
// server key, and a real SMTP server. Requests go to both in turn, as a load balancer sends them.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { PRESETS } from "@portaal/shared/policy";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../demo/seed";
import { newId } from "../lib/ids";
import { Ledger, prepareActors, runWriteLoad, seededRandom } from "../resilience/load";
import { startTestPostgres, type TestPostgres } from "../test-support/postgres";
import {
  freePort,
  PortalClient,
  portRange,
  type ServerProcess,
  type SmtpSink,
  startServer,
  startSmtpSink,
} from "../test-support/server-process";

const BFF_DIR = path.resolve(import.meta.dirname, "../..");
const PORTS = portRange(3501, 3530);
const SMTP_PORTS = portRange(3531, 3540);

let postgres: TestPostgres;
let pool: pg.Pool;
let smtp: SmtpSink;
let key: string;
/** The volume all processes share for uploads. */
let filesDir: string;
const dirs: string[] = [];
const processes: ServerProcess[] = [];
let a: ServerProcess;
let b: ServerProcess;
/** The ports behind the "load balancer": requests take turns over them (a killed process is taken out). */
let pair: number[];
const seedOutputs: string[] = [];
let workerEnv: Record<string, string> = {};

const q = async <T = Record<string, unknown>>(text: string, ...params: unknown[]) => (await pool.query(text, params)).rows as T[];
const one = async <T = Record<string, unknown>>(text: string, ...params: unknown[]) => (await q<T>(text, ...params))[0];

async function portalProcess(opts: { demo?: boolean; env?: Record<string, string> } = {}): Promise<ServerProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portaal-mp-"));
  dirs.push(dataDir);
  const port = await freePort(PORTS.filter((p) => !processes.some((s) => s.port === p)));
  const server = await startServer({
    dataDir,
    port,
    demo: opts.demo,
    env: {
      DATABASE_URL: postgres.url,
      PORTAAL_SECRET_KEY: key,
      FILES_DIR: filesDir,
      // What each process says it did (the seed, the daily job) is logged at info; vitest's default is warn.
      LOG_LEVEL: "info",
      ...opts.env,
    },
  });
  processes.push(server);
  return server;
}

beforeAll(async () => {
  postgres = await startTestPostgres("portaal_mp", { maxConnections: 100 });
  pool = new pg.Pool({ connectionString: postgres.url, max: 4 });
  pool.on("error", () => {});
  key = randomBytes(32).toString("base64");
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "portaal-mp-files-"));
  dirs.push(filesDir);
  smtp = await startSmtpSink(await freePort(SMTP_PORTS));
  // The demo on PostgreSQL: two `npm start`s at once on one database; the seed is written once.
  const [s1, s2] = await Promise.all([portalProcess({ demo: true }), portalProcess({ demo: true })]);
  await Promise.all([s1.stop(), s2.stop()]);
  seedOutputs.push(s1.output(), s2.output());
  // Then two production processes, each with a mail worker, behind one address.
  workerEnv = { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` };
  [a, b] = await Promise.all([portalProcess({ env: workerEnv }), portalProcess({ env: workerEnv })]);
  pair = [a.port, b.port];
}, 180_000);

afterAll(async () => {
  for (const p of processes) await p.kill();
  await pool?.end();
  await smtp?.close();
  await postgres?.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A code of the demo authenticator for a 30-second step. */
const codeAt = (step: number) => generateHOTP(decodeBase32IgnorePadding(DEMO_TOTP_SECRET), BigInt(step), 6);

describe("two portal processes on one PostgreSQL database", () => {
  it("starts the demo twice at once and writes its seed once", async () => {
    expect((await one<{ n: string }>("SELECT count(*) AS n FROM organizations"))?.n).toBe("2");
    const dup = await q("SELECT email, count(*) FROM accounts GROUP BY org_id, email HAVING count(*) > 1");
    expect(dup).toEqual([]);
    expect(seedOutputs.filter((o) => o.includes("demo data written"))).toHaveLength(1);
    // The daily care job ran once for the day over all four processes.
    const runs = [...seedOutputs, a.output(), b.output()].join("\n").match(/daily care job ran/g) ?? [];
    expect(runs).toHaveLength(1);
  });

  it("keeps one unbroken audit chain and every acknowledged write under concurrent writes on both, and through a SIGKILL of one", async () => {
    const random = seededRandom(Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000));
    const ledger = new Ledger();
    const actors = await prepareActors(pair);
    // Writes on both processes at once.
    let acks = 0;
    await runWriteLoad({ actors, ledger, workers: 8, random, shouldStop: () => acks >= 150, onAck: () => acks++ });
    expect(ledger.unexpected).toEqual([]);
    const firstPhase = acks;

    // Then one process is killed in the middle of writes; the balancer takes it out and the other goes on.
    let killed = false;
    const killAt = acks + 60;
    const load = runWriteLoad({
      actors,
      ledger,
      workers: 8,
      random,
      shouldStop: () => acks >= killAt + 120,
      onAck: () => {
        acks++;
        if (!killed && acks >= killAt) {
          killed = true;
          void b.kill().then(() => pair.splice(pair.indexOf(b.port), 1));
        }
      },
    });
    await load;
    // Requests in flight to the killed process may fail (not acknowledged); everything else answered.
    const refused = ledger.unexpected.filter((u) => !/ECONNRESET|ECONNREFUSED|socket hang up/.test(u));
    expect(refused).toEqual([]);
    expect(killed).toBe(true);
    // Workers stop on a network error: go on against the survivor until enough writes after the kill.
    if (acks < killAt + 120) {
      await runWriteLoad({ actors, ledger, workers: 4, random, shouldStop: () => acks >= killAt + 120, onAck: () => acks++ });
    }
    expect(pair).toEqual([a.port]);
    expect((await new PortalClient(a.port, "localhost").request("GET", "/api/health")).status).toBe(200);

    // Every acknowledged write is in the database.
    const lost: string[] = [];
    for (const [id, t] of ledger.threads)
      if ((await one("SELECT client_id FROM message_threads WHERE id = $1", id))?.client_id !== t.clientId) lost.push(`thread ${id}`);
    for (const [id, m] of ledger.messages)
      if ((await one("SELECT body FROM messages WHERE id = $1", id))?.body !== m.body) lost.push(`message ${id}`);
    for (const [id] of ledger.uploads) if (!(await one("SELECT 1 FROM uploads WHERE id = $1", id))) lost.push(`upload ${id}`);
    for (const [id, d] of ledger.documents)
      if ((await one("SELECT title FROM documents WHERE id = $1", id))?.title !== d.title) lost.push(`document ${id}`);
    for (const s of ledger.shares)
      if (!(await one("SELECT 1 FROM document_shares WHERE document_id = $1 AND account_id = $2", s.documentId, s.accountId)))
        lost.push(`share ${s.documentId}`);
    for (const [id, e] of ledger.diary)
      if ((await one("SELECT body FROM diary_entries WHERE id = $1", id))?.body !== e.body) lost.push(`diary ${id}`);
    expect(lost).toEqual([]);
    const acknowledged =
      ledger.threads.size + ledger.messages.size + ledger.uploads.size + ledger.documents.size + ledger.shares.length + ledger.diary.size;

    // The audit chain, checked by the operator's command against the database: one chain, no gaps.
    const verify = await promisify(execFile)(process.execPath, ["--import", "tsx", "src/audit/verify-cli.ts"], {
      cwd: BFF_DIR,
      env: { ...process.env, DATABASE_URL: postgres.url, PORTAAL_SECRET_KEY: key, DATA_DIR: dirs[dirs.length - 2] ?? "" },
    });
    expect(verify.stdout).toMatch(/chain intact, (\d+) rows checked/);
    const chainRows = Number(/chain intact, (\d+) rows/.exec(verify.stdout)?.[1]);
    const seqs = await one<{ n: string; max: string }>("SELECT count(*) AS n, max(seq) AS max FROM audit_log");
    expect(Number(seqs?.n)).toBe(Number(seqs?.max));
    // The killed process starts again on the same database and joins the other.
    b = await portalProcess({ env: workerEnv });
    pair.push(b.port);
    expect((await new PortalClient(b.port, "localhost").request("GET", "/api/health")).status).toBe(200);
    console.log(
      `[multi-process] acknowledged writes ${acknowledged} (${firstPhase} acks before the kill phase, ${acks} in all), lost 0, ` +
        `audit chain ${chainRows} rows checked, mails sent once ${smtp.messageIds.length}`,
    );
  }, 240_000);

  it("keeps a session made on one process on the other, and ends it everywhere on logout, deactivation and closing", async () => {
    const user = new PortalClient(pair, "localhost");
    await user.login("ouder@example.com"); // password on one process, code on the other
    for (let i = 0; i < 4; i++) expect((await user.request("GET", "/api/me")).status).toBe(200);
    expect((await user.request("POST", "/api/auth/logout")).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await user.request("GET", "/api/me")).status).toBe(401);

    // Staff deactivate an account on one process: its session on the other ends at once.
    const client = new PortalClient(a.port, "noorderlicht.localhost");
    await client.login("client@example.net");
    const staff = new PortalClient(b.port, "noorderlicht.localhost");
    await staff.login("beheer@noorderlicht.example");
    const account = await one<{ id: string; client_id: string }>("SELECT id, client_id FROM accounts WHERE email = 'client@example.net'");
    const off = await staff.request("POST", `/api/beheer/clients/${account?.client_id}/access/${account?.id}/deactivate`);
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect((await client.request("GET", "/api/me")).status).toBe(401);

    // Closing an account on one process: its session on the other ends at once.
    const parent = new PortalClient(b.port, "localhost");
    await parent.login("ouder.mila@example.com");
    expect((await parent.request("GET", "/api/me")).status).toBe(200);
    const secretariaat = new PortalClient(a.port, "localhost");
    await secretariaat.login("secretariaat@hetbaken.example");
    const mila = await one<{ id: string; client_id: string }>(
      `SELECT a.id, g.client_id FROM accounts a JOIN portal_grants g ON g.account_id = a.id
        WHERE a.email = 'ouder.mila@example.com' AND g.status = 'active' LIMIT 1`,
    );
    const closed = await secretariaat.request("POST", `/api/beheer/clients/${mila?.client_id}/access/${mila?.id}/close`);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect((await parent.request("GET", "/api/me")).status).toBe(401);
  });

  it("counts wrong passwords over both processes: the policy's number of them blocks the account, and ends its session", async () => {
    const email = "client@example.com";
    const max = PRESETS.zorg.maxFailedPasswords;
    // The account's own session, made before the guesses.
    const owner = new PortalClient(b.port, "localhost");
    await owner.login(email);
    expect((await owner.request("GET", "/api/me")).status).toBe(200);
    const guesser = new PortalClient(pair, "localhost");
    for (let i = 1; i <= max; i++) {
      const res = await guesser.request("POST", "/api/auth/login", { json: { email, password: `Fout-${i}-wachtwoord` } });
      expect(res.status, `wrong password ${i}`).toBe(401);
    }
    expect((await one<{ status: string }>("SELECT status FROM accounts WHERE email = $1", email))?.status).toBe("blocked");
    for (const port of pair) {
      const right = await new PortalClient(port, "localhost").request("POST", "/api/auth/login", {
        json: { email, password: DEMO_PASSWORD },
      });
      expect(right.status).toBe(423);
    }
    // Blocked: the session it had ends too.
    expect((await owner.request("GET", "/api/me")).status).toBe(401);
  });

  it("refuses on one process an authenticator code already used on the other", async () => {
    const email = "begeleider@hetbaken.example";
    const code = codeAt(Math.floor(Date.now() / 30_000) + 1); // the next step: no login of another test used it
    const first = new PortalClient(a.port, "localhost");
    expect((await first.request("POST", "/api/auth/login", { json: { email, password: DEMO_PASSWORD } })).status).toBe(200);
    expect((await first.request("POST", "/api/auth/totp", { json: { code, trustDevice: false } })).status).toBe(200);
    const second = new PortalClient(b.port, "localhost");
    expect((await second.request("POST", "/api/auth/login", { json: { email, password: DEMO_PASSWORD } })).status).toBe(200);
    const replay = await second.request("POST", "/api/auth/totp", { json: { code, trustDevice: false } });
    expect(replay.status).toBe(400);
  });

  it("lets a reset link be used once, also when both processes get it at the same moment", async () => {
    const email = "secretariaat@hetbaken.example";
    const asker = new PortalClient(a.port, "localhost");
    expect((await asker.request("POST", "/api/auth/password-reset/request", { json: { email } })).status).toBe(200);
    let text: string | undefined;
    for (let i = 0; i < 50 && !text; i++) {
      text = (
        await one<{ text_body: string }>("SELECT text_body FROM mail_outbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1", email)
      )?.text_body;
      if (!text) await new Promise((r) => setTimeout(r, 100));
    }
    const token = /#([a-z2-7]{32})/.exec(text ?? "")?.[1];
    expect(token).toBeTruthy();
    const [r1, r2] = await Promise.all(
      pair.map((port, i) =>
        new PortalClient(port, "localhost").request("POST", "/api/auth/password-reset/complete", {
          json: { token, password: `Nieuw-Sterk-Wachtwoord-${i}-2026` },
        }),
      ),
    );
    expect([r1?.status, r2?.status].sort()).toEqual([200, 410]);
  });

  it("sends each mail once with a worker in each process", async () => {
    const org = await one<{ id: string }>("SELECT id FROM organizations ORDER BY name LIMIT 1");
    const ids: string[] = [];
    const now = Date.now();
    for (let i = 0; i < 150; i++) {
      const id = newId();
      ids.push(id);
      await pool.query(
        `INSERT INTO mail_outbox (id, org_id, to_address, subject, kind, text_body, html_body, status, attempts, next_attempt_at, created_at)
         VALUES ($1, $2, $3, 'Bericht', 'test', 'tekst', '<p>tekst</p>', 'pending', 0, $4, $4)`,
        [id, org?.id, `ontvanger${i}@example.org`, now],
      );
    }
    const deadline = Date.now() + 60_000;
    const open = async () =>
      Number((await one<{ n: string }>("SELECT count(*) AS n FROM mail_outbox WHERE id = ANY($1) AND status <> 'sent'", ids))?.n);
    while ((await open()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await open()).toBe(0);
    const received = smtp.messageIds.map((m) => /^<(.+)@portaal\.outbox>$/.exec(m)?.[1]).filter((m): m is string => !!m && ids.includes(m));
    expect(received.length).toBe(ids.length);
    expect(new Set(received).size).toBe(ids.length);
  });

  it("sees organization settings changed through one process on the other within seconds", async () => {
    const beheer = new PortalClient(a.port, "noorderlicht.localhost");
    await beheer.login("beheer@noorderlicht.example");
    const current = await beheer.request<{ settings: Record<string, unknown>; version: number }>(
      "GET",
      "/api/beheer/organization/settings",
    );
    const name = `GGZ Noorderlicht ${randomBytes(3).toString("hex")}`;
    const put = await beheer.request("PUT", "/api/beheer/organization/settings", {
      json: { ...current.body.settings, name, version: current.body.version },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const changedAt = Date.now();
    const other = new PortalClient(b.port, "noorderlicht.localhost");
    let seen = 0;
    while (Date.now() - changedAt < 15_000) {
      const org = await other.request<{ name: string }>("GET", "/api/organization");
      if (org.body.name === name) {
        seen = Date.now() - changedAt;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(6_000);
    console.log(`[multi-process] settings changed on one process seen on the other after ${seen} ms`);
  });

  it("refuses to start a process with another server key, which then writes nothing", async () => {
    const before = await one<{ n: string }>("SELECT count(*) AS n, max(seq) AS last FROM audit_log");
    await expect(portalProcess({ env: { ...workerEnv, PORTAAL_SECRET_KEY: randomBytes(32).toString("base64") } })).rejects.toThrow(
      /The server key is not the key this database was written with/,
    );
    expect(await one("SELECT count(*) AS n, max(seq) AS last FROM audit_log")).toEqual(before);
  });
});
