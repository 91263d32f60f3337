// Dagboek: private per person per portal; staff see an entry only after its writer shares it; an edit
// from a stale tab does not overwrite; bad input changes nothing; strangers get nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activateContact, type Harness, HET_BAKEN, makeHarness, NOORDERLICHT } from "../../test-support/app-harness";

let h: Harness;
let staff: string;
let parent: string;
let second: string;
let clientId: string;
interface Entry {
  id: string;
  body: string;
  version: number;
  sharedAt: number | null;
  tags: string[];
  mood: number | null;
}
const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
const own = async (cookie: string) =>
  await json<{ items: Entry[]; total: number }>(h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/diary`, { cookie }));
const shared = async () =>
  await json<{ items: (Entry & { author: string })[] }>(
    h.request(HET_BAKEN, "GET", `/api/beheer/clients/${clientId}/diary`, { cookie: staff }),
  );

beforeAll(async () => {
  h = await makeHarness();
  staff = await h.login(HET_BAKEN, "begeleider@hetbaken.example");
  parent = await h.login(HET_BAKEN, "ouder@example.com");
  const list = await json<{ items: { id: string }[] }>(
    h.request(HET_BAKEN, "GET", "/api/beheer/clients?q=Sanne%20Jansen", { cookie: staff }),
  );
  clientId = list.items[0]?.id ?? "";
  const secretariaat = await h.login(HET_BAKEN, "secretariaat@hetbaken.example");
  second = await activateContact(h, HET_BAKEN, secretariaat, clientId, {
    firstName: "Tweede",
    lastName: "Ouder",
    email: "tweede.dagboek@example.org",
    birthDate: "2012-03-14",
  });
});
afterAll(() => h.close());

describe("diary", () => {
  it("stays private to its writer until shared, then shows for staff as shared", async () => {
    const created = await h.request(HET_BAKEN, "POST", `/api/portal/${clientId}/diary`, {
      cookie: parent,
      body: { entryDate: "2026-11-20", mood: 2, tags: ["Slaap", "slaap", "school"], body: "Sanne sliep onrustig." },
    });
    expect(created.status).toBe(201);
    const entry = await json<Entry>(created);
    expect(entry.tags).toEqual(["slaap", "school"]);
    expect((await own(parent)).items.map((e) => e.id)).toContain(entry.id);
    // The other parent in the same portal and the staff see nothing of it.
    expect((await own(second)).items.map((e) => e.id)).not.toContain(entry.id);
    expect((await shared()).items.map((e) => e.id)).not.toContain(entry.id);
    const foreign = await h.request(HET_BAKEN, "PUT", `/api/portal/${clientId}/diary/${entry.id}`, {
      cookie: second,
      body: { entryDate: "2026-11-20", body: "overschreven", version: 1 },
    });
    expect(foreign.status).toBe(404);
    expect((await h.request(HET_BAKEN, "DELETE", `/api/portal/${clientId}/diary/${entry.id}`, { cookie: second })).status).toBe(404);

    const share = await h.request(HET_BAKEN, "POST", `/api/portal/${clientId}/diary/${entry.id}/share`, {
      cookie: parent,
      body: { shared: true },
    });
    expect(share.status).toBe(200);
    const seen = (await shared()).items.find((e) => e.id === entry.id);
    expect(seen?.body).toBe("Sanne sliep onrustig.");
    expect(seen?.author).toBe("Petra Jansen");
    await h.request(HET_BAKEN, "POST", `/api/portal/${clientId}/diary/${entry.id}/share`, { cookie: parent, body: { shared: false } });
    expect((await shared()).items.map((e) => e.id)).not.toContain(entry.id);
  });

  it("refuses a stale edit and keeps the newer text", async () => {
    const entry = await json<Entry>(
      h.request(HET_BAKEN, "POST", `/api/portal/${clientId}/diary`, {
        cookie: parent,
        body: { entryDate: "2026-11-21", body: "Eerste versie" },
      }),
    );
    const tabA = await h.request(HET_BAKEN, "PUT", `/api/portal/${clientId}/diary/${entry.id}`, {
      cookie: parent,
      body: { entryDate: "2026-11-21", body: "Tab A", version: entry.version },
    });
    expect(tabA.status).toBe(200);
    expect((await json<Entry>(tabA)).version).toBe(entry.version + 1);
    const tabB = await h.request(HET_BAKEN, "PUT", `/api/portal/${clientId}/diary/${entry.id}`, {
      cookie: parent,
      body: { entryDate: "2026-11-21", body: "Tab B", version: entry.version },
    });
    expect(tabB.status).toBe(409);
    expect((await json<{ error: { message: string } }>(tabB)).error.message).toMatch(/intussen ergens anders gewijzigd/);
    expect((await own(parent)).items.find((e) => e.id === entry.id)?.body).toBe("Tab A");
    const del = await h.request(HET_BAKEN, "DELETE", `/api/portal/${clientId}/diary/${entry.id}`, { cookie: parent });
    expect(del.status).toBe(204);
    expect((await own(parent)).items.map((e) => e.id)).not.toContain(entry.id);
  });

  it("explains bad input in Dutch and writes nothing", async () => {
    const before = (await own(parent)).total;
    const cases: [unknown, string, RegExp][] = [
      [{ entryDate: "2026-11-20", body: "" }, "body", /Schrijf iets/],
      [{ entryDate: "2999-01-01", body: "x" }, "entryDate", /toekomst/],
      [{ entryDate: "2026-02-30", body: "x" }, "entryDate", /bestaat niet/],
      [{ entryDate: "2026-11-20", body: "x", mood: 9 }, "mood", /stemming/],
      [{ entryDate: "2026-11-20", body: "x", tags: ["a", "b", "c", "d", "e", "f"] }, "tags", /Hoogstens 5/],
      [{ entryDate: "2026-11-20", body: "x".repeat(10_001) }, "body", /te lang/],
    ];
    for (const [body, field, message] of cases) {
      const res = await h.request(HET_BAKEN, "POST", `/api/portal/${clientId}/diary`, { cookie: parent, body });
      expect(res.status).toBe(400);
      const err = await json<{ error: { fields: Record<string, string> } }>(res);
      expect(err.error.fields[field]).toMatch(message);
    }
    const page = await h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/diary?page=0`, { cookie: parent });
    expect(page.status).toBe(400);
    expect((await own(parent)).total).toBe(before);
  });

  it("gives strangers nothing: another portal, another organization, staff of another organization", async () => {
    const client = await h.login(HET_BAKEN, "client@example.com");
    expect((await h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/diary`, { cookie: client })).status).toBe(403);
    const ggz = await h.login(NOORDERLICHT, "behandelaar@noorderlicht.example");
    expect((await h.request(NOORDERLICHT, "GET", `/api/beheer/clients/${clientId}/diary`, { cookie: ggz })).status).toBe(404);
    expect((await h.request(HET_BAKEN, "GET", `/api/beheer/clients/${clientId}/diary`, { cookie: parent })).status).toBe(403);
  });
});
