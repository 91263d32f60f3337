// What waits for the secretariaat (issue 11, points 6–8): a close request reaches staff (record, client
// page, Werkvoorraad, e-mail without content); the client search finds relations; the client list shows
// and filters by access state, dead activation links included; the secret-question check shows the question.
import { notificationSubject } from "@portaal/shared/policy";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { listMailbox } from "../../mail/outbox";
import { activateContact, type Harness, HET_BAKEN, makeHarness, NOORDERLICHT, recordConsent } from "../../test-support/app-harness";

interface Person {
  personType: string;
  personId: string;
  name: string;
  email: string | null;
  accountId: string | null;
  status: string;
  blockedReason: string | null;
  closeRequestedAt: number | null;
  secretQuestion: string | null;
}
interface WorkItem {
  kind: string;
  accountId: string;
  name: string;
  blockedReason: string | null;
  at: number;
  clients: { id: string; name: string }[];
}
interface ClientRow {
  id: string;
  name: string;
  matchedRelations: { name: string; role: string; email: string | null }[];
  access: { name: string; status: string; blockedReason: string | null; closeRequested: boolean }[];
}

let h: Harness;
let secretariaat: string;
const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
const get = <T>(cookie: string, url: string, host = HET_BAKEN) => json<T>(h.request(host, "GET", url, { cookie }));
const clients = (cookie: string, query: string) => get<{ items: ClientRow[]; total: number }>(cookie, `/api/beheer/clients?${query}`);
const queue = (cookie = secretariaat) => get<{ items: WorkItem[] }>(cookie, "/api/beheer/work-queue");
const people = (clientId: string) => get<{ people: Person[] }>(secretariaat, `/api/beheer/clients/${clientId}/access`);
async function clientId(name: string): Promise<string> {
  return (await clients(secretariaat, `q=${encodeURIComponent(name)}`)).items.find((c) => c.name === name)?.id ?? "";
}

/** Adds a relation to Daan and sends them an activation link; returns the link's token and their person id. */
async function invite(first: string, email: string): Promise<{ token: string; contactId: string; daan: string }> {
  const daan = await clientId("Daan Jansen");
  const add = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${daan}/relations`, {
    cookie: secretariaat,
    body: { firstName: first, lastName: "Wachtrij", email, role: "verwant", gezag: false },
  });
  const { contactId, id: relationId } = await json<{ contactId: string; id: string }>(add);
  await recordConsent(h, HET_BAKEN, secretariaat, daan, relationId);
  const res = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${daan}/access/activate`, {
    cookie: secretariaat,
    body: { personType: "contact", personId: contactId },
  });
  expect(res.status).toBe(201);
  const token = /\/activeren#([a-z2-7]{32})/.exec((await listMailbox(h.deps.db, email))[0]?.text ?? "")?.[1] ?? "";
  return { token, contactId, daan };
}

beforeAll(async () => {
  h = await makeHarness();
  secretariaat = await h.login(HET_BAKEN, "secretariaat@hetbaken.example");
});
afterAll(() => h.close());
afterEach(() => {
  vi.useRealTimers();
});

describe("a close request (point 6)", () => {
  it("is recorded, mailed to the secretariaat without content, shown on the client page and in the Werkvoorraad", async () => {
    const lotte = await h.login(HET_BAKEN, "client@example.com");
    const lotteId = await clientId("Lotte Bakker");
    const before = (await listMailbox(h.deps.db, "secretariaat@hetbaken.example")).length;
    const ask = await h.request(HET_BAKEN, "POST", "/api/account/close-request", {
      cookie: lotte,
      body: { reason: "Ik ga verhuizen naar Groningen" },
    });
    expect(ask.status).toBe(200);
    const account = await get<{ closeRequestedAt: number | null }>(lotte, "/api/account");
    expect(account.closeRequestedAt).toBeGreaterThan(Date.now() - 60_000);

    // One e-mail to the secretariaat: the policy's subject, a link to the client page, nothing about whom or why.
    const mails = await listMailbox(h.deps.db, "secretariaat@hetbaken.example");
    expect(mails.length).toBe(before + 1);
    const mail = mails[0];
    expect(mail?.subject).toBe(notificationSubject("Zorggroep Het Baken"));
    expect(mail?.text).toContain(`http://localhost:3000/beheer/clienten/${lotteId}`);
    for (const secret of ["Lotte", "Bakker", "client@example.com", "Groningen", "verhuizen"]) {
      expect(mail?.text).not.toContain(secret);
      expect(mail?.html).not.toContain(secret);
    }
    // Nobody else hears of it: not the care team, not the beheerder while a secretariaat exists.
    expect((await listMailbox(h.deps.db, "begeleider@hetbaken.example")).some((m) => m.text.includes("verzoek om een account"))).toBe(
      false,
    );
    expect((await listMailbox(h.deps.db, "beheer@hetbaken.example")).some((m) => m.text.includes("verzoek om een account"))).toBe(false);

    // Asking again changes nothing and mails nobody again.
    expect((await h.request(HET_BAKEN, "POST", "/api/account/close-request", { cookie: lotte, body: {} })).status).toBe(200);
    expect((await listMailbox(h.deps.db, "secretariaat@hetbaken.example")).length).toBe(before + 1);

    const self = (await people(lotteId)).people.find((p) => p.personType === "client") as Person;
    expect(self.closeRequestedAt).toBe(account.closeRequestedAt);
    const item = (await queue()).items.find((i) => i.kind === "sluitverzoek" && i.accountId === self.accountId);
    expect(item).toMatchObject({ name: "Lotte Bakker", at: account.closeRequestedAt, clients: [{ id: lotteId, name: "Lotte Bakker" }] });
    const filtered = await clients(secretariaat, "toegang=sluitverzoek");
    expect(filtered.items.map((c) => c.name)).toEqual(["Lotte Bakker"]);
    expect(filtered.items[0]?.access).toEqual([
      { name: "Lotte Bakker", role: "cliënt", status: "actief", blockedReason: null, closeRequested: true },
    ]);

    // Staff close the account with the existing action: the request is settled and leaves the list.
    const close = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${lotteId}/access/${self.accountId}/close`, {
      cookie: secretariaat,
    });
    expect(close.status).toBe(200);
    const closed = (await people(lotteId)).people.find((p) => p.personType === "client") as Person;
    expect([closed.status, closed.closeRequestedAt]).toEqual(["gesloten", null]);
    expect((await queue()).items.some((i) => i.accountId === self.accountId)).toBe(false);
    expect((await clients(secretariaat, "toegang=sluitverzoek")).total).toBe(0);
    expect((await clients(secretariaat, "toegang=gesloten")).items.map((c) => c.name)).toContain("Lotte Bakker");
  });

  it("is not for staff accounts, and goes to the beheerders where there is no secretariaat", async () => {
    const begeleider = await h.login(HET_BAKEN, "begeleider@hetbaken.example");
    const res = await h.request(HET_BAKEN, "POST", "/api/account/close-request", { cookie: begeleider, body: {} });
    expect(res.status).toBe(409);
    expect((await json<{ error: { message: string } }>(res)).error.message).toContain("beheerder");

    await h.deps.db.$raw.run("UPDATE accounts SET status = 'deactivated' WHERE email = 'secretariaat@noorderlicht.example'");
    const ruben = await h.login(NOORDERLICHT, "client@example.net");
    expect((await h.request(NOORDERLICHT, "POST", "/api/account/close-request", { cookie: ruben, body: {} })).status).toBe(200);
    expect((await listMailbox(h.deps.db, "beheer@noorderlicht.example"))[0]?.text).toContain(
      "verzoek om een account van het cliëntenportaal te sluiten",
    );
    expect(await listMailbox(h.deps.db, "secretariaat@noorderlicht.example")).toEqual([]);
  });
});

describe("finding people and what waits (point 7)", () => {
  it("finds a parent by name or e-mail, with the clients they relate to and everyone's access", async () => {
    for (const q of ["ouder@example.com", "Petra Jans"]) {
      const found = await clients(secretariaat, `q=${encodeURIComponent(q)}`);
      expect(found.items.map((c) => c.name).sort()).toEqual(["Daan Jansen", "Sanne Jansen"]);
      for (const c of found.items) {
        expect(c.matchedRelations).toEqual([{ name: "Petra Jansen", role: "ouder", email: "ouder@example.com" }]);
        expect(c.access).toContainEqual({
          name: "Petra Jansen",
          role: "ouder",
          status: "actief",
          blockedReason: null,
          closeRequested: false,
        });
      }
    }
    // A client found by their own name names no relation.
    expect((await clients(secretariaat, "q=Sanne")).items.find((c) => c.name === "Sanne Jansen")?.matchedRelations).toEqual([]);
    // LIKE wildcards are searched for as text.
    expect((await clients(secretariaat, "q=%25")).total).toBe(0);
  });

  it("shows practitioners no access states, and lets only access managers filter by them", async () => {
    const begeleider = await h.login(HET_BAKEN, "begeleider@hetbaken.example");
    const list = await clients(begeleider, "q=ouder%40example.com");
    expect(list.items.length).toBe(2);
    expect(list.items.every((c) => c.access.length === 0)).toBe(true);
    const refused = await h.request(HET_BAKEN, "GET", "/api/beheer/clients?toegang=geblokkeerd", { cookie: begeleider });
    expect(refused.status).toBe(403);
    const bad = await h.request(HET_BAKEN, "GET", "/api/beheer/clients?toegang=alles", { cookie: secretariaat });
    expect(bad.status).toBe(400);
    expect((await json<{ error: { message: string } }>(bad)).error.message).toContain("toegangsstatus");
    expect((await h.request(HET_BAKEN, "GET", "/api/beheer/work-queue", { cookie: begeleider })).status).toBe(403);
    const parent = await h.login(HET_BAKEN, "ouder@example.com");
    expect((await h.request(HET_BAKEN, "GET", "/api/beheer/work-queue", { cookie: parent })).status).toBe(403);
    expect((await h.request(HET_BAKEN, "GET", "/api/beheer/work-queue")).status).toBe(401);
  });

  it("lists a blocked account with its reason, and a link killed by wrong birth dates as such", async () => {
    // Blocked the way it happens: five wrong passwords.
    const daanId = await clientId("Daan Jansen");
    const blok = { firstName: "Blok", lastName: "Wachtrij", email: "blok.wachtrij@example.org", birthDate: "2015-09-02" };
    await activateContact(h, HET_BAKEN, secretariaat, daanId, blok);
    for (let i = 0; i < 5; i++)
      await h.request(HET_BAKEN, "POST", "/api/auth/login", {
        body: { email: "blok.wachtrij@example.org", password: "Verkeerd-wachtwoord-1" },
      });

    // The link of another relation dies after five wrong birth dates: it is no invitation any more.
    const dead = await invite("Dood", "dood.wachtrij@example.org");
    const person = async (email: string) => (await people(dead.daan)).people.find((p) => p.email === email) as Person;
    expect((await person("dood.wachtrij@example.org")).status).toBe("uitgenodigd");
    for (let i = 0; i < 5; i++)
      await h.request(HET_BAKEN, "POST", "/api/activation/birth-date", { body: { token: dead.token, birthDate: "2000-01-01" } });
    expect((await person("dood.wachtrij@example.org")).status).toBe("link-geblokkeerd");
    expect(await person("blok.wachtrij@example.org")).toMatchObject({ status: "geblokkeerd", blockedReason: "wachtwoord" });

    const items = (await queue()).items;
    expect(items.find((i) => i.name === "Blok Wachtrij")).toMatchObject({ kind: "geblokkeerd", blockedReason: "wachtwoord" });
    expect(items.find((i) => i.name === "Dood Wachtrij")).toMatchObject({ kind: "link-geblokkeerd", blockedReason: null });
    expect(items.find((i) => i.name === "Dood Wachtrij")?.clients.map((c) => c.name)).toEqual(["Daan Jansen"]);

    const daan = (await clients(secretariaat, "toegang=link-geblokkeerd")).items;
    expect(daan.map((c) => c.name)).toEqual(["Daan Jansen"]);
    expect(daan[0]?.access.find((a) => a.name === "Dood Wachtrij")?.status).toBe("link-geblokkeerd");
    expect((await clients(secretariaat, "toegang=geblokkeerd")).items.map((c) => c.name)).toEqual(["Daan Jansen"]);
    expect((await clients(secretariaat, "toegang=uitgenodigd")).total).toBe(0);

    // Blocked after too many logins without a second factor (the ggz rule) says so too.
    await h.deps.db.$raw.run(
      "UPDATE accounts SET status = 'blocked', blocked_reason = 'geen-tweede-factor' WHERE email = 'blok.wachtrij@example.org'",
    );
    expect((await queue()).items.find((i) => i.name === "Blok Wachtrij")?.blockedReason).toBe("geen-tweede-factor");

    // Another organization's beheerder sees none of it.
    const other = await h.login(NOORDERLICHT, "beheer@noorderlicht.example");
    const theirs = await get<{ items: WorkItem[] }>(other, "/api/beheer/work-queue", NOORDERLICHT);
    expect(theirs.items.some((i) => i.name.includes("Wachtrij") || i.name.includes("Bakker"))).toBe(false);
  });

  it("shows an invitation whose link expired as expired, when the clock has moved past it", async () => {
    const late = await invite("Laat", "laat.wachtrij@example.org");
    const expired = async () => (await people(late.daan)).people.find((p) => p.email === "laat.wachtrij@example.org")?.status;
    expect(await expired()).toBe("uitgenodigd");
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true, now: Date.now() + 8 * 86_400_000 });
    secretariaat = await h.login(HET_BAKEN, "secretariaat@hetbaken.example");
    expect(await expired()).toBe("link-verlopen");
    const item = (await queue()).items.find((i) => i.name === "Laat Wachtrij");
    expect(item?.kind).toBe("link-verlopen");
    expect(item?.at).toBeLessThan(Date.now());
    expect((await clients(secretariaat, "toegang=link-verlopen")).items.map((c) => c.name)).toEqual(["Daan Jansen"]);
    // A new link makes it an invitation again, and it leaves the Werkvoorraad.
    const accountId = item?.accountId ?? "";
    expect(
      (await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${late.daan}/access/${accountId}/reactivate`, { cookie: secretariaat }))
        .status,
    ).toBe(200);
    expect(await expired()).toBe("uitgenodigd");
    expect((await queue()).items.some((i) => i.accountId === accountId)).toBe(false);
  });
});

describe("the secret-question check (point 8)", () => {
  it("shows staff the question, never the answer", async () => {
    const parent = await h.login(HET_BAKEN, "ouder@example.com");
    const set = await h.request(HET_BAKEN, "POST", "/api/account/secret-question", {
      cookie: parent,
      body: { question: "Naam van mijn eerste huisdier?", answer: "Bello de Hond" },
    });
    expect(set.status).toBe(200);
    const sanne = await clientId("Sanne Jansen");
    const res = await h.request(HET_BAKEN, "GET", `/api/beheer/clients/${sanne}/access`, { cookie: secretariaat });
    const text = await res.text();
    const petra = (JSON.parse(text) as { people: Person[] }).people.find((p) => p.name === "Petra Jansen");
    expect(petra?.secretQuestion).toBe("Naam van mijn eerste huisdier?");
    expect(text.toLowerCase()).not.toContain("bello");
    expect(text).not.toContain("$argon2");
    // Someone without a secret question shows none.
    expect((JSON.parse(text) as { people: Person[] }).people.find((p) => p.name === "Mark Jansen")?.secretQuestion).toBeNull();
  });
});
