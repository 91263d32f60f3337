// Mijn account (issue 12, point 6): adding or removing a second factor, a security key or a trusted
// computer needs the password or a code confirmed in this session within the last five minutes; the
// login itself does not count, so a session someone else took over cannot add their own factor.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO_PASSWORD } from "../../demo/seed";
import { cookiesFrom, freshTotp, type Harness, HET_BAKEN, makeHarness } from "../../test-support/app-harness";
import { addSoftKey } from "../../test-support/soft-key";

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());
afterEach(() => vi.useRealTimers());

const post = (cookie: string, url: string, body?: unknown) => h.request(HET_BAKEN, "POST", url, { cookie, body: body ?? {} });
const code = async (res: Response) => ((await res.json()) as { error?: { code: string } }).error?.code;
const row = async <T>(sql: string, ...args: unknown[]) => (await h.deps.db.$raw.get<T>(sql, ...args)) as T;

describe("re-authentication", () => {
  it("is needed to add an authenticator or a security key, even right after the login", async () => {
    const cookie = await h.login(HET_BAKEN, "ouder@example.com");
    for (const url of ["/api/account/totp/setup", "/api/account/webauthn/options"]) {
      const res = await post(cookie, url);
      expect(res.status, url).toBe(403);
      expect(await code(res)).toBe("reauth_required");
    }
    const confirm = await post(cookie, "/api/account/totp/confirm", { code: "123456" });
    expect(confirm.status).toBe(403);

    expect((await post(cookie, "/api/account/reauth", { password: "Niet-het-goede-1!" })).status).toBe(400);
    expect((await post(cookie, "/api/account/totp/setup")).status).toBe(403);
    expect((await post(cookie, "/api/account/reauth", { password: DEMO_PASSWORD })).status).toBe(200);
    expect((await post(cookie, "/api/account/totp/setup")).status).toBe(200);
    expect((await post(cookie, "/api/account/webauthn/options")).status).toBe(200);

    // Five minutes later it is asked again.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 5 * 60_000 + 1_000 });
    expect((await post(cookie, "/api/account/totp/setup")).status).toBe(403);
  });

  it("is needed to remove an authenticator, a security key or a trusted computer; a code does as well as the password", async () => {
    const email = "client@example.com";
    const half = cookiesFrom(await h.request(HET_BAKEN, "POST", "/api/auth/login", { body: { email, password: DEMO_PASSWORD } }));
    const full = await h.request(HET_BAKEN, "POST", "/api/auth/totp", {
      cookie: half,
      body: { code: freshTotp(`${HET_BAKEN}/${email}`), trustDevice: true },
    });
    const cookie = cookiesFrom(full, half);
    const accountId = (await row<{ id: string }>("SELECT id FROM accounts WHERE email = ?", email)).id;
    const key = await addSoftKey(h, HET_BAKEN, accountId);
    const overview = (await (await h.request(HET_BAKEN, "GET", "/api/account", { cookie })).json()) as {
      totp: { id: string }[];
      trustedDevices: { id: string }[];
    };
    const removals = [
      `/api/account/security-keys/${key.id}/remove`,
      `/api/account/devices/${overview.trustedDevices[0]?.id}/revoke`,
      `/api/account/totp/${overview.totp[0]?.id}/remove`,
    ];
    for (const url of removals) {
      const res = await post(cookie, url);
      expect(res.status, url).toBe(403);
      expect(await code(res)).toBe("reauth_required");
    }
    // count(*) is a bigint on PostgreSQL, a string from the driver.
    expect(Number((await row<{ n: number }>("SELECT count(*) n FROM webauthn_credentials WHERE account_id = ?", accountId)).n)).toBe(1);

    expect((await post(cookie, "/api/account/reauth", { code: "12345" })).status).toBe(400);
    const reauth = await post(cookie, "/api/account/reauth", { code: freshTotp(`${HET_BAKEN}/${email}`) });
    expect(reauth.status).toBe(200);
    expect((await post(cookie, removals[0] as string)).status).toBe(200);
    expect((await post(cookie, removals[1] as string)).status).toBe(200);
    // The last factor stays where the policy requires one: the same answer as before, now reachable.
    expect((await post(cookie, removals[2] as string)).status).toBe(409);
  });

  it("counts wrong passwords like the login does", async () => {
    const cookie = await h.login(HET_BAKEN, "begeleider2@hetbaken.example");
    for (let i = 1; i <= 4; i++) expect((await post(cookie, "/api/account/reauth", { password: `Fout-${i}-wachtwoord` })).status).toBe(400);
    const fifth = await post(cookie, "/api/account/reauth", { password: "Fout-5-wachtwoord" });
    expect(fifth.status).toBe(423);
    expect((await row<{ status: string }>("SELECT status FROM accounts WHERE email = 'begeleider2@hetbaken.example'")).status).toBe(
      "blocked",
    );
    expect((await h.request(HET_BAKEN, "GET", "/api/me", { cookie })).status).toBe(401);
  });
});
