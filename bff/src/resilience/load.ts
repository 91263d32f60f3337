// Concurrent write load against a running BFF, with a ledger of what the server acknowledged (used by
// the crash and backup tests; check-folder.ts checks a data folder against the ledger).
import { createHash, randomBytes } from "node:crypto";
import { PortalClient } from "../test-support/server-process";

export interface PortalActor {
  /** The person using the portal. */
  user: PortalClient;
  email: string;
  accountId: string;
  clientId: string;
  /** A practitioner in the client's care team. */
  staff: PortalClient;
  /** An assignment "for everyone" in this portal, answered by `user`. */
  assignmentId: string;
}

type Kind = "thread" | "reply" | "upload" | "document" | "share" | "diary" | "answer";

/** What the server acknowledged (2xx), and what was in flight when it died. */
export class Ledger {
  // `at`: when the acknowledgement arrived (Date.now() of this process).
  threads = new Map<string, { clientId: string; body: string; at: number }>();
  messages = new Map<string, { threadId: string; body: string; at: number }>();
  uploads = new Map<string, { clientId: string; sha256: string; at: number }>();
  documents = new Map<string, { clientId: string; title: string; sha256: string | null; at: number }>();
  shares: { documentId: string; accountId: string; at: number }[] = [];
  diary = new Map<string, { body: string; at: number }>();
  /** Per assignment: the last acknowledged answer, one sent after it whose outcome is unknown, all sent, all acknowledged. */
  answers = new Map<
    string,
    { acked: string | null; inFlight: string | null; busy: boolean; sent: string[]; ackedLog: { value: string; at: number }[] }
  >();
  acked: Record<Kind, number> = { thread: 0, reply: 0, upload: 0, document: 0, share: 0, diary: 0, answer: 0 };
  unacknowledged = 0;
  /** Answers that were neither 2xx nor a dropped connection: each is a failure. */
  unexpected: string[] = [];

  get totalAcked(): number {
    return Object.values(this.acked).reduce((a, b) => a + b, 0);
  }

  /** A copy of what is acknowledged now (e.g. when a backup starts). */
  snapshot(): Ledger {
    const copy = new Ledger();
    copy.threads = new Map(this.threads);
    copy.messages = new Map(this.messages);
    copy.uploads = new Map(this.uploads);
    copy.documents = new Map(this.documents);
    copy.shares = [...this.shares];
    copy.diary = new Map(this.diary);
    copy.answers = new Map([...this.answers].map(([k, v]) => [k, { ...v, sent: [...v.sent], ackedLog: [...v.ackedLog] }]));
    copy.acked = { ...this.acked };
    return copy;
  }

  /** What had been acknowledged at `time`. */
  asOf(time: number): Ledger {
    const copy = new Ledger();
    const upTo = <V extends { at: number }>(m: Map<string, V>) => new Map([...m].filter(([, v]) => v.at <= time));
    copy.threads = upTo(this.threads);
    copy.messages = upTo(this.messages);
    copy.uploads = upTo(this.uploads);
    copy.documents = upTo(this.documents);
    copy.shares = this.shares.filter((s) => s.at <= time);
    copy.diary = upTo(this.diary);
    for (const [k, v] of this.answers) {
      const log = v.ackedLog.filter((e) => e.at <= time);
      copy.answers.set(k, { acked: log.at(-1)?.value ?? null, inFlight: null, busy: false, sent: [...v.sent], ackedLog: log });
    }
    const n = (xs: { size: number } | unknown[]) => ("size" in xs ? xs.size : xs.length);
    copy.acked = {
      thread: n(copy.threads),
      reply: n(copy.messages),
      upload: n(copy.uploads),
      document: n(copy.documents),
      share: n(copy.shares),
      diary: n(copy.diary),
      answer: [...copy.answers.values()].reduce((sum, a) => sum + a.ackedLog.length, 0),
    };
    return copy;
  }
}

/** A small seeded generator, so a failing run can be repeated. */
export function seededRandom(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function token(): string {
  return randomBytes(8).toString("hex");
}

/** A small valid PDF that differs per upload, with some padding so writing it takes a moment. */
export function uniquePdf(tag: string, padding: number): Uint8Array {
  const head = `%PDF-1.4\n% ${tag}\n1 0 obj <<>> endobj\n`;
  const pad = `% ${"x".repeat(70)}\n`.repeat(Math.ceil(padding / 73));
  return new TextEncoder().encode(`${head}${pad}trailer <<>>\n%%EOF\n`);
}

const sha256 = (b: Uint8Array | Buffer) => createHash("sha256").update(b).digest("hex");

function isNetworkError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === "ECONNRESET" || code === "ECONNREFUSED" || code === "EPIPE" || code === "ECONNABORTED" || code === "UND_ERR_SOCKET";
}

/**
 * Runs `workers` concurrent loops of random writes until `shouldStop()`; a dropped connection ends a
 * loop (the server is gone). Every 2xx is recorded in the ledger before the loop goes on.
 */
export async function runWriteLoad(opts: {
  actors: PortalActor[];
  ledger: Ledger;
  workers: number;
  random: () => number;
  shouldStop: () => boolean;
  /** Called after each acknowledged write. */
  onAck?: () => void;
}): Promise<void> {
  const { actors, ledger, random } = opts;
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const today = new Date().toISOString().slice(0, 10);

  const check = (what: string, status: number, body: unknown): boolean => {
    if (status >= 200 && status < 300) return true;
    ledger.unexpected.push(`${what}: ${status} ${JSON.stringify(body).slice(0, 200)}`);
    return false;
  };
  const acked = (kind: Kind) => {
    ledger.acked[kind]++;
    opts.onAck?.();
  };

  async function once(): Promise<void> {
    const a = pick(actors);
    const roll = random();
    if (roll < 0.16) {
      const body = `Bericht ${token()}`;
      const r = await a.user.request<{ id: string }>("POST", `/api/portal/${a.clientId}/threads`, {
        json: { subject: `Vraag ${token()}`, body },
      });
      if (!check("thread", r.status, r.body)) return;
      ledger.threads.set(r.body.id, { clientId: a.clientId, body, at: Date.now() });
      acked("thread");
    } else if (roll < 0.32) {
      const own = [...ledger.threads].filter(([, t]) => t.clientId === a.clientId);
      if (own.length === 0) return;
      const [threadId] = pick(own);
      const body = `Antwoord ${token()}`;
      // Half the replies come from the practitioner, through Beheer.
      const fromStaff = random() < 0.5;
      const url = fromStaff
        ? `/api/beheer/clients/${a.clientId}/threads/${threadId}/messages`
        : `/api/portal/${a.clientId}/threads/${threadId}/messages`;
      const r = await (fromStaff ? a.staff : a.user).request<{ id: string }>("POST", url, { json: { body } });
      if (!check("reply", r.status, r.body)) return;
      ledger.messages.set(r.body.id, { threadId, body, at: Date.now() });
      acked("reply");
    } else if (roll < 0.48) {
      const bytes = uniquePdf(token(), 2000 + Math.floor(random() * 30_000));
      const form = new FormData();
      form.set("file", new File([bytes], `scan ${token()}.pdf`, { type: "application/pdf" }));
      form.set("note", `upload ${token()}`);
      const r = await a.user.request<{ id: string }>("POST", `/api/portal/${a.clientId}/uploads`, { form });
      if (!check("upload", r.status, r.body)) return;
      ledger.uploads.set(r.body.id, { clientId: a.clientId, sha256: sha256(bytes), at: Date.now() });
      acked("upload");
    } else if (roll < 0.64) {
      // The practitioner writes a verslag (half of them with a file) and shares it with the portal's user.
      const title = `Verslag ${token()}`;
      const form = new FormData();
      form.set("kind", "verslag");
      form.set("title", title);
      form.set("docDate", today);
      let fileSha: string | null = null;
      if (random() < 0.5) {
        const bytes = uniquePdf(token(), 1000 + Math.floor(random() * 20_000));
        fileSha = sha256(bytes);
        form.set("file", new File([bytes], `${title}.pdf`, { type: "application/pdf" }));
      } else {
        form.set("bodyText", `Tekst ${token()}`);
      }
      const r = await a.staff.request<{ id: string }>("POST", `/api/beheer/clients/${a.clientId}/documents`, { form });
      if (!check("document", r.status, r.body)) return;
      const documentId = r.body.id;
      ledger.documents.set(documentId, { clientId: a.clientId, title, sha256: fileSha, at: Date.now() });
      acked("document");
      const s = await a.staff.request("POST", `/api/beheer/clients/${a.clientId}/documents/${documentId}/shares`, {
        json: { accountIds: [a.accountId], expected: [] },
      });
      if (!check("share", s.status, s.body)) return;
      ledger.shares.push({ documentId, accountId: a.accountId, at: Date.now() });
      acked("share");
    } else if (roll < 0.8) {
      const body = `Dagboek ${token()}`;
      const r = await a.user.request<{ id: string }>("POST", `/api/portal/${a.clientId}/diary`, {
        json: { entryDate: today, mood: 3, tags: ["test"], body },
      });
      if (!check("diary", r.status, r.body)) return;
      ledger.diary.set(r.body.id, { body, at: Date.now() });
      acked("diary");
    } else {
      // Answers to one assignment are a chain: one save at a time, as one browser tab saves as it goes.
      const state = ledger.answers.get(a.assignmentId) ?? { acked: null, inFlight: null, busy: false, sent: [], ackedLog: [] };
      ledger.answers.set(a.assignmentId, state);
      if (state.busy) return;
      state.busy = true;
      const value = `Antwoord ${token()}`;
      state.inFlight = value;
      state.sent.push(value);
      try {
        const r = await a.user.request("PUT", `/api/portal/${a.clientId}/assignments/${a.assignmentId}/answers`, {
          json: { answers: { opmerking: value } },
        });
        if (!check("answer", r.status, r.body)) return;
        state.acked = value;
        state.inFlight = null;
        state.ackedLog.push({ value, at: Date.now() });
        acked("answer");
      } finally {
        state.busy = false;
      }
    }
  }

  async function worker(): Promise<void> {
    while (!opts.shouldStop()) {
      try {
        await once();
      } catch (err) {
        if (!isNetworkError(err)) throw err;
        ledger.unacknowledged++;
        if (opts.shouldStop()) return;
        // The server went away under us: stop this loop, the caller decides what comes next.
        return;
      }
    }
  }
  await Promise.all(Array.from({ length: opts.workers }, worker));
}

/** Logs the demo users in and prepares an assignment per portal; returns one actor per portal. */
export async function prepareActors(port: number | number[]): Promise<PortalActor[]> {
  const actors: PortalActor[] = [];
  const orgs = [
    { hostname: "localhost", staff: "begeleider@hetbaken.example", users: ["ouder@example.com", "client@example.com"] },
    { hostname: "noorderlicht.localhost", staff: "behandelaar@noorderlicht.example", users: ["client@example.net"] },
  ];
  for (const org of orgs) {
    const staff = new PortalClient(port, org.hostname);
    await staff.login(org.staff);
    const questionnaires = await staff.request<{ items: { id: string; title: string }[] }>("GET", "/api/beheer/questionnaires");
    const questionnaireId = questionnaires.body.items.find((q) => q.title === "Hoe gaat het nu?")?.id;
    if (!questionnaireId) throw new Error("ready questionnaire missing");
    for (const email of org.users) {
      const user = new PortalClient(port, org.hostname);
      await user.login(email);
      const me = await user.request<{ user: { id: string }; portals: { clientId: string }[] }>("GET", "/api/me");
      for (const portal of me.body.portals) {
        const assigned = await staff.request<{ id: string }>("POST", `/api/beheer/clients/${portal.clientId}/assignments`, {
          json: { questionnaireId, accountId: null },
        });
        if (assigned.status !== 201) throw new Error(`assign: ${assigned.status} ${JSON.stringify(assigned.body)}`);
        actors.push({ user, email, accountId: me.body.user.id, clientId: portal.clientId, staff, assignmentId: assigned.body.id });
      }
    }
  }
  return actors;
}

/** The same people with new connections to a (restarted) server on `port`; sessions live in the database. */
export function reconnect(actors: PortalActor[], port: number): PortalActor[] {
  const moved = new Map<PortalClient, PortalClient>();
  const move = (c: PortalClient) => {
    let m = moved.get(c);
    if (!m) {
      m = c.moveTo(port);
      moved.set(c, m);
    }
    return m;
  };
  return actors.map((a) => ({ ...a, user: move(a.user), staff: move(a.staff) }));
}
