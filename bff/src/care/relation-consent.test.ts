// Consent for a relation without gezag (issue 14, part 4): activation is refused with a sentence naming
// whose consent is missing, until staff record a gezag holder's consent (client under 16) or the client's
// own (16+, in Beheer or in Mijn account). Checked on every request; the clock moves, the data does not.
import { birthdayAt } from "@portaal/shared/care";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "../db/tables";
import { amsterdamTimeOn } from "../lib/dutch-time";
import { listMailbox } from "../mail/outbox";
import { cookiesFrom, freshTotp, type Harness, HET_BAKEN, makeHarness } from "../test-support/app-harness";
import { runDailyCareJobs } from "./daily-job";

let h: Harness;
let staff: string;
const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
type Err = { error: { code: string; message: string } };
type Detail = {
  relations: {
    id: string;
    name: string;
    gezag: boolean;
    consentMissing: string | null;
    consent: { decidedBy: string; gezagHolder: string | null } | null;
  }[];
};

function on(day: string, plusDays = 0): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return amsterdamTimeOn(Date.UTC(y, m - 1, d + plusDays, 12), 12);
}
async function client(first: string, last: string) {
  const [row] = await h.deps.db
    .select()
    .from(t.clients)
    .where(and(eq(t.clients.firstName, first), eq(t.clients.lastName, last)))
    .limit(1);
  if (!row) throw new Error(`no client ${first} ${last}`);
  return row;
}
const detail = (clientId: string) => json<Detail>(h.request(HET_BAKEN, "GET", `/api/beheer/clients/${clientId}`, { cookie: staff }));
const relationNamed = async (clientId: string, name: string) => {
  const r = (await detail(clientId)).relations.find((x) => x.name === name);
  if (!r) throw new Error(`no relation ${name}`);
  return r;
};
const addRelation = async (clientId: string, firstName: string, email: string, role = "verwant") =>
  (
    await json<{ id: string; contactId: string }>(
      h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/relations`, {
        cookie: staff,
        body: { firstName, lastName: "Toestemming", email, role, gezag: false },
      }),
    )
  ).id;
const contactOf = async (relationId: string) =>
  (await h.deps.db.select({ contactId: t.relations.contactId }).from(t.relations).where(eq(t.relations.id, relationId)))[0]?.contactId ??
  "";
const activate = async (clientId: string, relationId: string) =>
  h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/access/activate`, {
    cookie: staff,
    body: { personType: "contact", personId: await contactOf(relationId) },
  });
const consent = (clientId: string, body: { relationId: string; given: boolean; gezagRelationId?: string }) =>
  h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/consents`, { cookie: staff, body });
const accountCount = async (email: string) => (await h.deps.db.select().from(t.accounts).where(eq(t.accounts.email, email))).length;
const portal = (cookie: string, clientId: string) => h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/overview`, { cookie });

beforeAll(async () => {
  h = await makeHarness();
  staff = await h.login(HET_BAKEN, "secretariaat@hetbaken.example");
});
afterAll(() => h.close());

describe("a relation without gezag of a client under 16", () => {
  it("is activated only after a gezag holder's consent, recorded by staff; revoking it ends access at once, the job tells them once", async () => {
    const mila = await client("Mila", "Smit");
    const parent = await relationNamed(mila.id, "Rob Smit");
    const verwant = await addRelation(mila.id, "Oma", "oma.mila@example.org");

    // Without consent: the sentence names whose consent is missing; nothing is created or mailed.
    const missing = (await relationNamed(mila.id, "Oma Toestemming")).consentMissing;
    expect(missing).toBe(
      "Voor toegang van Oma Toestemming (verwant, zonder gezag) is toestemming nodig van een ouder of voogd met gezag (Rob Smit). Leg die toestemming eerst vast.",
    );
    const refused = await activate(mila.id, verwant);
    expect(refused.status).toBe(400);
    const body = await json<Err>(refused);
    expect(body.error.code).toBe("prerequisites_missing");
    expect(body.error.message).toContain("toestemming nodig van een ouder of voogd met gezag (Rob Smit)");
    expect(await accountCount("oma.mila@example.org")).toBe(0);
    expect(await listMailbox(h.deps.db, "oma.mila@example.org")).toHaveLength(0);

    // Only a gezag holder of this client can consent: not the verwant itself, not another client's parent.
    const other = (await h.deps.db.select().from(t.relations).where(eq(t.relations.gezag, true))).find((r) => r.clientId !== mila.id);
    for (const gezagRelationId of [verwant, other?.id ?? ""]) {
      const no = await consent(mila.id, { relationId: verwant, given: true, gezagRelationId });
      expect(no.status).toBe(400);
      expect((await json<Err>(no)).error.code).toBe("not_gezag_holder");
    }
    expect((await relationNamed(mila.id, "Oma Toestemming")).consent).toBeNull();

    // Rob's consent, recorded by staff: audited, shown, and activation goes through.
    expect((await consent(mila.id, { relationId: verwant, given: true, gezagRelationId: parent.id })).status).toBe(200);
    const recorded = await relationNamed(mila.id, "Oma Toestemming");
    expect(recorded.consent).toMatchObject({ decidedBy: "gezaghouder", gezagHolder: "Rob Smit" });
    expect(recorded.consentMissing).toBeNull();
    const audit = (await h.deps.db.select().from(t.auditLog).where(eq(t.auditLog.action, "consent.give")).orderBy(t.auditLog.seq)).at(-1);
    expect(JSON.parse(audit?.detailsJson ?? "{}")).toMatchObject({ decidedBy: "gezaghouder", gezagRelationId: parent.id });

    // The verwant activates and opens the portal (recording the same consent again changes nothing).
    const cookie = await activateAfterConsent(mila.id, verwant, parent.id, "oma.mila@example.org", mila.birthDate ?? "");
    expect((await portal(cookie, mila.id)).status).toBe(200);

    // Rob revokes (through staff): the next request is refused, before any job ran.
    expect((await consent(mila.id, { relationId: verwant, given: false, gezagRelationId: parent.id })).status).toBe(200);
    const closed = await portal(cookie, mila.id);
    expect(closed.status).toBe(403);
    const why = await json<Err>(closed);
    expect(why.error.code).toBe("consent_missing");
    expect(why.error.message).toContain("toestemming nodig van een ouder of voogd met gezag van Mila");
    // The job revokes the grant and tells the verwant once, without content.
    await runDailyCareJobs(h.deps, { force: true });
    await runDailyCareJobs(h.deps, { force: true });
    const stopped = (await listMailbox(h.deps.db, "oma.mila@example.org")).filter((m) => /is gestopt/.test(m.subject));
    expect(stopped).toHaveLength(1);
    expect(stopped[0]?.text).not.toContain("Mila");
  });
});

describe("from 16 the client decides", () => {
  it("lets a gezag holder's consent lapse on the 16th birthday (request check alone), tells the verwant 30 days before, and takes the client's consent", async () => {
    const noah = await client("Noah", "de Vries");
    const parent = (await detail(noah.id)).relations.find((r) => r.gezag);
    if (!parent || !noah.birthDate) throw new Error("demo: Noah needs a parent with gezag and a birth date");
    const verwant = await addRelation(noah.id, "Tante", "tante.noah@example.org");
    const cookie = await activateAfterConsent(noah.id, verwant, parent.id, "tante.noah@example.org", noah.birthDate);
    const sixteenOn = birthdayAt(noah.birthDate, 16);

    // 30 days before: staff see the verwant in the list; the verwant gets the e-mail meant for them, once.
    h.setClock(on(sixteenOn, -30));
    await runDailyCareJobs(h.deps, { force: true });
    await runDailyCareJobs(h.deps, { force: true });
    const notice = (await listMailbox(h.deps.db, "tante.noah@example.org")).filter((m) => /verandert binnenkort/.test(m.subject));
    expect(notice).toHaveLength(1);
    expect(notice[0]?.text).toContain("De toestemming die een ouder of voogd voor uw toegang gaf, geldt daarna niet meer.");
    const queue = await json<{ birthdays: { clientId: string; holders: { name: string; consent: boolean }[] }[] }>(
      h.request(HET_BAKEN, "GET", "/api/beheer/work-queue", { cookie: staff }),
    );
    expect(queue.birthdays.find((b) => b.clientId === noah.id)?.holders).toContainEqual({ name: "Tante Toestemming", consent: false });

    // The day before: open. On the birthday, without the job: refused.
    h.setClock(on(sixteenOn, -1));
    expect((await portal(cookie, noah.id)).status).toBe(200);
    h.setClock(on(sixteenOn));
    const refused = await portal(cookie, noah.id);
    expect(refused.status).toBe(403);
    expect((await json<Err>(refused)).error.message).toContain("toestemming nodig van Noah");
    const missing = (await relationNamed(noah.id, "Tante Toestemming")).consentMissing;
    expect(missing).toContain("is toestemming van Noah nodig: Noah is 16 jaar of ouder en beslist dat zelf.");

    // A gezag holder can no longer consent; the client's consent (recorded by staff) opens it again.
    const late = await consent(noah.id, { relationId: verwant, given: true, gezagRelationId: parent.id });
    expect(late.status).toBe(409);
    expect((await json<Err>(late)).error.code).toBe("client_decides");
    expect((await consent(noah.id, { relationId: verwant, given: true })).status).toBe(200);
    expect((await portal(cookie, noah.id)).status).toBe(200);
    h.setClock(null);
  });

  it("lets a client of 16+ give consent in Mijn account, and only their own", async () => {
    const jesse = await client("Jesse", "Kok");
    const verwant = await addRelation(jesse.id, "Broer", "broer.jesse@example.org", "broer/zus");
    const refused = await activate(jesse.id, verwant);
    expect(refused.status).toBe(400);
    expect((await json<Err>(refused)).error.message).toContain("is toestemming van Jesse nodig");

    const own = await h.login(HET_BAKEN, "jesse@example.com");
    const viewers = await json<{ decides: boolean; viewers: { relationId: string; gezag: boolean; consent: unknown }[] }>(
      h.request(HET_BAKEN, "GET", "/api/account/portal-viewers", { cookie: own }),
    );
    expect(viewers.decides).toBe(true);
    expect(viewers.viewers.find((v) => v.relationId === verwant)).toMatchObject({ gezag: false, consent: null });
    const parent = viewers.viewers.find((v) => v.gezag);
    // Naming a gezag holder is for staff only; the client records their own consent.
    const put = (body: object) => h.request(HET_BAKEN, "PUT", "/api/account/portal-viewers", { cookie: own, body });
    expect((await put({ relationId: verwant, given: true, gezagRelationId: parent?.relationId })).status).toBe(403);
    expect((await relationNamed(jesse.id, "Broer Toestemming")).consent).toBeNull();
    expect((await put({ relationId: verwant, given: true })).status).toBe(200);
    expect((await relationNamed(jesse.id, "Broer Toestemming")).consent).toMatchObject({ decidedBy: "client" });
    expect((await activate(jesse.id, verwant)).status).toBe(201);

    // A parent of the 16-year-old cannot read or change who sees the portal.
    const parentCookie = await h.login(HET_BAKEN, "ouder.jesse@example.com");
    expect((await h.request(HET_BAKEN, "GET", "/api/account/portal-viewers", { cookie: parentCookie })).status).toBe(403);
  });
});

/** Records the gezag holder's consent, activates the relation, and completes activation as the person does. */
async function activateAfterConsent(clientId: string, relationId: string, holderId: string, email: string, birthDate: string) {
  expect((await consent(clientId, { relationId, given: true, gezagRelationId: holderId })).status).toBe(200);
  const res = await activate(clientId, relationId);
  if (res.status !== 201) throw new Error(`activate: ${res.status} ${await res.text()}`);
  const mail = (await listMailbox(h.deps.db, email)).find((m) => /activeren#/.test(m.text));
  const token = /\/activeren#([a-z2-7]{32})/.exec(mail?.text ?? "")?.[1];
  const step = (path: string, body: object = {}) => h.request(HET_BAKEN, "POST", `/api/activation/${path}`, { body: { token, ...body } });
  await step("birth-date", { birthDate });
  await step("password", { password: "Een-Heel-Sterk-Wachtwoord-9" });
  const setup = await json<{ secret: string }>(step("totp/setup"));
  await step("totp/confirm", { code: freshTotp(email, setup.secret) });
  const finish = await step("finish", { acceptTerms: true });
  if (finish.status !== 200) throw new Error(`finish: ${finish.status} ${await finish.text()}`);
  return cookiesFrom(finish);
}
