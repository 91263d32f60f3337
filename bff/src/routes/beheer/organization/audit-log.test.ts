// Logboek in Organisatie (NEN 7513): filters narrow, pages do not overlap, the CSV export is a safe
// attachment, "Nu controleren" finds a tampered row, and only the organization's own rows ever show.
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit, auditKeysOf } from "../../../audit/log";
import { checkAuditChain, checkAuditChainInChunks } from "../../../audit/verify";
import { type Harness, HET_BAKEN, makeHarness, NOORDERLICHT } from "../../../test-support/app-harness";

interface Entry {
  seq: number;
  at: number;
  actor: { id: string | null; name: string; role: string };
  client: { id: string; name: string } | null;
  action: string;
  actionLabel: string;
  ip: string | null;
  outcome: string;
}
interface Page {
  items: Entry[];
  total: number;
  pageSize: number;
  nextBefore: number | null;
}
interface Verification {
  last: { at: number; by: string; ok: boolean; rows: number; firstBrokenSeq: number | null } | null;
}

const URL = "/api/beheer/organization/audit-log";
let h: Harness;
let beheer: string;
let orgId: string;
let otherOrgId: string;
let clientId: string;
let otherClientId: string;
let begeleiderId: string;

const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
const list = (query = "", cookie = beheer, host = HET_BAKEN) => json<Page>(h.request(host, "GET", `${URL}${query}`, { cookie }));
const one = async <T>(query: string, ...args: unknown[]) => (await h.deps.db.$raw.get<T>(query, ...args)) as T;
/** count(*) AS n of a query: a bigint on PostgreSQL, which the driver gives as a string. */
const count = async (query: string, ...args: unknown[]) => Number((await one<{ n: number | string }>(query, ...args)).n);

beforeAll(async () => {
  h = await makeHarness();
  orgId = (await one<{ id: string }>("SELECT id FROM organizations WHERE hostname = ?", HET_BAKEN)).id;
  otherOrgId = (await one<{ id: string }>("SELECT id FROM organizations WHERE hostname = ?", NOORDERLICHT)).id;
  clientId = (await one<{ client_id: string }>("SELECT client_id FROM accounts WHERE email = 'client@example.com'")).client_id;
  otherClientId = (await one<{ client_id: string }>("SELECT client_id FROM accounts WHERE email = 'client@example.net'")).client_id;
  begeleiderId = (await one<{ id: string }>("SELECT id FROM accounts WHERE email = 'begeleider@hetbaken.example'")).id;
  // Some history: the client and the begeleider at work, and Noorderlicht's people in their own portal.
  const client = await h.login(HET_BAKEN, "client@example.com");
  await h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/appointments`, { cookie: client });
  const begeleider = await h.login(HET_BAKEN, "begeleider@hetbaken.example");
  await h.request(HET_BAKEN, "GET", `/api/beheer/clients/${clientId}`, { cookie: begeleider });
  const other = await h.login(NOORDERLICHT, "client@example.net");
  await h.request(NOORDERLICHT, "GET", `/api/portal/${otherClientId}/appointments`, { cookie: other });
  // Two rows at 00:30 on 16 January 2025 in Amsterdam (23:30 UTC the day before), one of them with a
  // label a spreadsheet would run as a formula.
  const night = Date.UTC(2025, 0, 15, 23, 30);
  await appendAudit(
    h.deps.db,
    { orgId, actorId: null, actorLabel: '=HYPERLINK("http://x")', action: "login", outcome: "failure", ip: "10.0.0.9" },
    night,
  );
  await appendAudit(
    h.deps.db,
    { orgId, actorId: null, actorLabel: "@SUM(1+1)", clientId, action: "test.night", outcome: "denied" },
    night + 1,
  );
  await appendAudit(
    h.deps.db,
    { orgId: otherOrgId, actorId: null, actorLabel: "ander", action: "test.night", outcome: "success" },
    night + 2,
  );
  beheer = await h.login(HET_BAKEN, "beheer@hetbaken.example");
});
afterAll(() => h.close());

describe("Logboek", () => {
  it("shows only this organization's rows, newest first, with who, whose dossier, what, from where and the outcome", async () => {
    const page = await list("?pageSize=100");
    expect(page.total).toBeGreaterThan(5);
    const seqs = page.items.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const orgOf = (seq: number) => one<{ org_id: string }>("SELECT org_id FROM audit_log WHERE seq = ?", seq);
    for (const e of page.items) expect((await orgOf(e.seq)).org_id).toBe(orgId);
    const total = await count("SELECT count(*) AS n FROM audit_log WHERE org_id = ?", orgId);
    // The list's own view is logged after it was read.
    expect(page.total).toBe(total - 1);
    const view = page.items.find((e) => e.action === "beheer.client.view");
    expect(view).toMatchObject({
      actor: { id: begeleiderId, role: "Begeleider" },
      client: { id: clientId },
      actionLabel: "Cliënt bekeken",
      outcome: "success",
    });
    expect(page.items.find((e) => e.action === "test.night")?.actionLabel).toBe("test.night");
  });

  it("narrows by client, by person, by action and by Dutch calendar day", async () => {
    const all = (await list()).total;
    const byClient = await list(`?clientId=${clientId}&pageSize=100`);
    expect(byClient.total).toBeGreaterThan(0);
    expect(byClient.total).toBeLessThan(all);
    for (const e of byClient.items) expect(e.client?.id).toBe(clientId);
    const byPerson = await list(`?actorId=${begeleiderId}&pageSize=100`);
    expect(byPerson.total).toBeGreaterThan(0);
    for (const e of byPerson.items) expect(e.actor.id).toBe(begeleiderId);
    const byAction = await list("?action=beheer.client.view&pageSize=100");
    expect(byAction.total).toBeGreaterThan(0);
    for (const e of byAction.items) expect(e.action).toBe("beheer.client.view");
    // 00:30 in Amsterdam is the 16th, though it is still the 15th in UTC; Noorderlicht's row never shows.
    expect((await list("?from=2025-01-16&to=2025-01-16")).items.map((e) => e.action)).toEqual(["test.night", "login"]);
    expect((await list("?from=2025-01-15&to=2025-01-15")).total).toBe(0);
    expect((await list("?from=2025-01-16&to=2025-01-16&action=login")).total).toBe(1);
    expect((await list(`?from=2025-01-16&to=2025-01-16&clientId=${clientId}`)).total).toBe(1);
  });

  it("pages without overlap, within a maximum page size", async () => {
    // Each page read is logged itself (a new newest row): the next page goes on from the last row shown.
    const first = await list("?pageSize=3");
    const second = await list(`?pageSize=3&before=${first.nextBefore}`);
    expect(first.items).toHaveLength(3);
    expect(second.items).toHaveLength(3);
    expect(second.items[0]?.seq).toBe(Math.max(...second.items.map((e) => e.seq)));
    const firstSeqs = first.items.map((e) => e.seq);
    const before = await count("SELECT count(*) AS n FROM audit_log WHERE org_id = ? AND seq < ?", orgId, first.nextBefore);
    expect(second.items.map((e) => e.seq)).toEqual(
      (
        await h.deps.db.$raw.all<{ seq: number | string }>(
          "SELECT seq FROM audit_log WHERE org_id = ? AND seq < ? ORDER BY seq DESC LIMIT 3",
          orgId,
          Math.min(...firstSeqs),
        )
      ).map((r) => Number(r.seq)),
    );
    expect(before).toBeGreaterThan(3);
    // The last page says there is nothing after it.
    const night = await list("?from=2025-01-16&to=2025-01-16&pageSize=2");
    expect(night.nextBefore).toBeNull();
    const split = await list("?from=2025-01-16&to=2025-01-16&pageSize=1");
    expect(split.total).toBe(2);
    expect((await list(`?from=2025-01-16&to=2025-01-16&pageSize=1&before=${split.nextBefore}`)).items.map((e) => e.action)).toEqual([
      "login",
    ]);
    const tooBig = await h.request(HET_BAKEN, "GET", `${URL}?pageSize=101`, { cookie: beheer });
    expect(tooBig.status).toBe(400);
    expect(((await tooBig.json()) as { error: { message: string } }).error.message).toMatch(/hoogstens 100/);
  });

  it("refuses bad filters with a Dutch sentence", async () => {
    const cases: [string, RegExp][] = [
      ["?from=2025-13-01", /bestaat niet|JJJJ-MM-DD/],
      ["?from=16-01-2025", /JJJJ-MM-DD/],
      ["?from=2025-01-17&to=2025-01-16", /einddatum ligt vóór/],
      ["?clientId=DROP%20TABLE", /ongeldig/],
      ["?action=%3Cscript%3E", /handeling/],
      ["?before=0", /vervolg van de lijst/],
      ["?pageSize=abc", /getal/],
    ];
    for (const [query, message] of cases) {
      const res = await h.request(HET_BAKEN, "GET", `${URL}${query}`, { cookie: beheer });
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
  });

  it("answers 404 for the other organization's client or person, and offers only its own in the filters", async () => {
    const otherActor = (await one<{ id: string }>("SELECT id FROM accounts WHERE email = 'client@example.net'")).id;
    expect((await h.request(HET_BAKEN, "GET", `${URL}?clientId=${otherClientId}`, { cookie: beheer })).status).toBe(404);
    expect((await h.request(HET_BAKEN, "GET", `${URL}?actorId=${otherActor}`, { cookie: beheer })).status).toBe(404);
    expect((await h.request(HET_BAKEN, "GET", `${URL}/export?clientId=${otherClientId}`, { cookie: beheer })).status).toBe(404);
    const options = await json<{ clients: { id: string }[]; actors: { id: string }[]; actions: { code: string; label: string }[] }>(
      h.request(HET_BAKEN, "GET", `${URL}/options`, { cookie: beheer }),
    );
    expect(options.clients.map((c) => c.id)).toContain(clientId);
    expect(options.clients.map((c) => c.id)).not.toContain(otherClientId);
    expect(options.actors.map((a) => a.id)).toContain(begeleiderId);
    expect(options.actors.map((a) => a.id)).not.toContain(otherActor);
    expect(options.actions).toContainEqual({ code: "beheer.client.view", label: "Cliënt bekeken" });
    // Noorderlicht's beheerder sees Noorderlicht only.
    const noorderlicht = await h.login(NOORDERLICHT, "beheer@noorderlicht.example");
    const theirs = await list("?pageSize=100", noorderlicht, NOORDERLICHT);
    expect(theirs.items.some((e) => e.client?.id === clientId)).toBe(false);
    expect((await h.request(NOORDERLICHT, "GET", `${URL}?clientId=${clientId}`, { cookie: noorderlicht })).status).toBe(404);
    expect((await list("?from=2025-01-16&to=2025-01-16", noorderlicht, NOORDERLICHT)).items.map((e) => e.actor.name)).toEqual(["ander"]);
  });

  it("exports the same filters as a CSV attachment, formulas neutralised, and logs the export", async () => {
    const res = await h.request(HET_BAKEN, "GET", `${URL}/export?from=2025-01-16&to=2025-01-16`, { cookie: beheer });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="logboek-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe('\uFEFF"Volgnummer";"Tijdstip";"Wie";"Rol";"Cliënt";"Handeling";"Code";"IP-adres";"Resultaat"');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('"2025-01-16 00:30:00";"\'@SUM(1+1)";"Onbekend";');
    expect(lines[1]).toContain('"Geweigerd"');
    expect(lines[2]).toContain('"\'=HYPERLINK(""http://x"")"');
    expect(lines[2]).toContain('"Ingelogd";"login";"10.0.0.9";"Mislukt"');
    expect(text).not.toContain("ander");
    const logged = await one<{ actor_id: string; details_json: string }>(
      "SELECT actor_id, details_json FROM audit_log WHERE action = 'audit.download' ORDER BY seq DESC LIMIT 1",
    );
    expect(JSON.parse(logged.details_json)).toEqual({ from: "2025-01-16", to: "2025-01-16" });
    // The whole log, in more than one chunk, is exported too.
    const all = await (await h.request(HET_BAKEN, "GET", `${URL}/export`, { cookie: beheer })).text();
    const total = await count("SELECT count(*) AS n FROM audit_log WHERE org_id = ?", orgId);
    // The header, and every row: the export's own row was written before it was read.
    expect(all.split("\r\n").filter(Boolean)).toHaveLength(total + 1);
  });

  it("logs viewing the log, with the client asked about", async () => {
    await list(`?clientId=${clientId}`);
    const logged = await one<{ client_id: string; org_id: string }>(
      "SELECT client_id, org_id FROM audit_log WHERE action = 'audit.view' ORDER BY seq DESC LIMIT 1",
    );
    expect(logged).toEqual({ client_id: clientId, org_id: orgId });
  });

  it("refuses everyone but the beheerder", async () => {
    for (const email of ["secretariaat@hetbaken.example", "begeleider@hetbaken.example", "client@example.com", "ouder@example.com"]) {
      const cookie = await h.login(HET_BAKEN, email);
      for (const [method, path] of [
        ["GET", ""],
        ["GET", "/options"],
        ["GET", "/export"],
        ["GET", "/verification"],
        ["POST", "/verification"],
      ] as const) {
        expect((await h.request(HET_BAKEN, method, `${URL}${path}`, { cookie })).status, `${email} ${method} ${path}`).toBe(403);
      }
    }
    expect((await h.request(HET_BAKEN, "GET", URL)).status).toBe(401);
  });

  it("Nu controleren: records the run, and finds a row changed in the database file", async () => {
    expect(await json<Verification>(h.request(HET_BAKEN, "GET", `${URL}/verification`, { cookie: beheer }))).toEqual({ last: null });
    const ok = await json<Verification>(h.request(HET_BAKEN, "POST", `${URL}/verification`, { cookie: beheer }));
    expect(ok.last).toMatchObject({ ok: true, firstBrokenSeq: null, by: expect.stringMatching(/\S/) });
    expect(ok.last?.rows).toBeGreaterThan(10);
    const victim = Number(
      (await one<{ seq: number }>("SELECT seq FROM audit_log WHERE org_id = ? AND action = 'beheer.client.view'", orgId)).seq,
    );
    // Someone with the database file: past the append-only trigger, in a connection of their own (on
    // PostgreSQL, someone with the database's password: a connection of the pool does as well).
    const tampered = "UPDATE audit_log SET details_json = '{\"verborgen\":true}' WHERE seq = ?";
    if (h.deps.db.$dialect === "pg") {
      await h.deps.db.$raw.run("DROP TRIGGER audit_log_no_update ON audit_log");
      await h.deps.db.$raw.run(tampered, victim);
    } else {
      const file = new Database(path.join(h.dataDir, "portaal.db"));
      file.exec("DROP TRIGGER audit_log_no_update");
      file.prepare(tampered).run(victim);
      file.close();
    }
    const broken = await json<Verification>(h.request(HET_BAKEN, "POST", `${URL}/verification`, { cookie: beheer }));
    expect(broken.last).toMatchObject({ ok: false, firstBrokenSeq: victim });
    expect(await json<Verification>(h.request(HET_BAKEN, "GET", `${URL}/verification`, { cookie: beheer }))).toEqual(broken);
    // The check in chunks (which lets other requests run in between) finds exactly what the whole walk finds.
    const keys = auditKeysOf(h.deps.db);
    if (!keys) throw new Error("no audit keys");
    expect(await checkAuditChainInChunks(h.deps.db, keys, [], 7)).toEqual(await checkAuditChain(h.deps.db, keys));
    // Each run is logged; Noorderlicht has no runs of its own.
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE action = 'audit.verify' AND org_id = ?", orgId)).toBe(2);
    const noorderlicht = await h.login(NOORDERLICHT, "beheer@noorderlicht.example");
    expect(await json<Verification>(h.request(NOORDERLICHT, "GET", `${URL}/verification`, { cookie: noorderlicht }))).toEqual({
      last: null,
    });
  });
});
