// The secret question staff check on the phone: a few wrong answers per account, then blocked until a
// beheerder lifts it; guessing in parallel gains nothing; every attempt and the reset are audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, HET_BAKEN, makeHarness } from "../../test-support/app-harness";

let h: Harness;
let secretariaat: string;
let beheerder: string;
let url: string;
let clientId: string;
let accountId: string;
const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;

beforeAll(async () => {
  h = await makeHarness();
  const parent = await h.login(HET_BAKEN, "ouder@example.com");
  const me = await json<{ user: { id: string }; portals: { clientId: string }[] }>(
    h.request(HET_BAKEN, "GET", "/api/me", { cookie: parent }),
  );
  accountId = me.user.id;
  clientId = me.portals[0]?.clientId ?? "";
  const set = await h.request(HET_BAKEN, "POST", "/api/account/secret-question", {
    cookie: parent,
    body: { question: "Naam van mijn eerste huisdier?", answer: "Pluisje" },
  });
  expect(set.status).toBe(200);
  secretariaat = await h.login(HET_BAKEN, "secretariaat@hetbaken.example");
  beheerder = await h.login(HET_BAKEN, "beheer@hetbaken.example");
  url = `/api/beheer/clients/${clientId}/access/${accountId}/secret-check`;
});
afterAll(() => h.close());

const check = (answer: string, cookie = secretariaat) => h.request(HET_BAKEN, "POST", url, { cookie, body: { answer } });
const blockedInList = async () =>
  (
    await json<{ people: { accountId: string | null; secretCheckBlocked: boolean }[] }>(
      h.request(HET_BAKEN, "GET", `/api/beheer/clients/${clientId}/access`, { cookie: secretariaat }),
    )
  ).people.find((p) => p.accountId === accountId)?.secretCheckBlocked;

describe("the secret question check", () => {
  it("stops after three wrong answers, even for the right one, until a beheerder resets it", async () => {
    expect(await json(check("pluisje "))).toEqual({ match: true, attemptsLeft: 3 });
    expect(await json(check("Minoes"))).toEqual({ match: false, attemptsLeft: 2 });
    expect(await json(check("Tijger"))).toEqual({ match: false, attemptsLeft: 1 });
    expect(await json(check("Bello"))).toEqual({ match: false, attemptsLeft: 0 });
    expect(await blockedInList()).toBe(true);
    const blocked = await check("Pluisje");
    expect(blocked.status).toBe(423);
    const body = await json<{ error: { code: string; message: string } }>(blocked);
    expect(body.error.code).toBe("secret_check_blocked");
    expect(body.error.message).toMatch(/na 3 foute antwoorden geblokkeerd.*beheerder/);

    // The secretariaat cannot lift it; a beheerder can, and it is audited.
    expect((await h.request(HET_BAKEN, "POST", `${url}/reset`, { cookie: secretariaat })).status).toBe(403);
    expect((await h.request(HET_BAKEN, "POST", `${url}/reset`, { cookie: beheerder })).status).toBe(200);
    expect(await blockedInList()).toBe(false);
    expect(await json(check("Pluisje"))).toEqual({ match: true, attemptsLeft: 3 });

    const audit = await h.deps.db.$raw.all<{ action: string; outcome: string; details_json: string }>(
      "SELECT action, outcome, details_json FROM audit_log WHERE object_id = ? AND action LIKE 'access.secret-check%' ORDER BY seq",
      accountId,
    );
    expect(audit.map((a) => `${a.action} ${a.outcome}`)).toEqual([
      "access.secret-check success",
      "access.secret-check success",
      "access.secret-check success",
      "access.secret-check success",
      "access.secret-check denied",
      "access.secret-check-reset success",
      "access.secret-check success",
    ]);
    expect(JSON.parse(audit[3]?.details_json ?? "{}")).toMatchObject({ match: false, blockedNow: true });
  });

  it("counts guesses sent at the same time: no more than three are compared", async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => check(`gok ${i}`)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 423)).toHaveLength(7);
    expect((await check("Pluisje")).status).toBe(423);
    await h.request(HET_BAKEN, "POST", `${url}/reset`, { cookie: beheerder });
  });
});
