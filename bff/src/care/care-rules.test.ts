// Care rules (issue 14, parts 2 and 3) through the real BFF, moving the clock, never the data: the 12th
// and 16th birthday and the end of care, before, on and after the day, with and without the daily job;
// consent keeps a parent's access after 16 and revoking it ends it; each e-mail goes once.
import { birthdayAt } from "@portaal/shared/care";
import { type Policy, PolicySchema } from "@portaal/shared/policy";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetCachedOrganizations } from "../db/organizations";
import * as t from "../db/tables";
import { amsterdamTimeOn } from "../lib/dutch-time";
import { listMailbox } from "../mail/outbox";
import { type Harness, HET_BAKEN, makeHarness, NOORDERLICHT } from "../test-support/app-harness";
import { runDailyCareJobs } from "./daily-job";

let h: Harness;
const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;

/** Noon in Amsterdam on a Dutch calendar day (YYYY-MM-DD), plus whole days. */
function on(day: string, plusDays = 0): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return amsterdamTimeOn(Date.UTC(y, m - 1, d + plusDays, 12), 12);
}
/** A minute before midnight, and a minute after, Amsterdam time: the edges of a Dutch day. */
const lateOn = (day: string) => amsterdamTimeOn(on(day), 23, 59);
const earlyOn = (day: string) => amsterdamTimeOn(on(day), 0, 1);

async function client(name: string) {
  const [first, ...last] = name.split(" ");
  const row = (await h.deps.db.select().from(t.clients)).find((c) => c.firstName === first && c.lastName === last.join(" "));
  if (!row) throw new Error(`no client ${name}`);
  return row;
}
async function account(email: string) {
  const [row] = await h.deps.db.select().from(t.accounts).where(eq(t.accounts.email, email));
  if (!row) throw new Error(`no account ${email}`);
  return row;
}
async function grantStatus(email: string, clientId: string) {
  const accountId = (await account(email)).id;
  return (await h.deps.db.select().from(t.portalGrants)).find((g) => g.accountId === accountId && g.clientId === clientId)?.status;
}
async function relationOf(clientId: string, email: string) {
  const contactId = (await account(email)).contactId;
  return (await h.deps.db.select().from(t.relations)).find((r) => r.clientId === clientId && r.contactId === contactId);
}
const mails = async (to: string, subject: RegExp) => (await listMailbox(h.deps.db, to)).filter((m) => subject.test(m.subject));
const portal = (host: string, cookie: string, clientId: string) => h.request(host, "GET", `/api/portal/${clientId}/overview`, { cookie });
const force = () => runDailyCareJobs(h.deps, { force: true });

async function setPolicy(host: string, change: Partial<Policy>) {
  const [org] = await h.deps.db.select().from(t.organizations).where(eq(t.organizations.hostname, host));
  if (!org) throw new Error("no org");
  const policy = PolicySchema.parse({ ...JSON.parse(org.policyJson), ...change });
  await h.deps.db
    .update(t.organizations)
    .set({ policyJson: JSON.stringify(policy) })
    .where(eq(t.organizations.id, org.id));
  forgetCachedOrganizations(h.deps.db);
}

const cookies = new Map<string, string>();
/** One login per person for the whole file (a second factor's code cannot be used twice). */
async function login(host: string, email: string): Promise<string> {
  const known = cookies.get(email);
  if (known) return known;
  const cookie = await h.login(host, email);
  cookies.set(email, cookie);
  return cookie;
}

beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

describe("end of care", () => {
  it("closes the portal from the day after the last end date, by the request check alone; the job closes and tells once; a new placement lets staff reactivate", async () => {
    const finn = await client("Finn Mulder");
    const [placement] = await h.deps.db.select().from(t.placements).where(eq(t.placements.clientId, finn.id));
    const ended = placement?.endDate ?? "";
    const parent = await login(NOORDERLICHT, "ouder@example.net");
    const beheer = await login(NOORDERLICHT, "beheer@noorderlicht.example");
    const page = async () =>
      (await json<{ care: unknown }>(h.request(NOORDERLICHT, "GET", `/api/beheer/clients/${finn.id}`, { cookie: beheer }))).care;

    // The last day of care, a minute before midnight: open.
    h.setClock(lateOn(ended));
    expect((await portal(NOORDERLICHT, parent, finn.id)).status).toBe(200);
    expect(await page()).toMatchObject({ state: "actief", endedOn: null, closesPortal: true });
    // The next day, a minute after midnight, without the job: refused with the date and whom to call.
    h.setClock(earlyOn(ended) + 86_400_000);
    const refused = await portal(NOORDERLICHT, parent, finn.id);
    expect(refused.status).toBe(403);
    const body = await json<{ error: { code: string; message: string } }>(refused);
    const [y, m, d] = ended.split("-");
    expect(body.error).toEqual({ code: "care_ended", message: expect.stringContaining(`${d}-${m}-${y}`) });
    expect(body.error.message).toContain("0987 - 65 43 21");
    expect(await grantStatus("ouder@example.net", finn.id)).toBe("active");
    expect(await page()).toMatchObject({ state: "beeindigd", endedOn: ended, closesPortal: true });
    // Later too.
    h.setClock(on(ended, 30));
    expect((await portal(NOORDERLICHT, parent, finn.id)).status).toBe(403);

    // The job: grant revoked, account closed (no other portal), one e-mail without content; dossier and log kept.
    h.setClock(on(ended, 1));
    const run = await runDailyCareJobs(h.deps);
    expect(run.ran).toBe(true);
    expect((await runDailyCareJobs(h.deps)).ran).toBe(false);
    await force();
    expect(await grantStatus("ouder@example.net", finn.id)).toBe("revoked");
    expect((await account("ouder@example.net")).status).toBe("closed");
    const closed = await mails("ouder@example.net", /gesloten/);
    expect(closed).toHaveLength(1);
    expect(closed[0]?.text).toContain("0987 - 65 43 21");
    expect(closed[0]?.text).not.toContain("Finn");
    expect((await client("Finn Mulder")).id).toBe(finn.id);
    expect((await h.deps.db.select().from(t.auditLog)).some((a) => a.action === "access.care-rule" && a.clientId === finn.id)).toBe(true);

    // Reactivating needs active care: refused now, allowed after a new placement.
    const reactivate = async () =>
      h.request(NOORDERLICHT, "POST", `/api/beheer/clients/${finn.id}/access/${(await account("ouder@example.net")).id}/reactivate`, {
        cookie: beheer,
      });
    const no = await reactivate();
    expect(no.status).toBe(400);
    expect(await no.text()).toContain("geen actieve plaatsing");
    expect((await account("ouder@example.net")).status).toBe("closed");
    await h.deps.db.insert(t.placements).values({
      id: "nieuweplaatsing01",
      orgId: finn.orgId,
      clientId: finn.id,
      kind: "product",
      name: "Basis GGZ",
      startDate: ended,
      endDate: null,
    });
    expect((await reactivate()).status).toBe(200);
    expect(await grantStatus("ouder@example.net", finn.id)).toBe("active");
    expect(await page()).toMatchObject({ state: "actief" });
    h.setClock(null);
  });

  it("keeps the portal open at the end of care when the policy says so (Het Baken's preset)", async () => {
    const secretariaat = await login(HET_BAKEN, "secretariaat@hetbaken.example");
    const mila = await client("Mila Smit");
    const parent = await login(HET_BAKEN, "ouder.mila@example.com");
    await h.deps.db.update(t.placements).set({ endDate: "2000-01-01", startDate: "1999-01-01" }).where(eq(t.placements.clientId, mila.id));
    expect((await portal(HET_BAKEN, parent, mila.id)).status).toBe(200);
    const care = (await json<{ care: unknown }>(h.request(HET_BAKEN, "GET", `/api/beheer/clients/${mila.id}`, { cookie: secretariaat })))
      .care;
    expect(care).toMatchObject({ state: "beeindigd", endedOn: "2000-01-01", closesPortal: false, age: 12 });
  });
});

describe("16th birthday", () => {
  it("ends a gezag holder's access on the day, by the request check alone; the list and the e-mails come first, once", async () => {
    const noah = await client("Noah de Vries");
    const sixteen = birthdayAt(noah.birthDate ?? "", 16);
    const parent = await login(HET_BAKEN, "ouder.noah@example.com");
    const secretariaat = await login(HET_BAKEN, "secretariaat@hetbaken.example");
    const birthdays = async () =>
      (
        await json<{ birthdays: { clientId: string; sixteenOn: string; holders: { name: string; consent: boolean }[] }[] }>(
          h.request(HET_BAKEN, "GET", "/api/beheer/work-queue", { cookie: secretariaat }),
        )
      ).birthdays.filter((b) => b.clientId === noah.id);

    // 31 days before: not on the list yet, no e-mail.
    h.setClock(on(sixteen, -31));
    expect(await birthdays()).toEqual([]);
    expect((await force()).birthdayNotices).toBe(0);
    // 30 days before: on the Werkvoorraad, with the parent; the daily job tells the parent, once.
    h.setClock(on(sixteen, -30));
    expect(await birthdays()).toEqual([
      {
        clientId: noah.id,
        sixteenOn: sixteen,
        name: "Noah de Vries",
        clientNumber: noah.clientNumber,
        holders: [{ name: "Esther de Vries", consent: false }],
      },
    ]);
    await force();
    await force();
    h.setClock(on(sixteen, -29));
    await force();
    const notice = await mails("ouder.noah@example.com", /verandert binnenkort/);
    expect(notice).toHaveLength(1);
    expect(notice[0]?.text).toContain("16 jaar");
    expect(notice[0]?.text).not.toContain("Noah");

    // The last day before the birthday, a minute before midnight: still open.
    h.setClock(lateOn(sixteen) - 86_400_000);
    expect((await portal(HET_BAKEN, parent, noah.id)).status).toBe(200);
    // The birthday, a minute after midnight, no job run: the request check alone refuses, in Dutch.
    h.setClock(earlyOn(sixteen));
    const refused = await portal(HET_BAKEN, parent, noah.id);
    expect(refused.status).toBe(403);
    const body = await json<{ error: { code: string; message: string } }>(refused);
    expect(body.error.code).toBe("consent_needed");
    expect(body.error.message).toContain("toestemming van Noah");
    expect(await grantStatus("ouder.noah@example.com", noah.id)).toBe("active");
    const me = await json<{ portals: { clientId: string }[] }>(h.request(HET_BAKEN, "GET", "/api/me", { cookie: parent }));
    expect(me.portals.map((p) => p.clientId)).not.toContain(noah.id);
    expect(await birthdays()).toEqual([]);
    // And after it too.
    h.setClock(on(sixteen, 40));
    expect((await portal(HET_BAKEN, parent, noah.id)).status).toBe(403);

    // The daily job makes the state follow: the grant revoked, the account (no other portal) closed, one e-mail.
    h.setClock(on(sixteen));
    const run = await force();
    expect(run.grantsRevoked).toBeGreaterThanOrEqual(1);
    expect(await grantStatus("ouder.noah@example.com", noah.id)).toBe("revoked");
    expect((await account("ouder.noah@example.com")).status).toBe("closed");
    await force();
    expect((await runDailyCareJobs(h.deps)).ran).toBe(false);
    expect(await mails("ouder.noah@example.com", /is gestopt/)).toHaveLength(1);
    // Once closed, the session is gone.
    expect((await portal(HET_BAKEN, parent, noah.id)).status).toBe(401);
    h.setClock(null);
  });

  it("keeps a parent's access with consent (staff in Beheer), and revoking it ends it at once", async () => {
    const sanne = await client("Sanne Jansen");
    const sixteen = birthdayAt(sanne.birthDate ?? "", 16);
    const parent = await login(HET_BAKEN, "ouder@example.com");
    const secretariaat = await login(HET_BAKEN, "secretariaat@hetbaken.example");
    const relation = await relationOf(sanne.id, "ouder@example.com");
    const consent = (given: boolean, cookie = secretariaat) =>
      h.request(HET_BAKEN, "POST", `/api/beheer/clients/${sanne.id}/consents`, { cookie, body: { relationId: relation?.id, given } });

    h.setClock(on(sixteen, -10));
    expect((await consent(true)).status).toBe(200);
    expect(await json<{ changed: boolean }>(consent(true))).toEqual({ ok: true, changed: false });
    const page = await json<{ care: { age: number; sixteenOn: string }; relations: { id: string; consent: { givenBy: string } | null }[] }>(
      h.request(HET_BAKEN, "GET", `/api/beheer/clients/${sanne.id}`, { cookie: secretariaat }),
    );
    expect(page.care).toMatchObject({ age: 15, sixteenOn: sixteen });
    expect(page.relations.find((r) => r.id === relation?.id)?.consent?.givenBy).toBe("medewerker");

    h.setClock(on(sixteen, 1));
    expect((await portal(HET_BAKEN, parent, sanne.id)).status).toBe(200);
    await force();
    expect(await grantStatus("ouder@example.com", sanne.id)).toBe("active");
    expect((await account("ouder@example.com")).status).toBe("active");

    // A begeleider cannot record consent; a bad body changes nothing.
    const begeleider = await login(HET_BAKEN, "begeleider@hetbaken.example");
    expect((await consent(false, begeleider)).status).toBe(403);
    const bad = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${sanne.id}/consents`, {
      cookie: secretariaat,
      body: { relationId: relation?.id, given: "nee" },
    });
    expect(bad.status).toBe(400);
    expect((await portal(HET_BAKEN, parent, sanne.id)).status).toBe(200);

    // Revoked: refused at once (Daan's portal, he is 11, stays open).
    expect((await consent(false)).status).toBe(200);
    expect((await portal(HET_BAKEN, parent, sanne.id)).status).toBe(403);
    expect((await portal(HET_BAKEN, parent, (await client("Daan Jansen")).id)).status).toBe(200);
    await force();
    expect(await grantStatus("ouder@example.com", sanne.id)).toBe("revoked");
    // The account keeps its other portal, so it stays open.
    expect((await account("ouder@example.com")).status).toBe("active");
    const audit = (await h.deps.db.select().from(t.auditLog)).filter((a) => a.action.startsWith("consent."));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["consent.give", "consent.revoke"]));
    h.setClock(null);
  });

  it("lets a client of 16+ switch a parent's access in Mijn account", async () => {
    const jesse = await client("Jesse Kok");
    const own = await login(HET_BAKEN, "jesse@example.com");
    const parent = await login(HET_BAKEN, "ouder.jesse@example.com");
    type Viewers = { decides: boolean; viewers: { relationId: string; name: string; consent: { givenBy: string } | null }[] };
    const viewers = await json<Viewers>(h.request(HET_BAKEN, "GET", "/api/account/portal-viewers", { cookie: own }));
    expect(viewers.decides).toBe(true);
    expect(viewers.viewers).toEqual([
      expect.objectContaining({ name: "Marloes Kok", consent: expect.objectContaining({ givenBy: "client" }) }),
    ]);
    const relationId = viewers.viewers[0]?.relationId;
    expect((await portal(HET_BAKEN, parent, jesse.id)).status).toBe(200);
    const put = (given: unknown, cookie = own) =>
      h.request(HET_BAKEN, "PUT", "/api/account/portal-viewers", { cookie, body: { relationId, given } });
    expect((await put(false)).status).toBe(200);
    expect((await portal(HET_BAKEN, parent, jesse.id)).status).toBe(403);
    expect((await put(true)).status).toBe(200);
    expect((await portal(HET_BAKEN, parent, jesse.id)).status).toBe(200);
    // Not the parent, not with a bad body, not for another client's relation.
    expect((await put(false, parent)).status).toBe(403);
    expect((await put("uit")).status).toBe(400);
    const other = await relationOf((await client("Sanne Jansen")).id, "ouder@example.com");
    const foreign = await h.request(HET_BAKEN, "PUT", "/api/account/portal-viewers", {
      cookie: own,
      body: { relationId: other?.id, given: false },
    });
    expect(foreign.status).toBe(404);
    // Before Jesse turned 16 the switch was not his (moving the clock back, not the data).
    h.setClock(on(birthdayAt(jesse.birthDate ?? "", 16), -1));
    expect((await put(false)).status).toBe(403);
    h.setClock(null);
    expect((await portal(HET_BAKEN, parent, jesse.id)).status).toBe(200);
  });
});

describe("12th birthday and the minimum age", () => {
  it("opens a client's own account from the policy's minimum age, never before 12", async () => {
    // Lotte (client@example.com) was born on 2004-06-21: the clock goes back to her 12th and 16th birthday.
    const lotte = await client("Lotte Bakker");
    const own = await login(HET_BAKEN, "client@example.com");
    const status = async (at: number) => {
      h.setClock(at);
      return (await portal(HET_BAKEN, own, lotte.id)).status;
    };
    await setPolicy(HET_BAKEN, { minimumClientAge: 12 });
    expect(await status(lateOn("2016-06-20"))).toBe(403);
    expect(await status(earlyOn("2016-06-21"))).toBe(200);
    expect(await status(on("2016-06-22"))).toBe(200);
    await setPolicy(HET_BAKEN, { minimumClientAge: 16 });
    expect(await status(on("2016-06-21"))).toBe(403);
    expect(await status(on("2020-06-20"))).toBe(403);
    const refused = await json<{ error: { code: string; message: string } }>(portal(HET_BAKEN, own, lotte.id));
    expect(refused.error).toEqual({ code: "client_too_young", message: expect.stringContaining("vanaf 16 jaar") });
    expect(await status(on("2020-06-21"))).toBe(200);
    h.setClock(null);
  });

  it("refuses activating an own account under 12 (and under the minimum), while parents with gezag keep access", async () => {
    const daan = await client("Daan Jansen");
    const twelve = birthdayAt(daan.birthDate ?? "", 12);
    const secretariaat = await login(HET_BAKEN, "secretariaat@hetbaken.example");
    const parent = await login(HET_BAKEN, "ouder@example.com");
    const missing = async () =>
      (
        await json<{ people: { personType: string; missing: string[] }[] }>(
          h.request(HET_BAKEN, "GET", `/api/beheer/clients/${daan.id}/access`, { cookie: secretariaat }),
        )
      ).people.find((p) => p.personType === "client")?.missing ?? [];
    await setPolicy(HET_BAKEN, { minimumClientAge: 12 });
    h.setClock(on(twelve, -1));
    expect(await missing()).toContain("Daan is nog geen 12: een eigen account kan vanaf 12 jaar.");
    const activate = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${daan.id}/access/activate`, {
      cookie: secretariaat,
      body: { personType: "client", personId: daan.id },
    });
    expect(activate.status).toBe(400);
    expect((await portal(HET_BAKEN, parent, daan.id)).status).toBe(200);
    h.setClock(on(twelve));
    expect((await missing()).join(" ")).not.toContain("nog geen");
    await setPolicy(HET_BAKEN, { minimumClientAge: 16 });
    expect(await missing()).toContain("Daan is nog geen 16: een eigen account kan vanaf 16 jaar.");
    expect((await portal(HET_BAKEN, parent, daan.id)).status).toBe(200);
    h.setClock(null);
  });
});
