// A forgotten password, and a changed one (issue 12, points 3 and 4): no computer stays trusted after
// either; a reset link used twice at once resets once; links asked before a change die with it; asking
// for a link takes as long for an unknown address as for a known one.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO_PASSWORD } from "../../demo/seed";
import { listMailbox } from "../../mail/outbox";
import { cookiesFrom, freshTotp, type Harness, HET_BAKEN, makeHarness } from "../../test-support/app-harness";

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());
afterEach(() => vi.useRealTimers());

const login = (email: string, password: string, cookie?: string) =>
  h.request(HET_BAKEN, "POST", "/api/auth/login", { body: { email, password }, cookie });

/** A full login that ticks "Vertrouw deze computer"; returns the cookies, the device cookie among them. */
async function trustedLogin(email: string, password: string): Promise<string> {
  const half = cookiesFrom(await login(email, password));
  const res = await h.request(HET_BAKEN, "POST", "/api/auth/totp", {
    cookie: half,
    body: { code: freshTotp(`${HET_BAKEN}/${email}`), trustDevice: true },
  });
  expect(res.status).toBe(200);
  const cookie = cookiesFrom(res, half);
  expect(cookie).toMatch(/portaal_apparaat=/);
  // The trust alone logs in again without a code: that is what must end.
  const again = await login(email, password, cookie);
  expect(await again.json()).toEqual({ step: "done" });
  return cookie;
}

async function resetLink(email: string): Promise<string> {
  const res = await h.request(HET_BAKEN, "POST", "/api/auth/password-reset/request", { body: { email } });
  expect(res.status).toBe(200);
  let token: string | undefined;
  await afterTheAnswer(async () => {
    token = /wachtwoord-herstellen#([a-z2-7]{32})/.exec((await listMailbox(h.deps.db, email))[0]?.text ?? "")?.[1];
    return token !== undefined;
  });
  if (!token) throw new Error("no reset link");
  return token;
}

/**
 * The link is made after the answer, starting on the next turn of the event loop; its queries take turns
 * of their own (on PostgreSQL, round trips): waits until `done` holds, at most 5 s. Timed by
 * performance.now(), which the fake Date below leaves running.
 */
async function afterTheAnswer(done: () => Promise<boolean>): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  const end = performance.now() + 5_000;
  while (!(await done()) && performance.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
}

const resetRequestsAudited = async () =>
  Number(
    ((await h.deps.db.$raw.get("SELECT count(*) n FROM audit_log WHERE action = 'password.reset.request'")) as { n: number | string }).n,
  );

const complete = (token: string, password: string) =>
  h.request(HET_BAKEN, "POST", "/api/auth/password-reset/complete", { body: { token, password } });

describe("trusted computers", () => {
  it("are no longer trusted after a password reset: the second factor is asked", async () => {
    const email = "ouder@example.com";
    const cookie = await trustedLogin(email, DEMO_PASSWORD);
    expect((await complete(await resetLink(email), "Vuurtoren-In-De-Nacht-77")).status).toBe(200);
    const after = await login(email, "Vuurtoren-In-De-Nacht-77", cookie);
    expect(await after.json()).toEqual({ step: "second-factor", factors: ["totp"] });
  });

  it("are no longer trusted after a password change in Mijn account", async () => {
    const email = "client@example.com";
    const cookie = await trustedLogin(email, DEMO_PASSWORD);
    const full = cookiesFrom(await login(email, DEMO_PASSWORD, cookie), cookie);
    const change = await h.request(HET_BAKEN, "POST", "/api/account/password", {
      cookie: full,
      body: { currentPassword: DEMO_PASSWORD, newPassword: "Zeilboot-Op-Het-Meer-58" },
    });
    expect(change.status).toBe(200);
    const after = await login(email, "Zeilboot-Op-Het-Meer-58", full);
    expect(await after.json()).toEqual({ step: "second-factor", factors: ["totp"] });
  });
});

describe("reset links", () => {
  it("used twice at the same moment reset once", async () => {
    const email = "begeleider@hetbaken.example";
    const token = await resetLink(email);
    const answers = await Promise.all([complete(token, "Eerste-Nieuw-Wachtwoord-1"), complete(token, "Tweede-Nieuw-Wachtwoord-2")]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 410]);
    const winner = answers[0]?.status === 200 ? "Eerste-Nieuw-Wachtwoord-1" : "Tweede-Nieuw-Wachtwoord-2";
    const loser = winner.startsWith("Eerste") ? "Tweede-Nieuw-Wachtwoord-2" : "Eerste-Nieuw-Wachtwoord-1";
    expect((await login(email, winner)).status).toBe(200);
    expect((await login(email, loser)).status).toBe(401);
  });

  it("asked before a password change no longer work after it", async () => {
    const email = "beheer@hetbaken.example";
    const token = await resetLink(email);
    const cookie = await h.login(HET_BAKEN, email);
    const change = await h.request(HET_BAKEN, "POST", "/api/account/password", {
      cookie,
      body: { currentPassword: DEMO_PASSWORD, newPassword: "Zonnebloem-In-De-Tuin-44" },
    });
    expect(change.status).toBe(200);
    expect((await complete(token, "Iemand-Anders-Kiest-Dit-9")).status).toBe(410);
    expect((await login(email, "Zonnebloem-In-De-Tuin-44")).status).toBe(200);
  });

  it("are asked for in the same time for a known and an unknown address", async () => {
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const time = async (email: string) => {
      const audited = await resetRequestsAudited();
      const t0 = performance.now();
      const res = await h.request(HET_BAKEN, "POST", "/api/auth/password-reset/request", { body: { email } });
      const t = performance.now() - t0;
      expect(res.status).toBe(200);
      // Let the work after the answer finish (its audit row is its last write) and settle, so it does not
      // weigh on the next measurement.
      await afterTheAnswer(async () => (await resetRequestsAudited()) > audited);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return t;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    let now = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now });
    for (let i = 0; i < 20; i++) {
      // An hour on each time, so neither the per-address nor the per-account limit decides the path.
      now += 61 * 60_000;
      vi.setSystemTime(now);
      // The jump also ends the few seconds the organization is cached: load it again before measuring.
      await h.request(HET_BAKEN, "GET", "/api/organization");
      if (i % 2) known.push(await time("secretariaat@hetbaken.example"));
      unknown.push(await time(`niemand${i}@example.com`));
      if (i % 2 === 0) known.push(await time("secretariaat@hetbaken.example"));
    }
    const k = median(known);
    const u = median(unknown);
    console.log(`[password reset request] median of 20: known ${k.toFixed(2)} ms, unknown ${u.toFixed(2)} ms`);
    // Before the fix the known address took a disk-synced commit longer (17 ms against 6.5 ms measured
    // against the production process; 42 against 21 ms here on a busy machine).
    expect(Math.abs(k - u)).toBeLessThan(Math.max(1, 0.25 * Math.max(k, u)));
    // And the work was done: a link for the known address, an audit row for each request.
    expect(await listMailbox(h.deps.db, "secretariaat@hetbaken.example")).toHaveLength(20);
    expect(await resetRequestsAudited()).toBeGreaterThanOrEqual(40);
  });
});
