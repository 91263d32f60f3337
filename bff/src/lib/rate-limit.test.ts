// Rate limits are counted in the database: two portal instances on one data folder (as several processes
// on one database will be) count the same attempts, the window follows the injected clock, and ended
// windows are swept.
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { loadConfig } from "../config";
import { LONGEST_WINDOW_MS, sweepRateLimits } from "../db/rate-limits";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../demo/seed";
import { createDeps } from "../deps";
import { cookiesFrom, type Harness, HET_BAKEN, makeHarness } from "../test-support/app-harness";
import { createRateLimiter } from "./rate-limit";

let h: Harness;
let other: { app: ReturnType<typeof createApp>; deps: Awaited<ReturnType<typeof createDeps>> };

beforeAll(async () => {
  h = await makeHarness();
  // A second app on the same data folder, or the same PostgreSQL database (the instance lock is taken by
  // server.ts only), on the same clock.
  const databaseUrl = h.deps.config.databaseUrl;
  const deps = await createDeps(
    loadConfig({ ...process.env, DATA_DIR: h.dataDir, DEMO: "1", WEB_DIST: "", ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }),
    () => h.deps.clock(),
  );
  other = { app: createApp(deps), deps };
});
afterAll(async () => {
  await other.deps.db.$raw.close();
  await h.close();
});

/** Sends to the first app on even turns, to the second on odd ones. */
function requestOn(turn: number, method: string, url: string, opts: { body?: unknown; cookie?: string } = {}) {
  if (turn % 2 === 0) return h.request(HET_BAKEN, method, url, opts);
  const headers: Record<string, string> = { Host: HET_BAKEN, Origin: `http://${HET_BAKEN}`, "Content-Type": "application/json" };
  if (opts.cookie) headers.Cookie = opts.cookie;
  return Promise.resolve(other.app.request(url, { method, headers, body: JSON.stringify(opts.body) }));
}

/** A six-digit code that no step of the zorg window (10 back, 1 ahead) accepts now. */
function wrongCode(): string {
  const key = decodeBase32IgnorePadding(DEMO_TOTP_SECRET);
  const now = Math.floor(Date.now() / 30_000);
  const valid = new Set(Array.from({ length: 14 }, (_, i) => generateHOTP(key, BigInt(now - 11 + i), 6)));
  let n = 123_456;
  while (valid.has(String(n).padStart(6, "0"))) n++;
  return String(n).padStart(6, "0");
}

const rows = () => h.deps.db.$raw.all<{ key: string; count: number }>("SELECT key, window_start, count FROM rate_limits");

describe("rate limits shared by several portal instances", () => {
  it("wrong codes spread over two instances hit the per-session limit together (5, not 5 on each)", async () => {
    const login = await h.request(HET_BAKEN, "POST", "/api/auth/login", {
      body: { email: "begeleider@hetbaken.example", password: DEMO_PASSWORD },
    });
    expect(login.status).toBe(200);
    const cookie = cookiesFrom(login);
    const statuses: number[] = [];
    for (let turn = 0; turn < 6; turn++) {
      const res = await requestOn(turn, "POST", "/api/auth/totp", { cookie, body: { code: wrongCode(), trustDevice: false } });
      statuses.push(res.status);
    }
    // Three wrong codes on each instance would each be under a limit of 5 kept in memory.
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    // The 429 ended the session on the one instance; the other sees that too.
    const after = await requestOn(0, "POST", "/api/auth/totp", { cookie, body: { code: wrongCode(), trustDevice: false } });
    expect(after.status).toBe(401);
  });

  it("reset requests from one address are limited across both instances, and the window restarts when the clock moves on", async () => {
    const start = Date.now();
    h.setClock(start);
    try {
      const ask = (turn: number) =>
        requestOn(turn, "POST", "/api/auth/password-reset/request", { body: { email: `niemand${turn}@example.nl` } });
      for (let turn = 0; turn < 20; turn++) expect((await ask(turn)).status).toBe(200);
      expect((await ask(20)).status).toBe(429);
      expect((await ask(21)).status).toBe(429);
      // Still inside the 15 minutes: refused.
      h.setClock(start + 15 * 60_000 - 1);
      expect((await ask(22)).status).toBe(429);
      // The window has ended: a new one starts, on either instance.
      h.setClock(start + 15 * 60_000);
      expect((await ask(23)).status).toBe(200);
      expect((await ask(24)).status).toBe(200);
      const resetIp = (await rows()).find((r) => r.key.startsWith("reset-ip:"));
      expect(resetIp?.count).toBe(2);
    } finally {
      // The requests' audit rows are written after the answer (setImmediate): let them land.
      await new Promise((resolve) => setTimeout(resolve, 50));
      h.setClock(null);
    }
  });
});

describe("the limiter and its table", () => {
  it("counts per name and key, resets a key, and refuses a window the sweeper would cut short", async () => {
    const at = 1_796_000_000_000;
    const deps = { db: h.deps.db, clock: () => at };
    const a = createRateLimiter("test-a", 2, 60_000);
    const b = createRateLimiter("test-b", 2, 60_000);
    expect([await a.consume(deps, "k"), await a.consume(deps, "k"), await a.consume(deps, "k")]).toEqual([true, true, false]);
    // Another limit with the same key, and the same limit with another key, count on their own.
    expect(await b.consume(deps, "k")).toBe(true);
    expect(await a.consume(deps, "other")).toBe(true);
    // The other instance shares the counts.
    expect(await a.consume({ db: other.deps.db, clock: () => at }, "k")).toBe(false);
    await a.reset({ db: other.deps.db, clock: () => at }, "k");
    expect(await a.consume(deps, "k")).toBe(true);
    expect(() => createRateLimiter("test-c", 1, LONGEST_WINDOW_MS + 1)).toThrow(/window/);
  });

  it("the sweep removes windows that have surely ended, in bounded batches, and keeps current ones", async () => {
    const at = 1_797_000_000_000;
    const db = h.deps.db;
    await db.$raw.run("DELETE FROM rate_limits");
    const insert = (key: string, windowStart: number) =>
      db.$raw.run("INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 1)", key, windowStart);
    for (let i = 0; i < 25; i++) await insert(`old:${i}`, at - LONGEST_WINDOW_MS - i);
    for (let i = 0; i < 3; i++) await insert(`current:${i}`, at - LONGEST_WINDOW_MS + 1 + i);
    // At most two batches of ten per call: 20 go, 5 old ones wait for the next sweep.
    expect(await sweepRateLimits(db, at, { batch: 10, maxBatches: 2 })).toBe(20);
    expect(await sweepRateLimits(db, at, { batch: 10, maxBatches: 2 })).toBe(5);
    expect((await rows()).map((r) => r.key).sort()).toEqual(["current:0", "current:1", "current:2"]);
  });
});
