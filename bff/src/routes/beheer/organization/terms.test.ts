// Gebruiksvoorwaarden in Organisatie: publishing a version makes every signed-in user (clients,
// relations, staff) accept it before the BFF answers anything else; the versions list counts acceptances.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, HET_BAKEN, makeHarness, NOORDERLICHT } from "../../../test-support/app-harness";

interface Versions {
  versions: { version: number; body: string; publishedAt: number; publishedBy: string | null; accepted: number }[];
  activeAccounts: number;
}
interface ApiErr {
  error: { code: string; message: string; fields?: Record<string, string> };
}

const URL = "/api/beheer/organization/terms";
const NEW_TERMS = "Gebruiksvoorwaarden, versie 2.\n\nU gebruikt het portaal alleen voor uzelf of voor de cliënt bij wie u betrokken bent.";

let h: Harness;
let beheer: string;
const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
const versions = (cookie = beheer, host = HET_BAKEN) => json<Versions>(h.request(host, "GET", URL, { cookie }));
const sql = async <T>(query: string, ...args: unknown[]) => (await h.deps.db.$raw.get<T>(query, ...args)) as T;
/** count(*) AS n of a query: a bigint on PostgreSQL, which the driver gives as a string. */
const count = async (query: string, ...args: unknown[]) => Number((await sql<{ n: number | string }>(query, ...args)).n);

beforeAll(async () => {
  h = await makeHarness();
  beheer = await h.login(HET_BAKEN, "beheer@hetbaken.example");
});
afterAll(() => h.close());

describe("Gebruiksvoorwaarden", () => {
  it("lists the first version, accepted by every demo account", async () => {
    const v = await versions();
    expect(v.versions).toHaveLength(1);
    const accounts = await count(
      "SELECT count(*) AS n FROM accounts a JOIN organizations o ON o.id = a.org_id WHERE o.hostname = ?",
      HET_BAKEN,
    );
    expect(v.versions[0]).toMatchObject({ version: 1, publishedBy: null, accepted: accounts });
    expect(v.activeAccounts).toBeGreaterThan(0);
  });

  it("refuses bad input with a Dutch sentence and publishes nothing", async () => {
    const audits = () => count("SELECT count(*) AS n FROM audit_log WHERE action = 'terms.publish'");
    const cases: [unknown, RegExp][] = [
      [{ body: "", after: 1 }, /leeg/],
      [{ body: "   \n  ", after: 1 }, /leeg/],
      [{ body: "Te kort", after: 1 }, /te kort/],
      [{ body: "x".repeat(20_001), after: 1 }, /te lang/],
      [{ body: `${NEW_TERMS}\u202e`, after: 1 }, /onzichtbaar teken/],
      [{ body: NEW_TERMS }, /versie ontbreekt/],
      [{ body: 12, after: 1 }, /Vul de tekst/],
    ];
    for (const [body, message] of cases) {
      const res = await h.request(HET_BAKEN, "POST", URL, { cookie: beheer, body });
      expect(res.status).toBe(400);
      expect((await json<ApiErr>(res)).error.message).toMatch(message);
    }
    expect((await versions()).versions).toHaveLength(1);
    expect(await audits()).toBe(0);
  });

  it("refuses everyone but beheerders, and the other organization sees its own versions only", async () => {
    for (const email of ["secretariaat@hetbaken.example", "begeleider@hetbaken.example", "client@example.com"]) {
      const cookie = await h.login(HET_BAKEN, email);
      expect((await h.request(HET_BAKEN, "GET", URL, { cookie })).status).toBe(403);
      expect((await h.request(HET_BAKEN, "POST", URL, { cookie, body: { body: NEW_TERMS, after: 1 } })).status).toBe(403);
    }
    expect((await h.request(HET_BAKEN, "GET", URL)).status).toBe(401);
    // Noorderlicht's beheerder cannot use Het Baken's session, and publishes on their own portal only.
    expect((await h.request(NOORDERLICHT, "GET", URL, { cookie: beheer })).status).toBe(401);
    expect((await versions()).versions).toHaveLength(1);
  });

  it("a published version is refused by the BFF until a client accepts it, then everything works again", async () => {
    const client = await h.login(HET_BAKEN, "client@example.com");
    const ouder = await h.login(HET_BAKEN, "ouder@example.com");
    const staff = await h.login(HET_BAKEN, "secretariaat@hetbaken.example");
    const clientId = (await sql<{ client_id: string }>("SELECT client_id FROM accounts WHERE email = 'client@example.com'")).client_id;
    const overview = `/api/portal/${clientId}/overview`;
    expect((await h.request(HET_BAKEN, "GET", overview, { cookie: client })).status).toBe(200);

    const published = await h.request(HET_BAKEN, "POST", URL, { cookie: beheer, body: { body: `  ${NEW_TERMS}\r\n`, after: 1 } });
    expect(published.status).toBe(201);
    expect(await json(published)).toEqual({ version: 2 });
    // Someone who saw version 1 as the newest cannot publish over version 2.
    expect((await h.request(HET_BAKEN, "POST", URL, { cookie: beheer, body: { body: NEW_TERMS, after: 1 } })).status).toBe(409);

    // The client: the portal is refused with a Dutch sentence; reading and accepting the terms is not.
    const refused = await h.request(HET_BAKEN, "GET", overview, { cookie: client });
    expect(refused.status).toBe(403);
    const err = await json<ApiErr>(refused);
    expect(err.error.code).toBe("terms_not_accepted");
    expect(err.error.message).toMatch(/gebruiksvoorwaarden/);
    expect((await h.request(HET_BAKEN, "GET", "/api/account", { cookie: client })).status).toBe(403);
    expect((await h.request(HET_BAKEN, "POST", "/api/me/tour-seen", { cookie: client })).status).toBe(403);
    const me = await json<{ termsToAccept: { version: number; body: string } }>(h.request(HET_BAKEN, "GET", "/api/me", { cookie: client }));
    expect(me.termsToAccept).toEqual({ version: 2, body: NEW_TERMS });
    expect((await h.request(HET_BAKEN, "POST", "/api/me/terms", { cookie: client, body: { version: 2 } })).status).toBe(200);
    expect((await h.request(HET_BAKEN, "GET", overview, { cookie: client })).status).toBe(200);

    // Staff too: the secretariaat's Beheer is refused until they accept.
    const staffRefused = await h.request(HET_BAKEN, "GET", "/api/beheer/clients", { cookie: staff });
    expect(staffRefused.status).toBe(403);
    expect((await json<ApiErr>(staffRefused)).error.code).toBe("terms_not_accepted");
    expect((await h.request(HET_BAKEN, "POST", "/api/me/terms", { cookie: staff, body: { version: 2 } })).status).toBe(200);
    expect((await h.request(HET_BAKEN, "GET", "/api/beheer/clients", { cookie: staff })).status).toBe(200);

    // The publisher wrote them: they go on working.
    expect((await h.request(HET_BAKEN, "GET", URL, { cookie: beheer })).status).toBe(200);

    // Leaving is always possible.
    expect((await h.request(HET_BAKEN, "POST", "/api/auth/logout", { cookie: ouder })).status).toBe(200);
    // The public organization route needs no login at all.
    expect((await h.request(HET_BAKEN, "GET", "/api/organization")).status).toBe(200);

    // The list: who published version 2 and how many accepted it (the beheerder, the client, the secretariaat).
    const v = await versions();
    expect(v.versions.map((x) => x.version)).toEqual([2, 1]);
    expect(v.versions[0]).toMatchObject({ body: NEW_TERMS, publishedBy: expect.stringMatching(/\S/), accepted: 3 });

    // Publishing is audited; Noorderlicht's terms did not change.
    const audit = await sql<{ actor_id: string; object_id: string }>(
      "SELECT actor_id, object_id FROM audit_log WHERE action = 'terms.publish'",
    );
    expect(audit.object_id).toBe("2");
    expect(audit.actor_id).toBe((await sql<{ id: string }>("SELECT id FROM accounts WHERE email = 'beheer@hetbaken.example'")).id);
    const noorderlicht = await h.login(NOORDERLICHT, "beheer@noorderlicht.example");
    expect((await versions(noorderlicht, NOORDERLICHT)).versions.map((x) => x.version)).toEqual([1]);
    expect((await h.request(NOORDERLICHT, "GET", "/api/beheer/clients", { cookie: noorderlicht })).status).toBe(200);
  });
});
