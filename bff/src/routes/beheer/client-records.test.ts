// Client records in Beheer (issue 14.1): the secretariaat creates and edits clients, placements and
// relations; duplicates and stale versions are refused and change nothing; ending a relation closes its
// portal access but keeps its history; other roles and the other organization reach nothing.
import type { ClientDetail } from "@portaal/shared/beheer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, HET_BAKEN, makeHarness, NOORDERLICHT } from "../../test-support/app-harness";

let h: Harness;
let secretariaat: string;
let noorderlicht: string;
let clientId: string;

type Err = { error: { code: string; message: string; fields?: Record<string, string> } };
const call = async <T = Err>(method: string, url: string, cookie: string, body?: unknown, host = HET_BAKEN) => {
  const res = await h.request(host, method, url, { cookie, body });
  return { status: res.status, body: (await res.json()) as T };
};
const detail = async (id: string) => (await call<ClientDetail>("GET", `/api/beheer/clients/${id}`, secretariaat)).body;
const sql = <T>(q: string, ...args: unknown[]) => h.deps.db.$raw.all<T>(q, ...args);
const audits = (action: string, objectId: string) =>
  sql<{ outcome: string; actor_label: string }>(
    "SELECT outcome, actor_label FROM audit_log WHERE action = ? AND object_id = ? ORDER BY seq",
    action,
    objectId,
  );

const NEW_CLIENT = {
  clientNumber: "R-2026-001",
  firstName: "Noor",
  lastName: "de Vries",
  birthDate: "2011-05-04",
  email: "noor.devries@example.org",
  phone: "06 1234 5678",
  address: "",
};

beforeAll(async () => {
  h = await makeHarness();
  secretariaat = await h.login(HET_BAKEN, "secretariaat@hetbaken.example");
  noorderlicht = await h.login(NOORDERLICHT, "beheer@noorderlicht.example");
});
afterAll(() => h.close());

describe("clients", () => {
  it("the secretariaat creates a client; the client page shows it, and the creation is audited", async () => {
    const created = await call<{ id: string; version: number }>("POST", "/api/beheer/clients", secretariaat, NEW_CLIENT);
    expect(created.status).toBe(201);
    clientId = created.body.id;
    const d = await detail(clientId);
    expect(d).toMatchObject({
      clientNumber: "R-2026-001",
      firstName: "Noor",
      lastName: "de Vries",
      birthDate: "2011-05-04",
      address: null,
    });
    expect(d.version).toBe(1);
    expect(await audits("beheer.client.create", clientId)).toEqual([{ outcome: "success", actor_label: "secretariaat@hetbaken.example" }]);
  });

  it("refuses a client number the organization already uses with a Dutch 409, and creates nothing", async () => {
    const before = Number((await sql<{ n: number }>("SELECT count(*) AS n FROM clients"))[0]?.n); // a bigint (string) on PostgreSQL
    const dup = await call("POST", "/api/beheer/clients", secretariaat, { ...NEW_CLIENT, firstName: "Ander" });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("client_number_taken");
    expect(dup.body.error.message).toContain("Cliëntnummer R-2026-001 is al in gebruik");
    expect(Number((await sql<{ n: number }>("SELECT count(*) AS n FROM clients"))[0]?.n)).toBe(before);
    // The other organization may use the same number: unique per organization.
    const theirs = await call("POST", "/api/beheer/clients", noorderlicht, NEW_CLIENT, NOORDERLICHT);
    expect(theirs.status).toBe(201);
  });

  it("says exactly what is wrong with bad input", async () => {
    const bad = async (patch: Record<string, unknown>) =>
      (await call("POST", "/api/beheer/clients", secretariaat, { ...NEW_CLIENT, ...patch })).body.error;
    expect((await bad({ clientNumber: "R-9", birthDate: "2999-01-01" })).fields?.birthDate).toBe("De geboortedatum ligt in de toekomst.");
    expect((await bad({ clientNumber: "R-9", birthDate: "2011-02-30" })).fields?.birthDate).toBe("Deze datum bestaat niet.");
    expect((await bad({ clientNumber: "R 9" })).fields?.clientNumber).toMatch(/letters, cijfers/);
    expect((await bad({ clientNumber: "R-9", firstName: " " })).message).toBe("Vul de voornaam in.");
    expect((await bad({ clientNumber: "R-9", email: "noor@" })).fields?.email).toMatch(/geldig e-mailadres/);
    const own = await bad({ clientNumber: "R-9", email: "noor@hetbaken.example" });
    expect(own.code).toBe("own_domain");
    expect(await sql("SELECT id FROM clients WHERE client_number = 'R-9'")).toEqual([]);
  });

  it("edits a client; a stale version gets a 409 and changes nothing", async () => {
    const edit = { ...NEW_CLIENT, firstName: "Noortje", address: "Dorpsstraat 1, Baarn", version: 1 };
    const ok = await call<{ version: number }>("PATCH", `/api/beheer/clients/${clientId}`, secretariaat, edit);
    expect(ok).toEqual({ status: 200, body: { id: clientId, version: 2 } });
    // A colleague who opened the page before that edit:
    const stale = await call("PATCH", `/api/beheer/clients/${clientId}`, secretariaat, { ...edit, firstName: "Overschreven" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_version");
    const d = await detail(clientId);
    expect(d).toMatchObject({ firstName: "Noortje", address: "Dorpsstraat 1, Baarn", version: 2 });
    const sanne = (await sql<{ client_number: string }>("SELECT client_number FROM clients WHERE first_name = 'Sanne'"))[0]?.client_number;
    const taken = await call("PATCH", `/api/beheer/clients/${clientId}`, secretariaat, { ...edit, clientNumber: sanne, version: 2 });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toContain(`Cliëntnummer ${sanne}`);
    expect((await detail(clientId)).clientNumber).toBe("R-2026-001");
    expect((await audits("beheer.client.update", clientId)).map((a) => a.outcome)).toEqual(["success", "failure", "failure"]);
  });

  it("two edits from the same version at once: one wins, the other gets a 409, nothing is lost silently", async () => {
    const { version } = await detail(clientId);
    const edit = (firstName: string) =>
      call("PATCH", `/api/beheer/clients/${clientId}`, secretariaat, {
        ...NEW_CLIENT,
        firstName,
        address: "Dorpsstraat 1, Baarn",
        version,
      });
    const results = await Promise.all([edit("Noortje"), edit("Noor-Anna")]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results[0]?.status === 200 ? "Noortje" : "Noor-Anna";
    expect(await detail(clientId)).toMatchObject({ firstName: winner, version: version + 1 });
    // The rest of this file expects the first name from before.
    const back = await call("PATCH", `/api/beheer/clients/${clientId}`, secretariaat, {
      ...NEW_CLIENT,
      firstName: "Noortje",
      address: "Dorpsstraat 1, Baarn",
      version: version + 1,
    });
    expect(back.status).toBe(200);
  });
});

describe("placements and products", () => {
  it("adds, edits and ends a placement; end before start and stale versions are refused", async () => {
    const url = `/api/beheer/clients/${clientId}/placements`;
    const backwards = await call("POST", url, secretariaat, {
      kind: "plaatsing",
      name: "De Linde",
      startDate: "2026-03-01",
      endDate: "2026-02-01",
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields?.endDate).toBe("De einddatum ligt vóór de startdatum.");
    const noName = await call("POST", url, secretariaat, { kind: "plaatsing", name: "", startDate: "2026-03-01" });
    expect(noName.body.error.fields?.name).toBe("Vul de locatie of productnaam in.");
    const added = await call<{ id: string; version: number }>("POST", url, secretariaat, {
      kind: "plaatsing",
      name: "Woongroep De Linde",
      startDate: "2026-01-01",
    });
    expect(added.status).toBe(201);
    const id = added.body.id;
    const edited = await call("PATCH", `${url}/${id}`, secretariaat, {
      kind: "plaatsing",
      name: "Woongroep De Linde, Baarn",
      startDate: "2026-01-01",
      version: 1,
    });
    expect(edited.status).toBe(200);
    const stale = await call("PATCH", `${url}/${id}`, secretariaat, { kind: "product", name: "Oud", startDate: "2026-01-01", version: 1 });
    expect(stale.status).toBe(409);
    // Removing is ending: the placement stays, with its end date.
    const ended = await call("PATCH", `${url}/${id}`, secretariaat, {
      kind: "plaatsing",
      name: "Woongroep De Linde, Baarn",
      startDate: "2026-01-01",
      endDate: "2026-01-31",
      version: 2,
    });
    expect(ended.status).toBe(200);
    const p = (await detail(clientId)).placements.find((x) => x.id === id);
    expect(p).toMatchObject({ name: "Woongroep De Linde, Baarn", kind: "plaatsing", endDate: "2026-01-31", active: false, version: 3 });
    expect((await audits("beheer.placement.update", id)).map((a) => a.outcome)).toEqual(["success", "failure", "success"]);
  });

  it("a placement of another client or organization is not found", async () => {
    const sanne = (await sql<{ id: string }>("SELECT id FROM clients WHERE first_name = 'Sanne'"))[0]?.id;
    const theirs = (
      await sql<{ id: string }>("SELECT p.id FROM placements p JOIN organizations o ON o.id = p.org_id WHERE o.hostname = ?", NOORDERLICHT)
    )[0]?.id;
    const body = { kind: "plaatsing", name: "X", startDate: "2026-01-01", version: 1 };
    expect((await call("PATCH", `/api/beheer/clients/${sanne}/placements/${theirs}`, secretariaat, body)).status).toBe(404);
    const mine = (await detail(clientId)).placements[0]?.id;
    expect((await call("PATCH", `/api/beheer/clients/${sanne}/placements/${mine}`, secretariaat, body)).status).toBe(404);
  });
});

describe("relations", () => {
  it("edits role and gezag with a version", async () => {
    const added = await call<{ id: string }>("POST", `/api/beheer/clients/${clientId}/relations`, secretariaat, {
      firstName: "Els",
      lastName: "de Vries",
      email: "els.devries@example.org",
      role: "verwant",
      gezag: false,
    });
    expect(added.status).toBe(201);
    const r = (await detail(clientId)).relations.find((x) => x.id === added.body.id);
    expect(r).toMatchObject({ role: "verwant", gezag: false, endDate: null, version: 1 });
    const url = `/api/beheer/clients/${clientId}/relations/${added.body.id}`;
    expect((await call("PATCH", url, secretariaat, { role: "voogd", gezag: true, version: 1 })).status).toBe(200);
    const stale = await call("PATCH", url, secretariaat, { role: "verwant", gezag: false, version: 1 });
    expect(stale.status).toBe(409);
    expect((await detail(clientId)).relations.find((x) => x.id === added.body.id)).toMatchObject({
      role: "voogd",
      gezag: true,
      version: 2,
    });
    const badRole = await call("PATCH", url, secretariaat, { role: "buurman", gezag: true, version: 2 });
    expect(badRole.body.error.fields?.role).toMatch(/Kies een rol uit de lijst/);
  });

  it("ending a relation closes its portal access (grant revoked, sessions ended) and keeps its history", async () => {
    const idOf = async (n: string) => (await sql<{ id: string }>("SELECT id FROM clients WHERE first_name = ?", n))[0]?.id;
    const [sanne, daan] = [await idOf("Sanne"), await idOf("Daan")];
    const petra = await h.login(HET_BAKEN, "ouder@example.com");
    expect((await call("GET", `/api/portal/${sanne}/overview`, petra)).status).toBe(200);
    const rel = (await detail(sanne as string)).relations.find((r) => r.email === "ouder@example.com");
    if (!rel) throw new Error("Petra is a relation of Sanne in the demo");
    const url = `/api/beheer/clients/${sanne}/relations/${rel.id}/end`;
    expect((await call("POST", url, secretariaat, { version: rel.version + 5 })).status).toBe(409);
    const ended = await call<{ accessClosed: boolean }>("POST", url, secretariaat, { version: rel.version });
    expect(ended.status).toBe(200);
    expect(ended.body.accessClosed).toBe(true);
    // Her session ended; logged in again she has her other child's portal, not this one.
    expect((await call("GET", `/api/portal/${sanne}/overview`, petra)).status).toBe(401);
    const again = await h.login(HET_BAKEN, "ouder@example.com");
    expect((await call("GET", `/api/portal/${sanne}/overview`, again)).status).toBe(403);
    expect((await call("GET", `/api/portal/${daan}/overview`, again)).status).toBe(200);
    // History stays: the relation shows as ended, the grant row is revoked (not deleted), audit rows remain.
    const shown = (await detail(sanne as string)).relations.find((r) => r.id === rel.id);
    expect(shown?.endDate).toBe(new Date().toISOString().slice(0, 10));
    expect(
      await sql("SELECT status FROM portal_grants WHERE client_id = ? AND relation = 'ouder' AND status = 'revoked'", sanne),
    ).toHaveLength(1);
    expect((await audits("beheer.relation.end", rel.id)).map((a) => a.outcome)).toEqual(["failure", "success"]);
    expect(await sql("SELECT seq FROM audit_log WHERE action = 'access.revoke' AND client_id = ?", sanne)).toHaveLength(1);
    // An ended relation cannot be edited, ended again, or given access.
    expect((await call("POST", url, secretariaat, { version: rel.version + 1 })).body.error.code).toBe("relation_ended");
    const edit = await call("PATCH", `/api/beheer/clients/${sanne}/relations/${rel.id}`, secretariaat, {
      role: "ouder",
      gezag: false,
      version: rel.version + 1,
    });
    expect(edit.status).toBe(409);
    const contactId = rel.contactId;
    const activate = await call("POST", `/api/beheer/clients/${sanne}/access/activate`, secretariaat, {
      personType: "contact",
      personId: contactId,
    });
    expect(activate.status).toBe(404);
  });
});

describe("who may", () => {
  it("refuses practitioners, portal users and the other organization (404 for its ids)", async () => {
    const begeleider = await h.login(HET_BAKEN, "begeleider@hetbaken.example");
    const edit = { ...NEW_CLIENT, version: 2 };
    expect((await call("POST", "/api/beheer/clients", begeleider, { ...NEW_CLIENT, clientNumber: "B-1" })).status).toBe(403);
    expect((await call("PATCH", `/api/beheer/clients/${clientId}`, begeleider, edit)).status).toBe(403);
    const parent = await h.login(HET_BAKEN, "client@example.com");
    expect((await call("POST", "/api/beheer/clients", parent, { ...NEW_CLIENT, clientNumber: "B-2" })).status).toBe(403);
    expect((await call("PATCH", `/api/beheer/clients/${clientId}`, noorderlicht, edit, NOORDERLICHT)).status).toBe(404);
    const rel = (await detail(clientId)).relations[0];
    const relUrl = `/api/beheer/clients/${clientId}/relations/${rel?.id}`;
    expect((await call("PATCH", relUrl, noorderlicht, { role: "ouder", gezag: true, version: 2 }, NOORDERLICHT)).status).toBe(404);
    expect((await call("POST", `${relUrl}/end`, noorderlicht, { version: 2 }, NOORDERLICHT)).status).toBe(404);
    expect((await detail(clientId)).firstName).toBe("Noortje");
    // The beheerder may, like the secretariaat.
    const beheer = await h.login(HET_BAKEN, "beheer@hetbaken.example");
    const { version } = await detail(clientId);
    expect((await call("PATCH", `/api/beheer/clients/${clientId}`, beheer, { ...edit, phone: "", version })).status).toBe(200);
  });
});
