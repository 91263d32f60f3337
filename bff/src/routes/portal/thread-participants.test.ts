// Issue 14 part 4: conversations have participants. A new thread is for its starter unless they name
// others in the portal; only participants list, read, answer and hear of it; someone who got access later
// sees none of the earlier conversations until staff add them, and then the whole of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMailbox } from "../../mail/outbox";
import { activateContact, type Harness, HET_BAKEN, makeHarness, NOORDERLICHT } from "../../test-support/app-harness";

let h: Harness;
let staff: string;
let secretariaat: string;
let parent: string;
let second: string;
let third: string;
let clientId: string;
const ids: Record<string, string> = {};
const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
const portal = (path: string) => `/api/portal/${clientId}${path}`;
const get = (cookie: string, path: string) => h.request(HET_BAKEN, "GET", portal(path), { cookie });
const unread = async (cookie: string) => (await json<{ unread: number }>(get(cookie, "/unread"))).unread;
const threadIds = async (cookie: string) => (await json<{ items: { id: string }[] }>(get(cookie, "/threads"))).items.map((t) => t.id);
const newMessages = async (cookie: string) => (await json<{ activity: { messages: number } }>(get(cookie, "/overview"))).activity.messages;
const mails = async (email: string) => (await listMailbox(h.deps.db, email)).length;
const idOf = async (email: string) => ((await h.deps.db.$raw.get("SELECT id FROM accounts WHERE email = ?", email)) as { id: string }).id;
// count(*) is a bigint on PostgreSQL (a string from the driver).
const threadCount = async () => Number(((await h.deps.db.$raw.get("SELECT count(*) n FROM message_threads")) as { n: number }).n);

beforeAll(async () => {
  h = await makeHarness();
  staff = await h.login(HET_BAKEN, "begeleider@hetbaken.example");
  secretariaat = await h.login(HET_BAKEN, "secretariaat@hetbaken.example");
  parent = await h.login(HET_BAKEN, "ouder@example.com");
  const list = await json<{ items: { id: string }[] }>(
    h.request(HET_BAKEN, "GET", "/api/beheer/clients?q=Sanne%20Jansen", { cookie: staff }),
  );
  clientId = list.items[0]?.id ?? "";
  // Both get access after the demo conversation was started: late joiners.
  const person = (firstName: string, email: string) => ({ firstName, lastName: "Deelnemer", email, birthDate: "2012-03-14" });
  second = await activateContact(h, HET_BAKEN, secretariaat, clientId, person("Tweede", "tweede.deelnemer@example.org"));
  third = await activateContact(h, HET_BAKEN, secretariaat, clientId, person("Derde", "derde.deelnemer@example.org"));
  ids.parent = await idOf("ouder@example.com");
  ids.second = await idOf("tweede.deelnemer@example.org");
  ids.third = await idOf("derde.deelnemer@example.org");
  ids.lotte = await idOf("client@example.com");
});
afterAll(() => h.close());

describe("thread participants", () => {
  it("lists the portal's people by name and role, without e-mail addresses", async () => {
    const res = await get(parent, "/people");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain("@");
    const { items } = JSON.parse(text) as { items: { id: string; name: string; role: string }[] };
    expect(items.map((p) => p.id)).toEqual(expect.arrayContaining([ids.parent, ids.second, ids.third]));
    expect(items.find((p) => p.id === ids.second)?.name).toBe("Tweede Deelnemer");
    expect(items.find((p) => p.id === ids.parent)?.role).toBe("ouder");
  });

  it("by default a new conversation is for its starter only", async () => {
    const before = { second: await unread(second), mails: await mails("tweede.deelnemer@example.org") };
    const res = await h.request(HET_BAKEN, "POST", portal("/threads"), {
      cookie: parent,
      body: { subject: "Alleen voor mij", body: "Een vraag die alleen ik stel." },
    });
    expect(res.status).toBe(201);
    const { id } = await json<{ id: string }>(res);
    expect(await threadIds(parent)).toContain(id);
    expect(await threadIds(second)).not.toContain(id);
    expect((await get(second, `/threads/${id}`)).status).toBe(404);
    expect(await unread(second)).toBe(before.second);
    expect(await mails("tweede.deelnemer@example.org")).toBe(before.mails);
    const detail = await json<{ readers: { portal: { name: string }[] }; participants: { id: string }[] }>(get(parent, `/threads/${id}`));
    expect(detail.participants.map((p) => p.id)).toEqual([ids.parent]);
    expect(detail.readers.portal).toEqual([{ name: expect.any(String), you: true }]);
  });

  it("a named participant reads and answers; a non-participant in the same portal gets nothing", async () => {
    const before = {
      second: await unread(second),
      third: await unread(third),
      thirdNews: await newMessages(third),
      secondNews: await newMessages(second),
      thirdMails: await mails("derde.deelnemer@example.org"),
      secondMails: await mails("tweede.deelnemer@example.org"),
    };
    // With a file, as a form: the participant fetches it, the other does not.
    const form = new FormData();
    form.set("subject", "Samen met de tweede ouder");
    form.set("body", "Zullen we het weekend samen bespreken?");
    form.append("participantIds", ids.second as string);
    form.set("file", new File([new TextEncoder().encode("%PDF-1.4\n%%EOF\n")], "plan.pdf", { type: "application/pdf" }));
    const res = await h.app.request(portal("/threads"), {
      method: "POST",
      headers: { Host: HET_BAKEN, Origin: `http://${HET_BAKEN}`, Cookie: parent },
      body: form,
    });
    expect(res.status).toBe(201);
    const { id } = await json<{ id: string }>(res);
    const attachmentId = (
      (await h.deps.db.$raw.get(
        "SELECT a.file_id id FROM message_attachments a JOIN messages m ON m.id = a.message_id WHERE m.thread_id = ?",
        id,
      )) as { id: string }
    ).id;

    expect(await unread(second)).toBe(before.second + 1);
    expect(await newMessages(second)).toBe(before.secondNews + 1);
    expect(await mails("tweede.deelnemer@example.org")).toBe(before.secondMails + 1);
    expect(await threadIds(second)).toContain(id);
    const read = await json<{ messages: { body: string }[]; readers: { portal: { name: string; you: boolean }[] } }>(
      get(second, `/threads/${id}`),
    );
    expect(read.messages[0]?.body).toBe("Zullen we het weekend samen bespreken?");
    expect(read.readers.portal).toHaveLength(2);
    expect(read.readers.portal.find((p) => p.you)?.name).toBe("Tweede Deelnemer");
    expect((await get(second, `/threads/${id}/attachments/${attachmentId}`)).status).toBe(200);
    const answer = await h.request(HET_BAKEN, "POST", portal(`/threads/${id}/messages`), { cookie: second, body: { body: "Goed idee." } });
    expect(answer.status).toBe(201);

    // The third person has access to the same portal but does not take part.
    expect(await threadIds(third)).not.toContain(id);
    expect((await get(third, `/threads/${id}`)).status).toBe(404);
    expect((await get(third, `/threads/${id}/attachments/${attachmentId}`)).status).toBe(404);
    const refused = await h.request(HET_BAKEN, "POST", portal(`/threads/${id}/messages`), { cookie: third, body: { body: "Ik lees mee" } });
    expect(refused.status).toBe(404);
    expect(await unread(third)).toBe(before.third);
    expect(await newMessages(third)).toBe(before.thirdNews);
    expect(await mails("derde.deelnemer@example.org")).toBe(before.thirdMails);
    const bodies = (await h.deps.db.$raw.get("SELECT count(*) n FROM messages WHERE thread_id = ? AND body = 'Ik lees mee'", id)) as {
      n: number;
    };
    expect(Number(bodies.n)).toBe(0);
  });

  it("refuses participants from outside the portal with a Dutch message naming the field, and stores nothing", async () => {
    const before = await threadCount();
    for (const participantIds of [[ids.lotte], ["onbekendeaccount1"], [ids.second, await idOf("beheer@hetbaken.example")]]) {
      const res = await h.request(HET_BAKEN, "POST", portal("/threads"), {
        cookie: parent,
        body: { subject: "Met een vreemde", body: "Dit mag niet.", participantIds },
      });
      expect(res.status).toBe(400);
      const body = await json<{ error: { fields: Record<string, string> } }>(res);
      expect(body.error.fields.participantIds).toMatch(/portaal/);
    }
    expect(await threadCount()).toBe(before);
  });

  it("a late joiner does not see earlier conversations until staff add them, then sees the whole of it", async () => {
    // The demo conversation started before the second person got access.
    const demo = (
      (await h.deps.db.$raw.get(
        "SELECT id FROM message_threads WHERE client_id = ? AND subject = 'Afspraken voor de komende weken'",
        clientId,
      )) as {
        id: string;
      }
    ).id;
    expect(await threadIds(parent)).toContain(demo);
    expect(await threadIds(second)).not.toContain(demo);
    expect((await get(second, `/threads/${demo}`)).status).toBe(404);

    const url = `/api/beheer/clients/${clientId}/threads/${demo}/participants`;
    // Who may not: the secretariaat (no care content), another organization, a bad or foreign person.
    expect((await h.request(HET_BAKEN, "POST", url, { cookie: secretariaat, body: { accountId: ids.second } })).status).toBe(403);
    const otherOrg = await h.login(NOORDERLICHT, "beheer@noorderlicht.example");
    expect((await h.request(NOORDERLICHT, "POST", url, { cookie: otherOrg, body: { accountId: ids.second } })).status).toBe(404);
    const foreign = await h.request(HET_BAKEN, "POST", url, { cookie: staff, body: { accountId: ids.lotte } });
    expect(foreign.status).toBe(400);
    expect((await json<{ error: { fields: Record<string, string> } }>(foreign)).error.fields.accountId).toMatch(/portaal/);
    expect((await h.request(HET_BAKEN, "POST", url, { cookie: staff, body: {} })).status).toBe(400);
    expect(await threadIds(second)).not.toContain(demo);

    const mailsBefore = await mails("tweede.deelnemer@example.org");
    const added = await h.request(HET_BAKEN, "POST", url, { cookie: staff, body: { accountId: ids.second } });
    expect(added.status).toBe(200);
    const result = await json<{ added: boolean; participants: { id: string }[] }>(added);
    expect(result.added).toBe(true);
    expect(result.participants.map((p) => p.id)).toContain(ids.second);
    const mail = await listMailbox(h.deps.db, "tweede.deelnemer@example.org");
    expect(mail.length).toBe(mailsBefore + 1);
    expect(mail[0]?.text).not.toContain("Afspraken voor de komende weken");
    const audit = (await h.deps.db.$raw.get(
      "SELECT count(*) n FROM audit_log WHERE action = 'thread.participant.add' AND object_id = ? AND outcome = 'success'",
      demo,
    )) as { n: number };
    expect(Number(audit.n)).toBe(1);

    expect(await threadIds(second)).toContain(demo);
    const whole = await json<{ messages: unknown[] }>(get(second, `/threads/${demo}`));
    expect(whole.messages.length).toBeGreaterThanOrEqual(2);
    // Adding again changes nothing and mails nobody.
    const again = await json<{ added: boolean }>(h.request(HET_BAKEN, "POST", url, { cookie: staff, body: { accountId: ids.second } }));
    expect(again.added).toBe(false);
    expect((await listMailbox(h.deps.db, "tweede.deelnemer@example.org")).length).toBe(mailsBefore + 1);
    // The third person, never added, still sees nothing of it.
    expect(await threadIds(third)).not.toContain(demo);
  });

  it("a staff-started conversation is for everyone in the portal by default, or for the people staff choose", async () => {
    const base = `/api/beheer/clients/${clientId}`;
    const people = await json<{ items: { id: string }[] }>(h.request(HET_BAKEN, "GET", `${base}/portal-people`, { cookie: staff }));
    expect(people.items.map((p) => p.id)).toEqual(expect.arrayContaining([ids.parent, ids.second, ids.third]));

    const all = await json<{ id: string }>(
      h.request(HET_BAKEN, "POST", `${base}/threads`, { cookie: staff, body: { subject: "Voor iedereen", body: "Hallo allemaal." } }),
    );
    for (const cookie of [parent, second, third]) expect(await threadIds(cookie)).toContain(all.id);

    const some = await json<{ id: string }>(
      h.request(HET_BAKEN, "POST", `${base}/threads`, {
        cookie: staff,
        body: { subject: "Alleen voor de ouder", body: "Hallo.", participantIds: [ids.parent] },
      }),
    );
    expect(await threadIds(parent)).toContain(some.id);
    expect(await threadIds(third)).not.toContain(some.id);
    const staffView = await json<{ participants: { id: string }[] }>(
      h.request(HET_BAKEN, "GET", `${base}/threads/${some.id}`, { cookie: staff }),
    );
    expect(staffView.participants.map((p) => p.id)).toEqual([ids.parent]);

    const none = await h.request(HET_BAKEN, "POST", `${base}/threads`, {
      cookie: staff,
      body: { subject: "Voor niemand", body: "Hallo.", participantIds: [] },
    });
    expect(none.status).toBe(400);
    expect((await json<{ error: { fields: Record<string, string> } }>(none)).error.fields.participantIds).toBeTruthy();
  });
});
