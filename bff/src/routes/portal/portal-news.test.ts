// News in a portal (issue 11, point 9): a new or changed appointment and a questionnaire set out send an
// e-mail without content (bundled) and count in "Nieuw voor u"; staff's own work on a document is no view of it.
import { notificationSubject } from "@portaal/shared/policy";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { listMailbox } from "../../mail/outbox";
import { type Harness, HET_BAKEN, makeHarness, multipart, PDF_BYTES } from "../../test-support/app-harness";

let h: Harness;
let staff: string;
let parent: string;
let sanne: string;
const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
const activity = async () =>
  (
    await json<{ activity: { appointments: number; assignments: number } }>(
      h.request(HET_BAKEN, "GET", `/api/portal/${sanne}/overview`, { cookie: parent }),
    )
  ).activity;
const mailsTo = async (email: string) =>
  (await listMailbox(h.deps.db, email)).filter((m) => m.text.includes("Er staat iets nieuws voor u klaar"));
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

beforeAll(async () => {
  h = await makeHarness();
  staff = await h.login(HET_BAKEN, "begeleider@hetbaken.example");
  parent = await h.login(HET_BAKEN, "ouder@example.com");
  const list = await json<{ items: { id: string; name: string }[] }>(
    h.request(HET_BAKEN, "GET", "/api/beheer/clients?q=Sanne%20Jansen", { cookie: staff }),
  );
  sanne = list.items.find((c) => c.name === "Sanne Jansen")?.id ?? "";
});
afterAll(() => h.close());
afterEach(() => {
  vi.useRealTimers();
});

describe("news in a portal", () => {
  it("a new appointment mails the people of the portal without content, once per ten minutes, and counts on Home", async () => {
    const before = await activity();
    const plan = (location: string) =>
      h.request(HET_BAKEN, "POST", `/api/beheer/clients/${sanne}/appointments`, {
        cookie: staff,
        body: { startsAt: inDays(5), durationMinutes: 45, practitionerName: "Joost Verbeek", location },
      });
    expect((await plan("Spreekkamer Noord")).status).toBe(201);
    const mails = await mailsTo("ouder@example.com");
    expect(mails.length).toBe(1);
    expect(mails[0]?.subject).toBe(notificationSubject("Zorggroep Het Baken"));
    expect(mails[0]?.text).toContain(`http://localhost:3000/portaal/${sanne}/afspraken`);
    for (const leak of ["Spreekkamer", "Joost", "Verbeek", "Sanne"]) expect(`${mails[0]?.text}${mails[0]?.html}`).not.toContain(leak);
    // Nobody outside the portal hears of it.
    expect(await mailsTo("client@example.com")).toEqual([]);
    expect((await activity()).appointments).toBe(before.appointments + 1);

    // A second one within ten minutes: counted, but bundled into the mail already sent.
    expect((await plan("Spreekkamer Zuid")).status).toBe(201);
    expect((await mailsTo("ouder@example.com")).length).toBe(1);
    expect((await activity()).appointments).toBe(before.appointments + 2);
  });

  it("a changed or cancelled appointment is news too; marking it as held is not", async () => {
    // One planned before the parent's previous visit: only a change can make it news.
    const seeded = (await h.deps.db.$raw.get(
      "SELECT * FROM appointments WHERE client_id = ? AND status = 'gepland' ORDER BY created_at LIMIT 1",
      sanne,
    )) as { id: string; starts_at: number; duration_minutes: number; practitioner_name: string; location: string | null };
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true, now: Date.now() + 11 * 60_000 });
    // A visit (the portal opened, as GET /api/me does), then the next login counts from it.
    parent = await h.login(HET_BAKEN, "ouder@example.com");
    await h.request(HET_BAKEN, "GET", "/api/me", { cookie: parent });
    parent = await h.login(HET_BAKEN, "ouder@example.com");
    const mailed = (await mailsTo("ouder@example.com")).length;
    const before = await activity();
    const body = {
      startsAt: new Date(Number(seeded.starts_at)).toISOString(), // a bigint (a string) on PostgreSQL
      durationMinutes: seeded.duration_minutes,
      practitionerName: seeded.practitioner_name,
      location: seeded.location ?? "Kamer 3",
    };
    const save = (version: number, change: object) =>
      h.request(HET_BAKEN, "POST", `/api/beheer/clients/${sanne}/appointments/${seeded.id}`, {
        cookie: staff,
        body: { ...body, ...change, version },
      });
    expect((await save(1, { status: "geweest" })).status).toBe(200);
    expect((await mailsTo("ouder@example.com")).length).toBe(mailed);
    expect((await activity()).appointments).toBe(before.appointments);
    expect((await save(2, { status: "afgezegd" })).status).toBe(200);
    expect((await mailsTo("ouder@example.com")).length).toBe(mailed + 1);
    expect((await activity()).appointments).toBe(before.appointments + 1);
  });

  it("a questionnaire set out mails whom it is for and counts on their Home only", async () => {
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true, now: Date.now() + 60 * 60_000 });
    staff = await h.login(HET_BAKEN, "begeleider@hetbaken.example");
    parent = await h.login(HET_BAKEN, "ouder@example.com");
    const { items } = await json<{ items: { id: string }[] }>(h.request(HET_BAKEN, "GET", "/api/beheer/questionnaires", { cookie: staff }));
    const people = await json<{ people: { accountId: string; name: string }[] }>(
      h.request(HET_BAKEN, "GET", `/api/beheer/clients/${sanne}/assignments/people`, { cookie: staff }),
    );
    const petra = people.people.find((p) => p.name === "Petra Jansen")?.accountId ?? "";
    const before = await activity();
    const mailed = (await mailsTo("ouder@example.com")).length;
    const assign = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${sanne}/assignments`, {
      cookie: staff,
      body: { questionnaireId: items[0]?.id, accountId: petra },
    });
    expect(assign.status).toBe(201);
    const mails = await mailsTo("ouder@example.com");
    expect(mails.length).toBe(mailed + 1);
    expect(mails[0]?.text).toContain(`/portaal/${sanne}/aan-de-slag`);
    expect((await activity()).assignments).toBe(before.assignments + 1);

    // One for someone else in the portal: not on Petra's Home, no mail to her.
    const other = (await h.deps.db.$raw.get("SELECT id FROM accounts WHERE email = 'client@example.com'")) as { id: string };
    await h.deps.db.$raw.run(
      "INSERT INTO portal_grants (id, org_id, account_id, client_id, relation, status) SELECT 'grantnieuws0001', org_id, id, ?, 'verwant', 'active' FROM accounts WHERE id = ?",
      sanne,
      other.id,
    );
    vi.setSystemTime(Date.now() + 11 * 60_000);
    parent = await h.login(HET_BAKEN, "ouder@example.com");
    staff = await h.login(HET_BAKEN, "begeleider@hetbaken.example");
    const forOther = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${sanne}/assignments`, {
      cookie: staff,
      body: { questionnaireId: items[0]?.id, accountId: other.id },
    });
    expect(forOther.status).toBe(201);
    expect((await mailsTo("ouder@example.com")).length).toBe(mailed + 1);
    expect((await mailsTo("client@example.com")).length).toBe(1);
  });

  it("staff creating, sharing and opening a document are no views of it; the parent's view is", async () => {
    const { form } = multipart(HET_BAKEN, {
      kind: "document",
      title: "Zorgplan bekeken",
      docDate: "2026-11-20",
      file: { name: "zorgplan.pdf", bytes: PDF_BYTES, type: "application/pdf" },
    });
    const created = await h.app.request(`/api/beheer/clients/${sanne}/documents`, {
      method: "POST",
      headers: { Host: HET_BAKEN, Origin: `http://${HET_BAKEN}`, Cookie: staff },
      body: form,
    });
    expect(created.status).toBe(201);
    const { id } = await json<{ id: string }>(created);
    const petra = (await h.deps.db.$raw.get("SELECT id FROM accounts WHERE email = 'ouder@example.com'")) as { id: string };
    const share = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${sanne}/documents/${id}/shares`, {
      cookie: staff,
      body: { accountIds: [petra.id] },
    });
    expect(share.status).toBe(200);
    expect((await h.request(HET_BAKEN, "GET", `/api/beheer/clients/${sanne}/documents/${id}/file`, { cookie: staff })).status).toBe(200);
    const views = async () =>
      (
        await json<{ documents: { id: string; views: { name: string; action: string }[] }[] }>(
          h.request(HET_BAKEN, "GET", `/api/beheer/clients/${sanne}/documents`, { cookie: staff }),
        )
      ).documents.find((d) => d.id === id)?.views;
    expect(await views()).toEqual([]);
    expect((await h.request(HET_BAKEN, "GET", `/api/portal/${sanne}/documents/${id}/file`, { cookie: parent })).status).toBe(200);
    expect((await views())?.map((v) => [v.name, v.action])).toEqual([["ouder@example.com", "bekeken"]]);
  });
});
