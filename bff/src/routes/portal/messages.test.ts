// Berichten: a parent and a practitioner exchange messages; unread counts are right for each person,
// also with two users in one portal; the staff inbox filters; text stays text; strangers get nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMailbox } from "../../mail/outbox";
import { activateContact, type Harness, HET_BAKEN, makeHarness, NOORDERLICHT } from "../../test-support/app-harness";

let h: Harness;
let staff: string;
let parent: string;
let second: string;
let clientId: string;
const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
const unread = async (cookie: string) =>
  (await json<{ unread: number }>(h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/unread`, { cookie }))).unread;

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
    email: "tweede.ouder@example.org",
    birthDate: "2012-03-14",
  });
});
afterAll(() => h.close());

describe("messages", () => {
  it("refuse a NUL character in the text or the address with a clear message, and write nothing (PostgreSQL stores none)", async () => {
    const count = async () => Number(((await h.deps.db.$raw.get("SELECT count(*) n FROM messages")) as { n: number }).n);
    const before = await count();
    const inBody = await h.request(HET_BAKEN, "POST", `/api/portal/${clientId}/threads`, {
      cookie: parent,
      body: { subject: "Vraag", body: "Tekst met een \u0000 erin", participantIds: [] },
    });
    const inPath = await h.request(HET_BAKEN, "GET", `/api/portal/${encodeURIComponent("\u0000")}/threads`, { cookie: parent });
    for (const res of [inBody, inPath]) {
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
        /teken dat niet is toegestaan \(een nul-teken\)/,
      );
    }
    expect(await count()).toBe(before);
  });

  it("keep unread counts per person and notify without content", async () => {
    const startParent = await unread(parent);
    const startSecond = await unread(second);
    // The parent names the second parent as taking part (issue 14: only participants read a conversation).
    const secondId = ((await h.deps.db.$raw.get("SELECT id FROM accounts WHERE email = 'tweede.ouder@example.org'")) as { id: string }).id;
    const created = await h.request(HET_BAKEN, "POST", `/api/portal/${clientId}/threads`, {
      cookie: parent,
      body: {
        subject: "Vraag over de logeeropvang",
        body: "<script>alert(1)</script> Kan Sanne een weekend later?",
        participantIds: [secondId],
      },
    });
    expect(created.status).toBe(201);
    const { id } = await json<{ id: string }>(created);
    expect(await unread(parent)).toBe(startParent);
    expect(await unread(second)).toBe(startSecond + 1);

    const inbox = await json<{ items: { id: string; unread: number }[] }>(
      h.request(HET_BAKEN, "GET", "/api/beheer/inbox?unread=1", { cookie: staff }),
    );
    expect(inbox.items.find((t) => t.id === id)?.unread).toBe(1);
    const thread = await json<{ messages: { body: string; mine: boolean }[] }>(
      h.request(HET_BAKEN, "GET", `/api/beheer/clients/${clientId}/threads/${id}`, { cookie: staff }),
    );
    expect(thread.messages[0]?.body).toBe("<script>alert(1)</script> Kan Sanne een weekend later?");
    const after = await json<{ items: { id: string }[] }>(h.request(HET_BAKEN, "GET", "/api/beheer/inbox?unread=1", { cookie: staff }));
    expect(after.items.some((t) => t.id === id)).toBe(false);

    const reply = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/threads/${id}/messages`, {
      cookie: staff,
      body: { body: "Dat kan, ik zet het in de planning." },
    });
    expect(reply.status).toBe(201);
    expect(await unread(parent)).toBe(startParent + 1);
    expect(await unread(second)).toBe(startSecond + 2);
    const read = await json<{ messages: { mine: boolean }[] }>(
      h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/threads/${id}`, { cookie: parent }),
    );
    expect(read.messages.map((m) => m.mine)).toEqual([true, false]);
    expect(await unread(parent)).toBe(startParent);
    expect(await unread(second)).toBe(startSecond + 2);

    const mail = (await listMailbox(h.deps.db, "begeleider@hetbaken.example"))[0];
    expect(mail?.subject).toBe("Bericht van het Zorggroep Het Baken cliëntenportaal");
    expect(mail?.text).not.toContain("logeeropvang");
  });

  it("check length and emptiness, and keep strangers out", async () => {
    expect(
      (await h.request(HET_BAKEN, "POST", `/api/portal/${clientId}/threads`, { cookie: parent, body: { subject: "", body: " " } })).status,
    ).toBe(400);
    expect(
      (
        await h.request(HET_BAKEN, "POST", `/api/portal/${clientId}/threads`, {
          cookie: parent,
          body: { subject: "x", body: "y".repeat(5001) },
        })
      ).status,
    ).toBe(400);
    const lotte = await h.login(HET_BAKEN, "client@example.com");
    expect((await h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/threads`, { cookie: lotte })).status).toBe(403);
    const threads = await json<{ items: { id: string }[] }>(
      h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/threads`, { cookie: parent }),
    );
    const other = await h.login(NOORDERLICHT, "behandelaar@noorderlicht.example");
    expect(
      (await h.request(NOORDERLICHT, "GET", `/api/beheer/clients/${clientId}/threads/${threads.items[0]?.id}`, { cookie: other })).status,
    ).toBe(404);
    const theirInbox = await json<{ items: { id: string }[] }>(h.request(NOORDERLICHT, "GET", "/api/beheer/inbox", { cookie: other }));
    expect(theirInbox.items.some((t) => threads.items.some((x) => x.id === t.id))).toBe(false);
  });
});
