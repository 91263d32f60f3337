// Beheer: client list and page, relations, and the organization wall: nobody reads another's rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, HET_BAKEN, makeHarness, NOORDERLICHT } from "../../test-support/app-harness";
import { columnsOf, tablesOf } from "../../test-support/db-fingerprint";

let h: Harness;
let baken: string;
let noorderlicht: string;
type List = { items: { id: string; name: string }[]; total: number; page: number; pageSize: number };
const get = async <T>(host: string, url: string, cookie: string) => {
  const res = await h.request(host, "GET", url, { cookie });
  return { status: res.status, body: (await res.json()) as T };
};

beforeAll(async () => {
  h = await makeHarness();
  baken = await h.login(HET_BAKEN, "beheer@hetbaken.example");
  noorderlicht = await h.login(NOORDERLICHT, "beheer@noorderlicht.example");
});
afterAll(() => h.close());

describe("client list", () => {
  it("pages and searches within the organization", async () => {
    const first = await get<List>(HET_BAKEN, "/api/beheer/clients?pageSize=10", baken);
    expect(first.body.total).toBe(39);
    expect(first.body.items).toHaveLength(10);
    const last = await get<List>(HET_BAKEN, "/api/beheer/clients?pageSize=10&page=4", baken);
    expect(last.body.items).toHaveLength(9);
    const search = await get<List>(HET_BAKEN, "/api/beheer/clients?q=Sanne%20Jansen", baken);
    expect(search.body.items.map((c) => c.name)).toEqual(["Sanne Jansen"]);
    const injection = await get<List>(HET_BAKEN, "/api/beheer/clients?q=%25'%20OR%201=1--", baken);
    expect(injection.body.total).toBe(0);
    expect((await get(HET_BAKEN, "/api/beheer/clients?page=0", baken)).status).toBe(400);
    expect((await get(HET_BAKEN, "/api/beheer/clients?pageSize=1000", baken)).status).toBe(400);
  });

  it("shows nothing of another organization", async () => {
    const ours = await get<List>(HET_BAKEN, "/api/beheer/clients?pageSize=100", baken);
    const theirs = await get<List>(NOORDERLICHT, "/api/beheer/clients?pageSize=100", noorderlicht);
    const ourIds = new Set(ours.body.items.map((c) => c.id));
    expect(theirs.body.items.some((c) => ourIds.has(c.id))).toBe(false);
    const sanne = ours.body.items.find((c) => c.name === "Sanne Jansen")?.id;
    expect((await get(NOORDERLICHT, `/api/beheer/clients/${sanne}`, noorderlicht)).status).toBe(404);
    expect((await get(HET_BAKEN, `/api/beheer/clients/${sanne}`, noorderlicht)).status).toBe(401);
  });

  it("limits a begeleider to their care team, and refuses portal users and strangers", async () => {
    const begeleider = await h.login(HET_BAKEN, "begeleider@hetbaken.example");
    const team = await get<List>(HET_BAKEN, "/api/beheer/clients?pageSize=100", begeleider);
    expect(team.body.total).toBeGreaterThan(0);
    expect(team.body.total).toBeLessThan(36);
    const all = await get<List>(HET_BAKEN, "/api/beheer/clients?pageSize=100", baken);
    const outside = all.body.items.find((c) => !team.body.items.some((t) => t.id === c.id))?.id;
    expect((await get(HET_BAKEN, `/api/beheer/clients/${outside}`, begeleider)).status).toBe(404);
    const parent = await h.login(HET_BAKEN, "ouder@example.com");
    expect((await get(HET_BAKEN, "/api/beheer/clients", parent)).status).toBe(403);
    expect((await h.request(HET_BAKEN, "GET", "/api/beheer/clients")).status).toBe(401);
  });
});

describe("relations", () => {
  it("are added once and linked to other clients; mistakes change nothing", async () => {
    const list = await get<List>(HET_BAKEN, "/api/beheer/clients?pageSize=100", baken);
    const [a, b] = list.body.items.filter((c) => !["Sanne Jansen", "Daan Jansen", "Lotte Bakker"].includes(c.name));
    const post = (url: string, body: unknown, cookie = baken, host = HET_BAKEN) => h.request(host, "POST", url, { body, cookie });
    const own = await post(`/api/beheer/clients/${a?.id}/relations`, {
      firstName: "Iemand",
      lastName: "Intern",
      email: "x@hetbaken.example",
      role: "verwant",
    });
    expect(own.status).toBe(400);
    const missing = await post(`/api/beheer/clients/${a?.id}/relations`, { lastName: "Zonder", role: "verwant" });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { fields: Record<string, string> } }).error.fields.firstName).toMatch(/voornaam/);
    const created = await post(`/api/beheer/clients/${a?.id}/relations`, {
      firstName: "Gerda",
      lastName: "Koppel",
      email: "gerda.koppel@example.org",
      role: "mentor",
      gezag: false,
    });
    expect(created.status).toBe(201);
    const { contactId } = (await created.json()) as { contactId: string };
    expect((await post(`/api/beheer/clients/${b?.id}/relations/link`, { contactId, role: "mentor" })).status).toBe(201);
    expect((await post(`/api/beheer/clients/${b?.id}/relations/link`, { contactId, role: "mentor" })).status).toBe(409);
    const detail = await get<{ relations: { contactId: string; otherClients: { id: string }[] }[] }>(
      HET_BAKEN,
      `/api/beheer/clients/${b?.id}`,
      baken,
    );
    expect(detail.body.relations.find((r) => r.contactId === contactId)?.otherClients.map((o) => o.id)).toEqual([a?.id]);
    const found = await get<{ items: { id: string }[] }>(HET_BAKEN, "/api/beheer/contacts?q=Koppel", baken);
    expect(found.body.items.map((c) => c.id)).toEqual([contactId]);
    // Another organization cannot link or even find it.
    const theirs = await get<List>(NOORDERLICHT, "/api/beheer/clients?pageSize=1", noorderlicht);
    expect(
      (
        await post(
          `/api/beheer/clients/${theirs.body.items[0]?.id}/relations/link`,
          { contactId, role: "mentor" },
          noorderlicht,
          NOORDERLICHT,
        )
      ).status,
    ).toBe(404);
    expect((await get<{ items: unknown[] }>(NOORDERLICHT, "/api/beheer/contacts?q=Koppel", noorderlicht)).body.items).toEqual([]);
    // A begeleider may look but not add.
    const begeleider = await h.login(HET_BAKEN, "begeleider2@hetbaken.example");
    expect(
      (await post(`/api/beheer/clients/${a?.id}/relations`, { firstName: "Nee", lastName: "Niet", role: "verwant" }, begeleider)).status,
    ).toBe(403);
  });

  it("no row of one organization points at a row of the other", async () => {
    const tables = await tablesOf(h.deps.db);
    let checked = 0;
    for (const table of tables) {
      const columns = (await columnsOf(h.deps.db, table)).map((c) => c.name);
      if (!columns.includes("org_id")) continue;
      for (const [column, target] of [
        ["client_id", "clients"],
        ["account_id", "accounts"],
        ["contact_id", "contacts"],
        ["staff_id", "accounts"],
      ] as const) {
        if (!columns.includes(column) || table === target) continue;
        const crossing = (await h.deps.db.$raw.get(
          `SELECT count(*) AS n FROM ${table} x JOIN ${target} y ON y.id = x.${column} WHERE y.org_id <> x.org_id`,
        )) as { n: number };
        expect(Number(crossing.n), `${table}.${column}`).toBe(0); // count(*) is a bigint (a string) on PostgreSQL
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });
});
