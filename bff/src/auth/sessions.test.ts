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
  const row = h.deps.db.$client.prepare("SELECT id, org_id FROM accounts WHERE email = 'ouder@example.com'").get() as {
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
  it("store the SHA-256 of the token, never the token", () => {
    const { token, session } = start(Date.now());
    expect(session.id).not.toBe(token);
    expect(h.deps.db.$client.prepare("SELECT count(*) n FROM sessions WHERE id = ?").get(token)).toEqual({ n: 0 });
    expect(validateSessionToken(h.deps.db, orgId, token, policy)?.id).toBe(session.id);
    expect(validateSessionToken(h.deps.db, "other-org", token, policy)).toBeNull();
  });

  it("end after 30 minutes without activity, and activity keeps them going", () => {
    const t0 = Date.now();
    const { token } = start(t0);
    expect(validateSessionToken(h.deps.db, orgId, token, policy, t0 + 20 * MIN)).not.toBeNull();
    // Active at 20 minutes: alive at 45, gone at 51.
    expect(validateSessionToken(h.deps.db, orgId, token, policy, t0 + 45 * MIN)).not.toBeNull();
    expect(validateSessionToken(h.deps.db, orgId, token, policy, t0 + 45 * MIN + 30 * MIN)).toBeNull();
  });

  it("end after 12 hours whatever the activity", () => {
    const t0 = Date.now();
    const { token } = start(t0);
    for (let t = t0; t < t0 + 12 * 60 * MIN; t += 20 * MIN) expect(validateSessionToken(h.deps.db, orgId, token, policy, t)).not.toBeNull();
    expect(validateSessionToken(h.deps.db, orgId, token, policy, t0 + 12 * 60 * MIN)).toBeNull();
  });

  it("give a half login (password only) ten minutes", () => {
    const t0 = Date.now();
    const { token } = start(t0, false);
    expect(validateSessionToken(h.deps.db, orgId, token, policy, t0 + 9 * MIN)).not.toBeNull();
    expect(validateSessionToken(h.deps.db, orgId, token, policy, t0 + 10 * MIN)).toBeNull();
  });

  it("refuse tokens of the wrong shape without a lookup", () => {
    expect(validateSessionToken(h.deps.db, orgId, "' OR 1=1 --", policy)).toBeNull();
  });
});
