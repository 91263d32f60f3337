// Aan de slag: staff build and assign; a person answers in parts (each save kept), required questions
// block submission, a submitted questionnaire is final; staff read answers only once submitted;
// bad answers are refused per question; strangers get nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activateContact, type Harness, HET_BAKEN, makeHarness, NOORDERLICHT } from "../../test-support/app-harness";

let h: Harness;
let staff: string;
let parent: string;
let second: string;
let secondId: string;
let secretariaat: string;
let clientId: string;
const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
interface Detail {
  id: string;
  status: string;
  answers: Record<string, unknown>;
  answered: number;
  questions: number;
  definition: { pages: { questions: { id: string }[] }[] };
}

const MODULE: {
  kind: string;
  title: string;
  description: string;
  definition: { pages: { id: string; title: string; text?: string; questions: Record<string, unknown>[] }[] };
} = {
  kind: "module",
  title: "Slaapdagboek-module",
  description: "Twee pagina's over slapen.",
  definition: {
    pages: [
      {
        id: "p1",
        title: "Slapen",
        text: "Over uw nachten.",
        questions: [
          { id: "uren", type: "schaal", label: "Hoe goed sliep u?", required: true },
          { id: "wakker", type: "keuze", label: "Werd u wakker?", required: true, options: ["Nee", "Eén keer", "Vaak"] },
        ],
      },
      {
        id: "p2",
        title: "Overdag",
        questions: [
          { id: "moe", type: "meerkeuze", label: "Wanneer was u moe?", options: ["Ochtend", "Middag", "Avond"] },
          { id: "dag", type: "datum", label: "Welke dag was het zwaarst?" },
          { id: "notitie", type: "kort", label: "Nog iets?", required: true },
        ],
      },
    ],
  },
};

beforeAll(async () => {
  h = await makeHarness();
  staff = await h.login(HET_BAKEN, "begeleider@hetbaken.example");
  parent = await h.login(HET_BAKEN, "ouder@example.com");
  const list = await json<{ items: { id: string }[] }>(
    h.request(HET_BAKEN, "GET", "/api/beheer/clients?q=Sanne%20Jansen", { cookie: staff }),
  );
  clientId = list.items[0]?.id ?? "";
  secretariaat = await h.login(HET_BAKEN, "secretariaat@hetbaken.example");
  second = await activateContact(h, HET_BAKEN, secretariaat, clientId, {
    firstName: "Tweede",
    lastName: "Ouder",
    email: "tweede.module@example.org",
    birthDate: "2012-03-14",
  });
  secondId = (await json<{ user: { id: string } }>(h.request(HET_BAKEN, "GET", "/api/me", { cookie: second }))).user.id;
});
afterAll(() => h.close());

describe("modules", () => {
  it("ship ready questionnaires, and refuse a broken one with reasons", async () => {
    const list = await json<{ items: { title: string; ready: boolean }[] }>(
      h.request(HET_BAKEN, "GET", "/api/beheer/questionnaires", { cookie: staff }),
    );
    expect(list.items.filter((q) => q.ready).map((q) => q.title)).toEqual(
      expect.arrayContaining(["Hoe gaat het nu?", "Omgaan met spanning", "Tevredenheid over de zorg"]),
    );
    const broken = structuredClone(MODULE);
    broken.definition.pages[0]?.questions.push({ id: "uren", type: "keuze", label: "Dubbel", required: false, options: ["Eén"] });
    const res = await h.request(HET_BAKEN, "POST", "/api/beheer/questionnaires", { cookie: staff, body: broken });
    expect(res.status).toBe(400);
    const err = await json<{ error: { fields: Record<string, string> } }>(res);
    expect(Object.values(err.error.fields)).toEqual(
      expect.arrayContaining(["Geef minstens twee antwoordmogelijkheden.", "Elke vraag heeft een eigen id."]),
    );
    expect((await h.request(HET_BAKEN, "POST", "/api/beheer/questionnaires", { cookie: secretariaat, body: MODULE })).status).toBe(403);
  });

  it("go from assigned to answered in parts to submitted, and staff read the answers only then", async () => {
    const created = await h.request(HET_BAKEN, "POST", "/api/beheer/questionnaires", { cookie: staff, body: MODULE });
    expect(created.status).toBe(201);
    const { id: questionnaireId } = await json<{ id: string }>(created);
    // Assigned to the parent alone: the second parent in the portal does not see it.
    const assigned = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/assignments`, {
      cookie: staff,
      body: {
        questionnaireId,
        accountId: (await json<{ user: { id: string } }>(h.request(HET_BAKEN, "GET", "/api/me", { cookie: parent }))).user.id,
      },
    });
    expect(assigned.status).toBe(201);
    const { id } = await json<{ id: string }>(assigned);
    const mine = await json<{ items: { id: string }[] }>(
      h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/assignments`, { cookie: parent }),
    );
    expect(mine.items.map((a) => a.id)).toContain(id);
    const theirs = await json<{ items: { id: string }[] }>(
      h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/assignments`, { cookie: second }),
    );
    expect(theirs.items.map((a) => a.id)).not.toContain(id);
    expect((await h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/assignments/${id}`, { cookie: second })).status).toBe(404);

    const url = `/api/portal/${clientId}/assignments/${id}`;
    const save = (answers: Record<string, unknown>) => h.request(HET_BAKEN, "PUT", `${url}/answers`, { cookie: parent, body: { answers } });
    expect((await save({ uren: 7 })).status).toBe(200);
    expect((await save({ wakker: "Vaak" })).status).toBe(200);
    // Half done: both saves are kept, and the status says so.
    let detail = await json<Detail>(h.request(HET_BAKEN, "GET", url, { cookie: parent }));
    expect(detail.answers).toEqual({ uren: 7, wakker: "Vaak" });
    expect(detail.status).toBe("bezig");
    expect(detail.answered).toBe(2);
    // Staff see the assignment but not the half-done answers.
    const staffView = await json<Detail>(
      h.request(HET_BAKEN, "GET", `/api/beheer/clients/${clientId}/assignments/${id}`, { cookie: staff }),
    );
    expect(staffView.status).toBe("bezig");
    expect(staffView.answers).toEqual({});

    // Required questions block submission, named per question.
    const early = await h.request(HET_BAKEN, "POST", `${url}/submit`, { cookie: parent });
    expect(early.status).toBe(400);
    expect((await json<{ error: { fields: Record<string, string> } }>(early)).error.fields).toEqual({
      notitie: "Deze vraag is verplicht.",
    });

    expect((await save({ moe: ["Middag", "Avond"], dag: "2026-11-18", notitie: "Zware week" })).status).toBe(200);
    expect((await h.request(HET_BAKEN, "POST", `${url}/submit`, { cookie: parent })).status).toBe(200);
    detail = await json<Detail>(h.request(HET_BAKEN, "GET", url, { cookie: parent }));
    expect(detail.status).toBe("ingediend");
    // Final: no more changes, no second submission.
    const late = await save({ notitie: "Toch anders" });
    expect(late.status).toBe(409);
    expect((await h.request(HET_BAKEN, "POST", `${url}/submit`, { cookie: parent })).status).toBe(409);
    const read = await json<Detail>(h.request(HET_BAKEN, "GET", `/api/beheer/clients/${clientId}/assignments/${id}`, { cookie: staff }));
    expect(read.answers).toEqual({ uren: 7, wakker: "Vaak", moe: ["Middag", "Avond"], dag: "2026-11-18", notitie: "Zware week" });
  });

  it("refuse answers that do not fit their question, and change nothing", async () => {
    const list = await json<{ items: { id: string; title: string }[] }>(
      h.request(HET_BAKEN, "GET", "/api/beheer/questionnaires", { cookie: staff }),
    );
    const questionnaireId = list.items.find((q) => q.title === "Slaapdagboek-module")?.id ?? "";
    const { id } = await json<{ id: string }>(
      h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/assignments`, { cookie: staff, body: { questionnaireId } }),
    );
    const url = `/api/portal/${clientId}/assignments/${id}`;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ uren: 11 }, "uren", /0 tot 10/],
      [{ wakker: "Soms" }, "wakker", /Kies een van de antwoorden/],
      [{ moe: ["Nacht"] }, "moe", /Kies uit de antwoorden/],
      [{ dag: "2026-13-01" }, "dag", /datum/],
      [{ notitie: "x".repeat(201) }, "notitie", /200 tekens/],
      [{ onbekend: "x" }, "onbekend", /hoort niet bij/],
      [{ uren: 5, wakker: "Soms" }, "wakker", /Kies een van de antwoorden/],
    ];
    for (const [answers, field, message] of cases) {
      const res = await h.request(HET_BAKEN, "PUT", `${url}/answers`, { cookie: second, body: { answers } });
      expect(res.status).toBe(400);
      expect((await json<{ error: { fields: Record<string, string> } }>(res)).error.fields[field]).toMatch(message);
    }
    // The valid answer sent beside an invalid one was not saved either.
    const detail = await json<Detail>(h.request(HET_BAKEN, "GET", url, { cookie: second }));
    expect(detail.answers).toEqual({});
    expect(detail.status).toBe("open");
    // Assigning to someone without access to this portal is refused.
    const client = await h.login(HET_BAKEN, "client@example.com");
    const lotteId = (await json<{ user: { id: string } }>(h.request(HET_BAKEN, "GET", "/api/me", { cookie: client }))).user.id;
    const wrong = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/assignments`, {
      cookie: staff,
      body: { questionnaireId, accountId: lotteId },
    });
    expect(wrong.status).toBe(400);
    expect(secondId).not.toBe(lotteId);
  });

  it("page the lists, and explain a bad page number", async () => {
    const all = await json<{ items: { id: string }[]; total: number }>(
      h.request(HET_BAKEN, "GET", `/api/beheer/clients/${clientId}/assignments?pageSize=100`, { cookie: staff }),
    );
    expect(all.total).toBeGreaterThanOrEqual(2);
    const first = await json<{ items: { id: string }[]; total: number; page: number }>(
      h.request(HET_BAKEN, "GET", `/api/beheer/clients/${clientId}/assignments?pageSize=1`, { cookie: staff }),
    );
    const second = await json<{ items: { id: string }[]; page: number }>(
      h.request(HET_BAKEN, "GET", `/api/beheer/clients/${clientId}/assignments?pageSize=1&page=2`, { cookie: staff }),
    );
    expect(first.total).toBe(all.total);
    expect([first.items[0]?.id, second.items[0]?.id]).toEqual(all.items.slice(0, 2).map((a) => a.id));
    const bad = await h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/assignments?page=nul`, { cookie: parent });
    expect(bad.status).toBe(400);
    expect((await json<{ error: { message: string } }>(bad)).error.message).toMatch(/Paginanummer/);
  });

  it("keep a client's list of questionnaires from the secretariaat, like each questionnaire (need to know)", async () => {
    const res = await h.request(HET_BAKEN, "GET", `/api/beheer/clients/${clientId}/assignments`, { cookie: secretariaat });
    expect(res.status).toBe(403);
    expect(JSON.stringify(await res.json())).not.toContain("Slaapdagboek");
    // The care team still reads it.
    const team = await h.request(HET_BAKEN, "GET", `/api/beheer/clients/${clientId}/assignments`, { cookie: staff });
    expect(team.status).toBe(200);
  });

  it("give strangers nothing", async () => {
    const client = await h.login(HET_BAKEN, "client@example.com");
    expect((await h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/assignments`, { cookie: client })).status).toBe(403);
    const ggz = await h.login(NOORDERLICHT, "behandelaar@noorderlicht.example");
    expect((await h.request(NOORDERLICHT, "GET", `/api/beheer/clients/${clientId}/assignments`, { cookie: ggz })).status).toBe(404);
    const people = await h.request(NOORDERLICHT, "GET", `/api/beheer/clients/${clientId}/assignments/people`, { cookie: ggz });
    expect(people.status).toBe(404);
    expect(JSON.stringify(await people.json())).not.toContain("Jansen");
    const own = await json<{ people: { name: string }[] }>(
      h.request(HET_BAKEN, "GET", `/api/beheer/clients/${clientId}/assignments/people`, { cookie: staff }),
    );
    expect(own.people.length).toBeGreaterThan(0);
    const ggzList = await json<{ items: { title: string; ready: boolean }[] }>(
      h.request(NOORDERLICHT, "GET", "/api/beheer/questionnaires", { cookie: ggz }),
    );
    expect(ggzList.items.some((q) => q.title === "Slaapdagboek-module")).toBe(false);
    expect((await h.request(HET_BAKEN, "GET", "/api/beheer/questionnaires", { cookie: parent })).status).toBe(403);
  });
});
