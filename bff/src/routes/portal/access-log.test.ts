// The client's access log (issue 14 part 4): only lines about items shared with the reader (counts
// included), the viewer's role and organization, a period of Dutch days; and new access to a portal,
// e-mailed without names to the client and the gezag holders and shown in their log.
import type { AccessLogResponse } from "@portaal/shared/dossier";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit } from "../../audit/log";
import { listMailbox } from "../../mail/outbox";
import { activateContact, type Harness, HET_BAKEN, makeHarness, multipart, PDF_BYTES } from "../../test-support/app-harness";

let h: Harness;
let staff: string;
let secretariaat: string;
let petra: string;
let mother: string;
let relative: string;
let daan: string;
let motherId: string;
let sharedDoc: string;

const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
const logOf = (cookie: string, query = "") =>
  json<AccessLogResponse>(h.request(HET_BAKEN, "GET", `/api/portal/${daan}/access-log${query}`, { cookie }));
const newAccessMails = async (to: string) =>
  (await listMailbox(h.deps.db, to)).filter((m) => m.text.includes("Iemand heeft zojuist toegang gekregen"));

async function clientIdOf(name: string): Promise<string> {
  const list = await json<{ items: { id: string }[] }>(
    h.request(HET_BAKEN, "GET", `/api/beheer/clients?q=${encodeURIComponent(name)}`, { cookie: secretariaat }),
  );
  return list.items[0]?.id ?? "";
}

async function accountIdOf(email: string): Promise<string> {
  return ((await h.deps.db.$raw.get("SELECT id FROM accounts WHERE email = ?", email)) as { id: string }).id;
}

async function createSharedPdf(title: string, accountIds: string[]): Promise<string> {
  const { form } = multipart(HET_BAKEN, {
    kind: "document",
    title,
    docDate: "2026-01-10",
    file: { name: `${title}.pdf`, bytes: PDF_BYTES, type: "application/pdf" },
  });
  const res = await h.app.request(`/api/beheer/clients/${daan}/documents`, {
    method: "POST",
    headers: { Host: HET_BAKEN, Origin: `http://${HET_BAKEN}`, Cookie: staff },
    body: form,
  });
  const { id } = (await res.json()) as { id: string };
  const share = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${daan}/documents/${id}/shares`, {
    cookie: staff,
    body: { accountIds },
  });
  expect(share.status).toBe(200);
  return id;
}

beforeAll(async () => {
  h = await makeHarness();
  staff = await h.login(HET_BAKEN, "begeleider@hetbaken.example");
  secretariaat = await h.login(HET_BAKEN, "secretariaat@hetbaken.example");
  petra = await h.login(HET_BAKEN, "ouder@example.com");
  daan = await clientIdOf("Daan Jansen");

  // A second parent with gezag, and a relative: activated while marked with gezag, then set to verwant
  // without gezag (so this test does not depend on how a verwant's consent is recorded).
  mother = await activateContact(h, HET_BAKEN, secretariaat, daan, {
    firstName: "Moeder",
    lastName: "Logboek",
    email: "moeder.logboek@example.org",
    birthDate: "2015-09-02",
  });
  relative = await activateContact(h, HET_BAKEN, secretariaat, daan, {
    firstName: "Oom",
    lastName: "Logboek",
    email: "oom.logboek@example.org",
    birthDate: "2015-09-02",
  });
  const relationId = (
    (await h.deps.db.$raw.get(
      "SELECT r.id FROM relations r JOIN contacts c ON c.id = r.contact_id WHERE c.email = ? AND r.client_id = ?",
      "oom.logboek@example.org",
      daan,
    )) as { id: string }
  ).id;
  const edit = await h.request(HET_BAKEN, "PATCH", `/api/beheer/clients/${daan}/relations/${relationId}`, {
    cookie: secretariaat,
    body: { role: "verwant", gezag: false, version: 1 },
  });
  expect(edit.status).toBe(200);
  motherId = await accountIdOf("moeder.logboek@example.org");

  // Shared only with this mother; she opens it, and so does the begeleider in Beheer.
  sharedDoc = await createSharedPdf("Alleen voor moeder", [motherId]);
  expect((await h.request(HET_BAKEN, "GET", `/api/portal/${daan}/documents/${sharedDoc}`, { cookie: mother })).status).toBe(200);
  expect((await h.request(HET_BAKEN, "GET", `/api/beheer/clients/${daan}/documents/${sharedDoc}/file`, { cookie: staff })).status).toBe(
    200,
  );
});
afterAll(() => h.close());

describe("only what the reader may see", () => {
  it("names the item, the viewer's role and organization for the parent it was shared with", async () => {
    const log = await logOf(mother);
    const lines = log.items.filter((e) => e.title === "Alleen voor moeder");
    expect(lines).toContainEqual(expect.objectContaining({ who: "Moeder Logboek", role: "Ouder", organization: null, action: "bekeken" }));
    expect(lines).toContainEqual(
      expect.objectContaining({ who: "Joost Verbeek", role: "Begeleider", organization: "Zorggroep Het Baken", action: "bekeken" }),
    );
    // Never an e-mail address.
    expect(JSON.stringify(log)).not.toContain("@");
  });

  it("leaves the item out of the other parent's log entirely, also from the count", async () => {
    const all = await logOf(petra, "?pageSize=100");
    expect(all.items.some((e) => e.title === "Alleen voor moeder")).toBe(false);
    expect(all.total).toBe(all.items.length);
    const docLines = all.items.filter((e) => e.action !== "toegang").length;
    // What is in the audit log for this client's documents, but not shared with Petra: not counted.
    const views = (await h.deps.db.$raw.get(
      "SELECT count(*) AS n FROM audit_log WHERE client_id = ? AND object_id = ? AND outcome = 'success'",
      daan,
      sharedDoc,
    )) as { n: number };
    expect(Number(views.n)).toBeGreaterThanOrEqual(2); // count(*) is a bigint (a string) on PostgreSQL
    const paged = await logOf(petra, "?pageSize=1");
    expect(paged.total).toBe(all.total);
    expect(paged.items).toHaveLength(Math.min(1, all.total));
    expect(docLines + all.items.filter((e) => e.action === "toegang").length).toBe(all.total);
  });

  it("a verwant without gezag reads no access log at all", async () => {
    const res = await h.request(HET_BAKEN, "GET", `/api/portal/${daan}/access-log`, { cookie: relative });
    expect([403, 404]).toContain(res.status);
    expect(JSON.stringify(await res.json())).not.toContain("Alleen voor moeder");
  });
});

describe("period on Dutch calendar days", () => {
  async function viewAt(at: number) {
    await appendAudit(
      h.deps.db,
      {
        orgId: ((await h.deps.db.$raw.get("SELECT org_id FROM clients WHERE id = ?", daan)) as { org_id: string }).org_id,
        actorId: motherId,
        actorLabel: "moeder.logboek@example.org",
        clientId: daan,
        action: "document.view",
        objectType: "document",
        objectId: sharedDoc,
        ip: null,
        outcome: "success",
      },
      at,
    );
  }

  beforeAll(async () => {
    await viewAt(Date.UTC(2026, 2, 1, 23, 30)); // 00:30 on 2 March in Amsterdam (winter time)
    await viewAt(Date.UTC(2026, 5, 30, 22, 30)); // 00:30 on 1 July in Amsterdam (summer time)
    await viewAt(Date.UTC(2026, 5, 30, 21, 30)); // 23:30 on 30 June in Amsterdam
  });

  it("an entry at 23:30 UTC on 1 March belongs to 2 March", async () => {
    const march2 = await logOf(mother, "?from=2026-03-02&to=2026-03-02");
    expect(march2.total).toBe(1);
    expect(march2.items[0]).toMatchObject({ at: Date.UTC(2026, 2, 1, 23, 30), title: "Alleen voor moeder", role: "Ouder" });
    expect((await logOf(mother, "?from=2026-03-01&to=2026-03-01")).total).toBe(0);
  });

  it("summer time: the day starts at 22:00 UTC; open ends work on their own", async () => {
    const july1 = await logOf(mother, "?from=2026-07-01&to=2026-07-01");
    expect(july1.items.map((e) => e.at)).toEqual([Date.UTC(2026, 5, 30, 22, 30)]);
    const june30 = await logOf(mother, "?from=2026-06-30&to=2026-06-30");
    expect(june30.items.map((e) => e.at)).toEqual([Date.UTC(2026, 5, 30, 21, 30)]);
    expect((await logOf(mother, "?to=2026-06-30")).total).toBe(2);
    const since = await logOf(mother, "?from=2026-07-01");
    expect(since.items.every((e) => e.at >= Date.UTC(2026, 5, 30, 22))).toBe(true);
    expect(since.total).toBe((await logOf(mother)).total - 2);
  });

  it("a bad period gets a Dutch 400 and nothing else", async () => {
    const cases: [string, string][] = [
      ["?from=2026-02-30", "De datum bij Van bestaat niet."],
      ["?to=1-3-2026", "Vul bij Tot en met een datum in als JJJJ-MM-DD."],
      ["?from=2026-03-05&to=2026-03-01", "De datum bij Van ligt na de datum bij Tot en met."],
    ];
    for (const [query, message] of cases) {
      const res = await h.request(HET_BAKEN, "GET", `/api/portal/${daan}/access-log${query}`, { cookie: mother });
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { message: string }; items?: unknown };
      expect(body.error.message).toContain(message);
      expect(body.items).toBeUndefined();
    }
  });
});

describe("new access to a portal", () => {
  it("mails the gezag holders with access, not the new person, not a verwant; and it shows in their log", async () => {
    const before = {
      petra: (await newAccessMails("ouder@example.com")).length,
      mother: (await newAccessMails("moeder.logboek@example.org")).length,
      relative: (await newAccessMails("oom.logboek@example.org")).length,
    };
    await activateContact(h, HET_BAKEN, secretariaat, daan, {
      firstName: "Voogd",
      lastName: "Nieuwkomer",
      email: "voogd.nieuw@example.org",
      birthDate: "2015-09-02",
    });
    expect((await newAccessMails("ouder@example.com")).length).toBe(before.petra + 1);
    expect((await newAccessMails("moeder.logboek@example.org")).length).toBe(before.mother + 1);
    expect((await newAccessMails("oom.logboek@example.org")).length).toBe(before.relative);
    expect(await newAccessMails("voogd.nieuw@example.org")).toHaveLength(0);
    // Mark Jansen has gezag but no account: nobody to mail.
    const mail = (await newAccessMails("ouder@example.com"))[0];
    expect(mail?.subject).toBe("Bericht van het Zorggroep Het Baken cliëntenportaal");
    for (const name of ["Voogd", "Nieuwkomer", "Petra", "Jansen", "Daan", "Moeder", "Logboek"]) {
      expect(mail?.text).not.toContain(name);
      expect(mail?.html).not.toContain(name);
    }
    expect(mail?.text).toContain("http://localhost:");
    expect(mail?.text).toContain("/inloggen");

    for (const reader of [petra, mother]) {
      const log = await logOf(reader);
      expect(log.items).toContainEqual(
        expect.objectContaining({ who: "Voogd Nieuwkomer", role: "Ouder", organization: null, action: "toegang", title: null }),
      );
    }
  });

  it("mails the client's own account and the parent with consent (16+), not the new person", async () => {
    const jesse = await clientIdOf("Jesse Kok");
    const add = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${jesse}/relations`, {
      cookie: secretariaat,
      body: { firstName: "Tante", lastName: "Nieuw", email: "tante.nieuw@example.org", role: "voogd", gezag: true },
    });
    const { id: relationId, contactId } = (await add.json()) as { id: string; contactId: string };
    const consent = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${jesse}/consents`, {
      cookie: secretariaat,
      body: { relationId, given: true },
    });
    expect(consent.status).toBe(200);
    const before = (await newAccessMails("jesse@example.com")).length;
    const grant = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${jesse}/access/activate`, {
      cookie: secretariaat,
      body: { personType: "contact", personId: contactId },
    });
    expect(grant.status).toBe(201);
    expect((await newAccessMails("jesse@example.com")).length).toBe(before + 1);
    expect((await newAccessMails("ouder.jesse@example.com")).length).toBeGreaterThanOrEqual(1);
    expect(await newAccessMails("tante.nieuw@example.org")).toHaveLength(0);
    const mail = (await newAccessMails("jesse@example.com"))[0];
    for (const name of ["Tante", "Nieuw", "Jesse", "Kok", "Marloes"]) expect(mail?.text).not.toContain(name);

    const jesseCookie = await h.login(HET_BAKEN, "jesse@example.com");
    const log = await json<AccessLogResponse>(h.request(HET_BAKEN, "GET", `/api/portal/${jesse}/access-log`, { cookie: jesseCookie }));
    expect(log.items[0]).toMatchObject({ who: "Tante Nieuw", role: "Voogd", action: "toegang" });

    // Asking again for someone who already has access is no new access: no second mail, no second line.
    const again = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${jesse}/access/activate`, {
      cookie: secretariaat,
      body: { personType: "contact", personId: contactId },
    });
    expect(again.status).toBe(201);
    expect((await newAccessMails("jesse@example.com")).length).toBe(before + 1);
  });

  it("a reactivated (closed) account is new access again", async () => {
    const before = (await newAccessMails("ouder@example.com")).length;
    const voogd = await accountIdOf("voogd.nieuw@example.org");
    const close = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${daan}/access/${voogd}/close`, { cookie: secretariaat });
    expect(close.status).toBe(200);
    const reactivate = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${daan}/access/${voogd}/reactivate`, {
      cookie: secretariaat,
    });
    expect(reactivate.status).toBe(200);
    expect((await newAccessMails("ouder@example.com")).length).toBe(before + 1);
    expect(await newAccessMails("voogd.nieuw@example.org")).toHaveLength(0);
  });
});
