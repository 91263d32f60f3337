// Issue 14 part 4: an appointment is for the whole portal (the default, and every older one) or for named
// people of the portal. Those not named do not see it: not in the list, not as .ics, not on Home, no e-mail.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMailbox } from "../../mail/outbox";
import { activateContact, type Harness, HET_BAKEN, makeHarness } from "../../test-support/app-harness";

let h: Harness;
let staff: string;
let parent: string;
let other: string;
let clientId: string;
let parentId: string;
let otherId: string;
const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
const get = (cookie: string, path: string) => h.request(HET_BAKEN, "GET", `/api/portal/${clientId}${path}`, { cookie });
const upcoming = async (cookie: string) =>
  (await json<{ upcoming: { id: string }[] }>(get(cookie, "/appointments"))).upcoming.map((a) => a.id);
const overview = (cookie: string) =>
  json<{ activity: { appointments: number }; nextAppointment: { id: string } | null }>(get(cookie, "/overview"));
const idOf = async (email: string) => ((await h.deps.db.$raw.get("SELECT id FROM accounts WHERE email = ?", email)) as { id: string }).id;
const appointmentMails = async (email: string) => (await listMailbox(h.deps.db, email)).filter((m) => /afspra/i.test(m.text)).length;

beforeAll(async () => {
  h = await makeHarness();
  staff = await h.login(HET_BAKEN, "begeleider@hetbaken.example");
  parent = await h.login(HET_BAKEN, "ouder@example.com");
  const list = await json<{ items: { id: string }[] }>(
    h.request(HET_BAKEN, "GET", "/api/beheer/clients?q=Sanne%20Jansen", { cookie: staff }),
  );
  clientId = list.items[0]?.id ?? "";
  const secretariaat = await h.login(HET_BAKEN, "secretariaat@hetbaken.example");
  other = await activateContact(h, HET_BAKEN, secretariaat, clientId, {
    firstName: "Andere",
    lastName: "Verwant",
    email: "andere.verwant@example.org",
    birthDate: "2012-03-14",
  });
  parentId = await idOf("ouder@example.com");
  otherId = await idOf("andere.verwant@example.org");
});
afterAll(() => h.close());

const soon = () => new Date(Date.now() + 2 * 3_600_000).toISOString();
const appointment = (extra: Record<string, unknown> = {}) => ({
  startsAt: soon(),
  durationMinutes: 30,
  practitionerName: "Joost Verbeek",
  location: "Kantoor",
  ...extra,
});

describe("appointment audience", () => {
  it("an appointment for named people is hidden from the others: list, .ics, Home, e-mail", async () => {
    const base = `/api/beheer/clients/${clientId}/appointments`;
    const before = { other: await overview(other), otherMails: await appointmentMails("andere.verwant@example.org") };
    const res = await h.request(HET_BAKEN, "POST", base, { cookie: staff, body: appointment({ audience: [parentId] }) });
    expect(res.status).toBe(201);
    const { id } = await json<{ id: string }>(res);

    expect(await upcoming(parent)).toContain(id);
    expect((await get(parent, `/appointments/${id}/ics`)).status).toBe(200);
    const home = await overview(parent);
    expect(home.nextAppointment?.id).toBe(id);

    expect(await upcoming(other)).not.toContain(id);
    expect((await get(other, `/appointments/${id}/ics`)).status).toBe(404);
    const otherHome = await overview(other);
    expect(otherHome.nextAppointment?.id).not.toBe(id);
    expect(otherHome.activity.appointments).toBe(before.other.activity.appointments);
    expect(await appointmentMails("andere.verwant@example.org")).toBe(before.otherMails);
    // The named person was told (so the count above would have seen a mail).
    expect(await appointmentMails("ouder@example.com")).toBeGreaterThan(0);

    // Staff see whom it is for; widening it to the whole portal shows it to the other as well.
    const staffList = await json<{ upcoming: { id: string; audience: unknown; version: number }[] }>(
      h.request(HET_BAKEN, "GET", base, { cookie: staff }),
    );
    const mine = staffList.upcoming.find((a) => a.id === id);
    expect(mine?.audience).toEqual([parentId]);
    expect(staffList.upcoming.find((a) => a.id !== id)?.audience).toBe("portaal");
    const widen = await h.request(HET_BAKEN, "POST", `${base}/${id}`, {
      cookie: staff,
      body: { ...appointment({ audience: "portaal" }), version: mine?.version },
    });
    expect(widen.status).toBe(200);
    expect(await upcoming(other)).toContain(id);
    expect((await get(other, `/appointments/${id}/ics`)).status).toBe(200);

    // And narrowing it to the other person hides it from the parent.
    const again = await json<{ upcoming: { id: string; version: number }[] }>(h.request(HET_BAKEN, "GET", base, { cookie: staff }));
    const narrow = await h.request(HET_BAKEN, "POST", `${base}/${id}`, {
      cookie: staff,
      body: { ...appointment({ audience: [otherId] }), version: again.upcoming.find((a) => a.id === id)?.version },
    });
    expect(narrow.status).toBe(200);
    expect(await upcoming(parent)).not.toContain(id);
    expect((await get(parent, `/appointments/${id}/ics`)).status).toBe(404);
    expect(await upcoming(other)).toContain(id);
  });

  it("refuses people from outside the portal or a wrong choice, with a Dutch message, and stores nothing", async () => {
    const base = `/api/beheer/clients/${clientId}/appointments`;
    // count(*) is a bigint on PostgreSQL (a string from the driver).
    const count = async () => Number(((await h.deps.db.$raw.get("SELECT count(*) n FROM appointments")) as { n: number }).n);
    const before = await count();
    for (const audience of [[await idOf("client@example.com")], ["onbekendeaccount1"], [], "iedereen", 5]) {
      const res = await h.request(HET_BAKEN, "POST", base, { cookie: staff, body: appointment({ audience }) });
      expect(res.status).toBe(400);
      const body = await json<{ error: { fields: Record<string, string> } }>(res);
      expect(body.error.fields.audience).toMatch(/portaal|persoon|mensen|Kies/);
    }
    expect(await count()).toBe(before);
  });
});
