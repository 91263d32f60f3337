// Security keys at login (issue 12, point 5): a challenge belongs to the login attempt that asked for
// it. A signature over session A's challenge, presented by session B, logs nobody in; A still can.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../demo/seed";
import { cookiesFrom, type Harness, HET_BAKEN, makeHarness } from "../../test-support/app-harness";
import { addSoftKey, type SoftKey } from "../../test-support/soft-key";

let h: Harness;
let key: SoftKey;
const email = "begeleider@hetbaken.example";

async function passwordOnly(): Promise<string> {
  const res = await h.request(HET_BAKEN, "POST", "/api/auth/login", { body: { email, password: DEMO_PASSWORD } });
  expect(await res.json()).toMatchObject({ step: "second-factor", factors: ["totp", "webauthn"] });
  return cookiesFrom(res);
}

beforeAll(async () => {
  h = await makeHarness();
  const account = (await h.deps.db.$raw.get("SELECT id FROM accounts WHERE email = ?", email)) as { id: string };
  key = await addSoftKey(h, HET_BAKEN, account.id);
});
afterAll(() => h.close());

describe("security-key challenges", () => {
  it("are bound to the session that asked: another session cannot use the signature", async () => {
    const a = await passwordOnly();
    const b = await passwordOnly();
    const options = (await (await h.request(HET_BAKEN, "POST", "/api/auth/webauthn/options", { cookie: a })).json()) as {
      challenge: string;
    };
    const signed = key.assert(options.challenge, `http://${HET_BAKEN}`);

    const stolen = await h.request(HET_BAKEN, "POST", "/api/auth/webauthn/verify", { cookie: b, body: { credential: signed } });
    expect(stolen.status).toBe(400);
    expect((await h.request(HET_BAKEN, "GET", "/api/me", { cookie: b })).status).toBe(401);

    // The session that asked still signs in with it: B's try did not use A's challenge up.
    const own = await h.request(HET_BAKEN, "POST", "/api/auth/webauthn/verify", { cookie: a, body: { credential: signed } });
    expect(own.status).toBe(200);
    expect((await h.request(HET_BAKEN, "GET", "/api/me", { cookie: cookiesFrom(own, a) })).status).toBe(200);
  });

  it("are refused when B asked one of its own and presents A's signature", async () => {
    const a = await passwordOnly();
    const b = await passwordOnly();
    const ofA = (await (await h.request(HET_BAKEN, "POST", "/api/auth/webauthn/options", { cookie: a })).json()) as { challenge: string };
    await h.request(HET_BAKEN, "POST", "/api/auth/webauthn/options", { cookie: b });
    const res = await h.request(HET_BAKEN, "POST", "/api/auth/webauthn/verify", {
      cookie: b,
      body: { credential: key.assert(ofA.challenge, `http://${HET_BAKEN}`) },
    });
    expect(res.status).toBe(400);
    expect((await h.request(HET_BAKEN, "GET", "/api/me", { cookie: b })).status).toBe(401);
  });
});
