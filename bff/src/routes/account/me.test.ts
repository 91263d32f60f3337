// /api/me: the user, their portals, and the terms of use asked again when a new version is published.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../demo/seed";
import { cookiesFrom, freshTotp, type Harness, HET_BAKEN, makeHarness, NOORDERLICHT } from "../../test-support/app-harness";

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

describe("GET /api/me", () => {
  it("names the practitioners with the organization's own word", async () => {
    const word = async (host: string, email: string) => {
      const cookie = await h.login(host, email);
      const me = (await (await h.request(host, "GET", "/api/me", { cookie })).json()) as {
        organization: { practitionerWord: string | null };
      };
      return me.organization.practitionerWord;
    };
    expect(await word(HET_BAKEN, "client@example.com")).toBe("begeleider");
    expect(await word(NOORDERLICHT, "client@example.net")).toBe("behandelaar");
  });

  it("answers 401 without a session", async () => {
    const res = await h.request(HET_BAKEN, "GET", "/api/me");
    expect(res.status).toBe(401);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("asks a new version of the terms once, and only the newest", async () => {
    const cookie = await h.login(HET_BAKEN, "ouder@example.com");
    const me = async () =>
      (await (await h.request(HET_BAKEN, "GET", "/api/me", { cookie })).json()) as {
        termsToAccept: { version: number } | null;
        portals: unknown[];
      };
    expect((await me()).termsToAccept).toBeNull();
    expect((await me()).portals).toHaveLength(2);
    const org = (await h.deps.db.$raw.get("SELECT org_id FROM accounts WHERE email = 'ouder@example.com'")) as { org_id: string };
    await h.deps.db.$raw.run(
      "INSERT INTO terms_versions (id, org_id, version, body, published_at) VALUES ('termsversion2x', ?, 2, 'Nieuwe voorwaarden', ?)",
      org.org_id,
      Date.now(),
    );
    expect((await me()).termsToAccept).toMatchObject({ version: 2 });
    expect((await h.request(HET_BAKEN, "POST", "/api/me/terms", { cookie, body: { version: 1 } })).status).toBe(409);
    expect((await h.request(HET_BAKEN, "POST", "/api/me/terms", { cookie, body: { version: "twee" } })).status).toBe(400);
    expect((await h.request(HET_BAKEN, "POST", "/api/me/terms", { cookie, body: { version: 2 } })).status).toBe(200);
    expect((await me()).termsToAccept).toBeNull();
    // Staff are asked too: the terms are for everyone who signs in (issue 13).
    const staff = await h.login(HET_BAKEN, "beheer@hetbaken.example");
    const staffMe = (await (await h.request(HET_BAKEN, "GET", "/api/me", { cookie: staff })).json()) as {
      termsToAccept: unknown;
      portals: unknown[];
    };
    expect(staffMe.termsToAccept).toMatchObject({ version: 2 });
    expect(staffMe.portals).toEqual([]);
  });

  it("moves the previous visit only for a login that opened the portal", async () => {
    const email = "client@example.com";
    const pause = () => new Promise((r) => setTimeout(r, 5));
    const previous = async (cookie: string) =>
      ((await (await h.request(HET_BAKEN, "GET", "/api/me", { cookie })).json()) as { user: { previousLoginAt: number | null } }).user
        .previousLoginAt;
    // PostgreSQL's bigint comes as a string: a number on both.
    const sessionStart = async () =>
      Number(
        (
          (await h.deps.db.$raw.get(
            "SELECT s.created_at AS at FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.email = ? ORDER BY s.created_at DESC LIMIT 1",
            email,
          )) as { at: number }
        ).at,
      );
    // A trusted computer: later logins need only the password, as many as the test wants.
    const first = await h.request(HET_BAKEN, "POST", "/api/auth/login", { body: { email, password: DEMO_PASSWORD } });
    let jar = cookiesFrom(first);
    const totp = await h.request(HET_BAKEN, "POST", "/api/auth/totp", {
      cookie: jar,
      body: { code: freshTotp(`${HET_BAKEN}/${email}`), trustDevice: true },
    });
    expect(totp.status).toBe(200);
    jar = cookiesFrom(totp, jar);
    const login = async () => {
      const res = await h.request(HET_BAKEN, "POST", "/api/auth/login", { cookie: jar, body: { email, password: DEMO_PASSWORD } });
      expect(((await res.json()) as { step: string }).step).toBe("done");
      jar = cookiesFrom(res, jar);
      return jar;
    };
    await previous(jar);
    const visitStart = await sessionStart();
    await pause();
    // Logged in, but the portal never opened (the bounce of issue 11): no visit.
    await login();
    const bouncedStart = await sessionStart();
    expect(bouncedStart).toBeGreaterThan(visitStart);
    await pause();
    const next = await login();
    expect(await previous(next)).toBe(visitStart);
    // Reloads in the same visit keep the same point of reference.
    expect(await previous(next)).toBe(visitStart);
  });
});
