// Sessions: only the token's hash is stored; idle and absolute expiry; sliding activity.
import { PRESETS } from "@portaal/shared/policy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, makeHarness } from "../test-support/app-harness";
import { createSession, validateSessionToken } from "./sessions";

let h: Harness;
let orgId: string;
let accountId: string;
const policy = PRESETS.zorg;
const MIN = 60_000;

beforeAll(async () => {
  h = await makeHarness();
  const row = (await h.deps.db.$raw.get("SELECT id, org_id FROM accounts WHERE email = 'ouder@example.com'")) as {
    id: string;
    org_id: string;
  };
  orgId = row.org_id;
  accountId = row.id;
});
afterAll(() => h.close());

const start = (now: number, verified = true) =>
  createSession(h.deps.db, { orgId, accountId, secondFactorVerified: verified, ip: null, userAgent: null }, policy, now);

describe("sessions", () => {
  it("store the SHA-256 of the token, never the token", async () => {
    const { token, session } = await start(Date.now());
    expect(session.id).not.toBe(token);
    // count(*) is a bigint on PostgreSQL (a string from the driver): compared as a number on both.
    const stored = (await h.deps.db.$raw.get<{ n: number | string }>("SELECT count(*) n FROM sessions WHERE id = ?", token)) as {
      n: number;
    };
    expect(Number(stored.n)).toBe(0);
    expect((await validateSessionToken(h.deps.db, orgId, token, policy))?.id).toBe(session.id);
    expect(await validateSessionToken(h.deps.db, "other-org", token, policy)).toBeNull();
  });

  it("end after 30 minutes without activity, and activity keeps them going", async () => {
    const t0 = Date.now();
    const { token } = await start(t0);
    expect(await validateSessionToken(h.deps.db, orgId, token, policy, t0 + 20 * MIN)).not.toBeNull();
    // Active at 20 minutes: alive at 45, gone at 51.
    expect(await validateSessionToken(h.deps.db, orgId, token, policy, t0 + 45 * MIN)).not.toBeNull();
    expect(await validateSessionToken(h.deps.db, orgId, token, policy, t0 + 45 * MIN + 30 * MIN)).toBeNull();
  });

  it("end after 12 hours whatever the activity", async () => {
    const t0 = Date.now();
    const { token } = await start(t0);
    for (let t = t0; t < t0 + 12 * 60 * MIN; t += 20 * MIN)
      expect(await validateSessionToken(h.deps.db, orgId, token, policy, t)).not.toBeNull();
    expect(await validateSessionToken(h.deps.db, orgId, token, policy, t0 + 12 * 60 * MIN)).toBeNull();
  });

  it("give a half login (password only) ten minutes", async () => {
    const t0 = Date.now();
    const { token } = await start(t0, false);
    expect(await validateSessionToken(h.deps.db, orgId, token, policy, t0 + 9 * MIN)).not.toBeNull();
    expect(await validateSessionToken(h.deps.db, orgId, token, policy, t0 + 10 * MIN)).toBeNull();
  });

  it("refuse tokens of the wrong shape without a lookup", async () => {
    expect(await validateSessionToken(h.deps.db, orgId, "' OR 1=1 --", policy)).toBeNull();
  });
});
