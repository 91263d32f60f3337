// Browser security on every route of the route table: cookie attributes (and __Host-/Secure/HSTS in
// production), a new session id at login and at every step up, strict headers on every answer,
// cross-origin state changes refused whatever the content type, and no state change on GET.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../demo/seed";
import { cookiesFrom, freshTotp, type Harness, HET_BAKEN, makeHarness, NOORDERLICHT, recordConsent } from "../test-support/app-harness";
import { changedTables, dbFingerprint } from "../test-support/db-fingerprint";
import { endpointsOf, fillPath } from "../test-support/route-table";
import { actorFor, HOST, makeWorld, paramsFor, type World } from "../test-support/security-world";

let world: World;
let prod: Harness;
let webDist: string;
beforeAll(async () => {
  world = await makeWorld();
  webDist = fs.mkdtempSync(path.join(os.tmpdir(), "portaal-web-"));
  fs.mkdirSync(path.join(webDist, "assets"));
  fs.writeFileSync(
    path.join(webDist, "index.html"),
    '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head></html>',
  );
  fs.writeFileSync(path.join(webDist, "assets", "app.js"), "console.log(1)");
  prod = await makeHarness({ NODE_ENV: "production", WEB_DIST: webDist });
}, 120_000);
afterAll(async () => {
  await world.h.close();
  await prod.close();
  fs.rmSync(webDist, { recursive: true, force: true });
});

/** One request per route with a caller who may use it, and one without a session; `{}` as body. */
async function sampleEveryRoute(h: Harness, w: World | null): Promise<{ label: string; res: Response }[]> {
  const out: { label: string; res: Response }[] = [];
  for (const e of endpointsOf(h.app)) {
    const url = w ? fillPath(e.path, paramsFor(w, e.path, "A")) : e.path.replace(/:\w+/g, "abcdefgh23456789");
    const body = e.method === "GET" || e.method === "DELETE" ? undefined : {};
    const actor = w ? actorFor(world, e) : null;
    out.push({
      label: `${e.key} as ${actor?.name ?? "anonymous"}`,
      res: await h.request(HET_BAKEN, e.method, url, { cookie: actor?.cookie, body }),
    });
    if (actor) out.push({ label: `${e.key} anonymous`, res: await h.request(HET_BAKEN, e.method, url, { body }) });
  }
  // The error paths: an unknown route, an unknown host, a malformed body.
  out.push({ label: "unknown route", res: await h.request(HET_BAKEN, "GET", "/api/bestaat-niet") });
  out.push({ label: "unknown host", res: await h.request("elders.example", "GET", "/api/organization") });
  const headers = { Host: HET_BAKEN, Origin: `http://${HET_BAKEN}`, "Content-Type": "application/json" };
  out.push({ label: "malformed JSON", res: await h.app.request("/api/auth/login", { method: "POST", headers, body: "{" }) });
  return out;
}

function cspOf(res: Response): Record<string, string> {
  const csp = res.headers.get("content-security-policy") ?? "";
  return Object.fromEntries(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name as string, values.join(" ")]),
  );
}

/** What every answer must carry; returns what is missing. */
function headerProblems(res: Response, production: boolean, isApi = true): string[] {
  const problems: string[] = [];
  const csp = cspOf(res);
  const isFile = /attachment|inline/.test(res.headers.get("content-disposition") ?? "");
  const scripts = csp["script-src"] ?? csp["default-src"] ?? "";
  if (/unsafe-inline|unsafe-eval|\*/.test(scripts)) problems.push(`script-src allows ${scripts}`);
  // Nothing is framed (the SPA draws PDFs with pdf.js); a file keeps its own policy: it runs and loads nothing.
  const ancestors = csp["frame-ancestors"];
  if (ancestors !== "'none'") problems.push(`frame-ancestors ${ancestors}`);
  if (res.headers.get("x-frame-options") !== "DENY") problems.push(`X-Frame-Options ${res.headers.get("x-frame-options")}`);
  if (isFile && (csp["default-src"] !== "'none'" || !("sandbox" in csp)))
    problems.push(`file CSP ${res.headers.get("content-security-policy")}`);
  if (!isFile && !scripts) problems.push("no script-src or default-src");
  if (res.headers.get("x-content-type-options") !== "nosniff") problems.push("no nosniff");
  if (!/^(no-referrer|same-origin|strict-origin)/.test(res.headers.get("referrer-policy") ?? "")) problems.push("no Referrer-Policy");
  // API answers hold personal data: never stored. The SPA's HTML holds none and is revalidated on each load.
  const cache = res.headers.get("cache-control") ?? "";
  if (!(isApi ? /no-store/.test(cache) : /no-store|no-cache/.test(cache))) problems.push(`Cache-Control ${cache}`);
  if (res.headers.get("access-control-allow-origin")) problems.push("CORS header");
  const hsts = res.headers.get("strict-transport-security") ?? "";
  if (
    production &&
    !(/max-age=(\d+)/.exec(hsts) && Number(/max-age=(\d+)/.exec(hsts)?.[1]) >= 31_536_000 && /includeSubDomains/.test(hsts))
  )
    problems.push(`HSTS ${hsts}`);
  if (!production && hsts) problems.push("HSTS over plain http");
  for (const c of res.headers.getSetCookie()) {
    if (!/;\s*HttpOnly/i.test(c)) problems.push(`cookie not HttpOnly: ${c}`);
    if (!/;\s*SameSite=(Lax|Strict)/i.test(c)) problems.push(`cookie without SameSite: ${c}`);
    if (production && !(/^__Host-/.test(c) && /;\s*Secure/i.test(c) && /;\s*Path=\/(;|$)/i.test(c) && !/;\s*Domain=/i.test(c)))
      problems.push(`cookie not __Host-/Secure in production: ${c}`);
  }
  return problems;
}

describe("headers on every answer", () => {
  it("development: strict CSP, no framing, nosniff, Referrer-Policy, no-store, HttpOnly SameSite cookies, no HSTS", async () => {
    const sampled = await sampleEveryRoute(world.h, world);
    const wrong = sampled.flatMap(({ label, res }) => headerProblems(res, false).map((p) => `${label} (${res.status}): ${p}`));
    console.log(`[browser security] ${sampled.length} answers checked (development)`);
    expect(wrong).toEqual([]);
    // Logging in sets a cookie: its attributes were checked above, here it is there at all.
    const login = await world.h.request(HET_BAKEN, "POST", "/api/auth/login", {
      body: { email: "client@example.com", password: DEMO_PASSWORD },
    });
    expect(login.headers.getSetCookie().join()).toMatch(/^portaal_sessie=[a-z2-7]{32};.*HttpOnly.*SameSite=Lax/);
    expect(headerProblems(login, false)).toEqual([]);
  });

  it("production: the same, plus __Host- Secure cookies and HSTS on every answer, the SPA included", async () => {
    const sampled = await sampleEveryRoute(prod, null);
    const login = await prod.request(HET_BAKEN, "POST", "/api/auth/login", {
      body: { email: "ouder@example.com", password: DEMO_PASSWORD },
    });
    const half = cookiesFrom(login);
    const totp = await prod.request(HET_BAKEN, "POST", "/api/auth/totp", {
      cookie: half,
      body: { code: freshTotp(`prod/${HET_BAKEN}/ouder@example.com`), trustDevice: true },
    });
    const full = cookiesFrom(totp, half);
    const logout = await prod.request(HET_BAKEN, "POST", "/api/auth/logout", { cookie: full });
    sampled.push(
      { label: "login", res: login },
      { label: "second factor with trusted device", res: totp },
      { label: "logout", res: logout },
      { label: "the SPA", res: await prod.request(HET_BAKEN, "GET", "/portaal/abc/dossier") },
      { label: "an asset", res: await prod.request(HET_BAKEN, "GET", "/assets/app.js") },
    );
    const setCookies = [login, totp, logout].flatMap((r) => r.headers.getSetCookie());
    expect(setCookies.some((c) => c.startsWith("__Host-portaal_sessie="))).toBe(true);
    expect(setCookies.some((c) => c.startsWith("__Host-portaal_apparaat=") && /SameSite=Strict/.test(c))).toBe(true);
    expect(logout.headers.getSetCookie().join()).toMatch(/__Host-portaal_sessie=;.*Max-Age=0/);
    const wrong = sampled.flatMap(({ label, res }) =>
      headerProblems(res, true, !(label === "the SPA" || label === "an asset" || label.startsWith("GET /* ")))
        // Static assets are public and immutable: cached on purpose, they hold no personal data.
        .filter((p) => !(label === "an asset" && p.startsWith("Cache-Control")))
        .map((p) => `${label} (${res.status}): ${p}`),
    );
    console.log(`[browser security] ${sampled.length} answers checked (production)`);
    expect(wrong).toEqual([]);
    // The SPA's HTML is revalidated on every load, and served with the same CSP.
    const spa = sampled.find((s) => s.label === "the SPA")?.res as Response;
    expect(spa.status).toBe(200);
    expect(cspOf(spa)["script-src"]).toBe("'self'");
  });
});

describe("session ids", () => {
  it("a new session id at login (a planted cookie is never adopted) and again after the second factor", async () => {
    const h = world.h;
    const planted = `portaal_sessie=${"a".repeat(32)}`;
    const login = await h.request(HET_BAKEN, "POST", "/api/auth/login", {
      cookie: planted,
      body: { email: "begeleider@hetbaken.example", password: DEMO_PASSWORD },
    });
    const half = cookiesFrom(login, planted);
    expect(half).not.toBe(planted);
    const totp = await h.request(HET_BAKEN, "POST", "/api/auth/totp", {
      cookie: half,
      body: { code: freshTotp(`${HET_BAKEN}/begeleider@hetbaken.example`), trustDevice: false },
    });
    expect(totp.status).toBe(200);
    const full = cookiesFrom(totp, half);
    expect(full).not.toBe(half);
    // The password-only session is gone: it cannot be finished or used again.
    expect((await h.request(HET_BAKEN, "GET", "/api/me", { cookie: half })).status).toBe(401);
    expect(
      (await h.request(HET_BAKEN, "POST", "/api/auth/totp", { cookie: half, body: { code: "123456", trustDevice: false } })).status,
    ).toBe(401);
    expect((await h.request(HET_BAKEN, "GET", "/api/me", { cookie: full })).status).toBe(200);
    // Logging in again from a signed-in browser replaces that session too.
    const again = await h.request(HET_BAKEN, "POST", "/api/auth/login", {
      cookie: full,
      body: { email: "begeleider@hetbaken.example", password: DEMO_PASSWORD },
    });
    expect(cookiesFrom(again, full)).not.toBe(full);
    expect((await h.request(HET_BAKEN, "GET", "/api/me", { cookie: full })).status).toBe(401);
  });

  it("a new session id after an e-mailed code (ggz, no own factor yet)", async () => {
    const h = world.h;
    const staff = await h.login(NOORDERLICHT, "secretariaat@noorderlicht.example");
    const ruben = world.objects.B.clientId as string;
    const add = await h.request(NOORDERLICHT, "POST", `/api/beheer/clients/${ruben}/relations`, {
      cookie: staff,
      body: { firstName: "Code", lastName: "Mail", email: "code.mail@example.org", role: "verwant", gezag: false },
    });
    const { contactId, id: relationId } = (await add.json()) as { contactId: string; id: string };
    await recordConsent(h, NOORDERLICHT, staff, ruben, relationId);
    await h.request(NOORDERLICHT, "POST", `/api/beheer/clients/${ruben}/access/activate`, {
      cookie: staff,
      body: { personType: "contact", personId: contactId },
    });
    // The newest mail (the two to this address are made requests apart; the id only breaks a tie, as in listMailbox).
    const mail = async (email: string) =>
      (
        (await h.deps.db.$raw.get(
          "SELECT text_body FROM mail_outbox WHERE to_address = ? ORDER BY created_at DESC, id DESC LIMIT 1",
          email,
        )) as { text_body: string }
      ).text_body;
    const token = /\/activeren#([a-z2-7]{32})/.exec(await mail("code.mail@example.org"))?.[1];
    const step = (p: string, body: object = {}) => h.request(NOORDERLICHT, "POST", `/api/activation/${p}`, { body: { token, ...body } });
    await step("birth-date", { birthDate: "1991-11-30" });
    await step("password", { password: "Een-Heel-Sterk-Wachtwoord-9!" });
    await step("skip-factor");
    expect((await step("finish", { acceptTerms: true })).status).toBe(200);

    const login = await h.request(NOORDERLICHT, "POST", "/api/auth/login", {
      body: { email: "code.mail@example.org", password: "Een-Heel-Sterk-Wachtwoord-9!" },
    });
    expect(await login.json()).toMatchObject({ step: "second-factor", factors: ["email"] });
    const half = cookiesFrom(login);
    expect((await h.request(NOORDERLICHT, "POST", "/api/auth/email-code/send", { cookie: half })).status).toBe(200);
    const code = /Uw verificatiecode is: (\d+)/.exec(await mail("code.mail@example.org"))?.[1];
    const verify = await h.request(NOORDERLICHT, "POST", "/api/auth/email-code/verify", { cookie: half, body: { code } });
    expect(verify.status).toBe(200);
    const full = cookiesFrom(verify, half);
    expect(full).not.toBe(half);
    expect((await h.request(NOORDERLICHT, "GET", "/api/me", { cookie: half })).status).toBe(401);
    expect((await h.request(NOORDERLICHT, "GET", "/api/me", { cookie: full })).status).toBe(200);
  });
});

describe("cross-origin state changes", () => {
  it("are refused on every state-changing route, whatever the content type, and change nothing", async () => {
    const h = world.h;
    const bodies: [string, string][] = [
      ["application/json", "{}"],
      ["application/x-www-form-urlencoded", "a=b"],
      ["multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n'],
      ["text/plain", "{}"],
    ];
    const forged: Record<string, string>[] = [
      { Origin: "http://evil.example" },
      { Origin: `http://${HET_BAKEN}.evil.example` },
      { Origin: `http://${HET_BAKEN}:8080` },
      { Origin: "null" },
      { "Sec-Fetch-Site": "cross-site" },
      { "Sec-Fetch-Site": "same-site" },
      {},
    ];
    const before = await dbFingerprint(h.deps.db);
    let checked = 0;
    const wrong: string[] = [];
    for (const e of endpointsOf(h.app).filter((r) => r.method !== "GET")) {
      const actor = actorFor(world, e);
      const url = fillPath(e.path, paramsFor(world, e.path, "A"));
      for (const [type, body] of bodies)
        for (const origin of forged) {
          const headers: Record<string, string> = { Host: HET_BAKEN, "Content-Type": type, ...origin };
          if (actor?.cookie) headers.Cookie = actor.cookie;
          const res = await h.app.request(url, { method: e.method, headers, body: e.method === "DELETE" ? undefined : body });
          checked++;
          const code = res.status === 403 ? ((await res.json()) as { error: { code: string } }).error.code : "";
          if (code !== "cross_origin") wrong.push(`${e.key} ${type} ${JSON.stringify(origin)}: ${res.status}`);
        }
    }
    console.log(`[browser security] ${checked} cross-origin state changes refused`);
    expect(wrong).toEqual([]);
    expect(changedTables(before, await dbFingerprint(h.deps.db))).toEqual([]);
  });
});

describe("GET changes nothing", () => {
  it("every GET route, by every caller, leaves the data as it was (the audit log of the view itself aside)", async () => {
    const h = world.h;
    /**
     * What a read may write, by design: the NEN 7513 log of who viewed what (append-only), and the
     * reader's own "read up to" marker of a conversation (reading a thread marks it read).
     */
    const WRITTEN_BY_READS = ["audit_log", "thread_reads", "sessions"];
    const before = await dbFingerprint(h.deps.db, { skipTables: WRITTEN_BY_READS });
    const sessionIds = async () => new Set((await h.deps.db.$raw.all<{ id: string }>("SELECT id FROM sessions")).map((r) => r.id));
    const sessionsBefore = await sessionIds();
    const statusOf = async (id: string) =>
      (
        (await h.deps.db.$raw.get("SELECT a.status FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.id = ?", id)) as {
          status: string;
        }
      ).status;
    const leftovers: string[] = [];
    for (const id of sessionsBefore) if ((await statusOf(id)) !== "active") leftovers.push(id);
    // max(seq) is a bigint on PostgreSQL (a string from the driver).
    const auditBefore = Number(((await h.deps.db.$raw.get("SELECT max(seq) m FROM audit_log")) as { m: number }).m);
    let checked = 0;
    for (const e of endpointsOf(h.app).filter((r) => r.method === "GET")) {
      for (const actor of world.actors)
        for (const org of ["A", "B"] as const) {
          const url = fillPath(e.path, paramsFor(world, e.path, org));
          await h.request(HOST[actor.org], "GET", url, { cookie: actor.cookie });
          checked++;
        }
    }
    console.log(`[browser security] ${checked} GET requests changed nothing`);
    expect(changedTables(before, await dbFingerprint(h.deps.db, { skipTables: WRITTEN_BY_READS }))).toEqual([]);
    // Sessions: none made by a read; the only ones gone are sessions of accounts that are no longer active,
    // which the session check ends when it meets them (sliding expiry is left out of the checksum).
    const after = await sessionIds();
    expect([...after].filter((id) => !sessionsBefore.has(id))).toEqual([]);
    expect([...sessionsBefore].filter((id) => !after.has(id)).sort()).toEqual(leftovers.sort());
    // What the reads did log are views and lists, never changes.
    const actions = await h.deps.db.$raw.all<{ action: string }>("SELECT DISTINCT action FROM audit_log WHERE seq > ?", auditBefore);
    expect(actions.map((a) => a.action).filter((a) => !/(view|list|ics|download|view_shared)$/.test(a))).toEqual([]);
  });
});
