// The BFF's edges: health, clear JSON errors (never a 500 for a client's mistake), security headers,
// the same-origin rule for every state change, and the organization known by its host.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggableError } from "./app";
import { accounts } from "./db/tables";
import { cookiesFrom, type Harness, HET_BAKEN, makeHarness, NOORDERLICHT } from "./test-support/app-harness";

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

describe("errors", () => {
  it("health answers ok", async () => {
    const res = await h.request(HET_BAKEN, "GET", "/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("an unknown route is a Dutch JSON 404", async () => {
    const res = await h.request(HET_BAKEN, "GET", "/api/bestaat-niet");
    expect(res.status).toBe(404);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("not_found");
    expect(body.error.message).toMatch(/bestaat niet/);
  });

  it("a malformed body is a 400, not a 500", async () => {
    const res = await h.app.request("/api/auth/login", {
      method: "POST",
      headers: { Host: HET_BAKEN, Origin: `http://${HET_BAKEN}`, "Content-Type": "application/json" },
      body: "{niet-json",
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/niet worden gelezen/);
  });

  it("wrong types name each field in Dutch", async () => {
    const res = await h.request(HET_BAKEN, "POST", "/api/auth/login", { body: { email: 12, password: ["x"] } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(Object.keys(body.error.fields ?? {}).sort()).toEqual(["email", "password"]);
  });

  it("a wrong password is a 401 with a Dutch message, the same as an unknown address", async () => {
    const wrong = await h.request(HET_BAKEN, "POST", "/api/auth/login", {
      body: { email: "ouder@example.com", password: "niet-goed-123" },
    });
    const unknown = await h.request(HET_BAKEN, "POST", "/api/auth/login", {
      body: { email: "niemand@example.com", password: "niet-goed-123" },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it("an unknown host has no portal", async () => {
    const res = await h.request("elders.example", "GET", "/api/organization");
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.code).toBe("unknown_organization");
  });
});

describe("the log of an unexpected database error", () => {
  it("names the query and the database's code, never the values it was given", async () => {
    const email = "geheim.adres@example.org";
    const existing = (await h.deps.db.select().from(accounts).limit(1))[0];
    if (!existing) throw new Error("the demo has accounts");
    // A primary key taken twice: the driver's error message would carry every parameter, the e-mail address too.
    const err = await h.deps.db
      .insert(accounts)
      .values({ ...existing, email })
      .then(
        () => null,
        (e: Error) => e,
      );
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain(email);
    const logged = JSON.stringify(loggableError(err as Error));
    expect(logged).not.toContain(email);
    expect(logged).toContain("insert into");
    expect(logged).toMatch(/"stack":"\s*at /);
  });
});

describe("security headers and same origin", () => {
  it("sets a strict CSP, no framing, nosniff and no-store on the API", async () => {
    const res = await h.request(HET_BAKEN, "GET", "/api/organization");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses a state change from another origin or without one, whatever the content type", async () => {
    const body = { email: "ouder@example.com", password: "Demo-wachtwoord-2026!" };
    expect((await h.request(HET_BAKEN, "POST", "/api/auth/login", { body, origin: "http://evil.example" })).status).toBe(403);
    expect((await h.request(HET_BAKEN, "POST", "/api/auth/login", { body, origin: null })).status).toBe(403);
    const form = await h.app.request("/api/auth/logout", {
      method: "POST",
      headers: { Host: HET_BAKEN, "Content-Type": "application/x-www-form-urlencoded" },
      body: "a=b",
    });
    expect(form.status).toBe(403);
  });

  it("the session cookie is HttpOnly and SameSite, and renewed after the second factor", async () => {
    const login = await h.request(HET_BAKEN, "POST", "/api/auth/login", {
      body: { email: "client@example.com", password: "Demo-wachtwoord-2026!" },
    });
    const setCookie = login.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const half = cookiesFrom(login);
    const full = await h.login(HET_BAKEN, "client@example.com");
    expect(full).not.toBe(half);
    expect((await h.request(HET_BAKEN, "GET", "/api/me", { cookie: half })).status).toBe(401);
  });
});

describe("organizations are apart", () => {
  it("a Het Baken account cannot log in at Noorderlicht, and its cookie means nothing there", async () => {
    const res = await h.request(NOORDERLICHT, "POST", "/api/auth/login", {
      body: { email: "ouder@example.com", password: "Demo-wachtwoord-2026!" },
    });
    expect(res.status).toBe(401);
    const cookie = await h.login(HET_BAKEN, "ouder@example.com");
    expect((await h.request(NOORDERLICHT, "GET", "/api/me", { cookie })).status).toBe(401);
  });
});

describe("security keys at login", () => {
  it("are refused when the account has none, when malformed, and when not signed over our challenge", async () => {
    const login = await h.request(HET_BAKEN, "POST", "/api/auth/login", {
      body: { email: "begeleider@hetbaken.example", password: "Demo-wachtwoord-2026!" },
    });
    const half = cookiesFrom(login);
    expect((await h.request(HET_BAKEN, "POST", "/api/auth/webauthn/options", { cookie: half })).status).toBe(400);
    expect(
      (await h.request(HET_BAKEN, "POST", "/api/auth/webauthn/verify", { cookie: half, body: { credential: { id: "<script>" } } })).status,
    ).toBe(400);
    const bogus = {
      id: "AAAA",
      rawId: "AAAA",
      type: "public-key",
      response: { clientDataJSON: "AAAA", authenticatorData: "AAAA", signature: "AAAA" },
      clientExtensionResults: {},
    };
    const res = await h.request(HET_BAKEN, "POST", "/api/auth/webauthn/verify", { cookie: half, body: { credential: bogus } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.code).toBe("key_refused");
    expect((await h.request(HET_BAKEN, "GET", "/api/me", { cookie: half })).status).toBe(401);
  });
});
