// Link tokens and e-mailed codes: expiry, single use, limited tries, only hashes stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAccountByEmail } from "../db/accounts";
import { type Harness, makeHarness } from "../test-support/app-harness";
import { issueEmailCode, verifyEmailCode } from "./email-codes";
import { countLinkAttempt, findLinkToken, issueLinkToken, useLinkToken } from "./link-tokens";

let h: Harness;
let orgId: string;
let accountId: string;
beforeAll(async () => {
  h = await makeHarness();
  const account = (await h.deps.db.$raw.get("SELECT id, org_id FROM accounts WHERE email = ?", "ouder@example.com")) as {
    id: string;
    org_id: string;
  };
  orgId = account.org_id;
  accountId = account.id;
});
afterAll(() => h.close());

describe("link tokens", () => {
  it("stores only a hash, works until used, then never again", async () => {
    const token = await issueLinkToken(h.deps.db, { orgId, accountId, purpose: "reset", ttlMs: 60_000 });
    const stored = (await h.deps.db.$raw.get(
      "SELECT token_hash FROM one_time_tokens WHERE account_id = ? AND purpose = 'reset' AND used_at IS NULL",
      accountId,
    )) as { token_hash: string };
    expect(stored.token_hash).not.toBe(token);
    expect(stored.token_hash).toMatch(/^[a-f0-9]{64}$/);
    const found = await findLinkToken(h.deps.db, orgId, "reset", token);
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    await useLinkToken(h.deps.db, found.row.id);
    expect(await findLinkToken(h.deps.db, orgId, "reset", token)).toEqual({ ok: false, reason: "used" });
  });

  it("expires, and is scoped by organization and purpose", async () => {
    const now = Date.now();
    const token = await issueLinkToken(h.deps.db, { orgId, accountId, purpose: "activation", ttlMs: 1000 }, now);
    expect((await findLinkToken(h.deps.db, orgId, "activation", token, now + 999)).ok).toBe(true);
    expect(await findLinkToken(h.deps.db, orgId, "activation", token, now + 1000)).toEqual({ ok: false, reason: "expired" });
    expect(await findLinkToken(h.deps.db, "another-org", "activation", token, now)).toEqual({ ok: false, reason: "unknown" });
    expect(await findLinkToken(h.deps.db, orgId, "reset", token, now)).toEqual({ ok: false, reason: "unknown" });
  });

  it("a newer link replaces the older one", async () => {
    const first = await issueLinkToken(h.deps.db, { orgId, accountId, purpose: "activation", ttlMs: 60_000 });
    const second = await issueLinkToken(h.deps.db, { orgId, accountId, purpose: "activation", ttlMs: 60_000 });
    expect(await findLinkToken(h.deps.db, orgId, "activation", first)).toEqual({ ok: false, reason: "used" });
    expect((await findLinkToken(h.deps.db, orgId, "activation", second)).ok).toBe(true);
  });

  it("dies after five wrong answers", async () => {
    const token = await issueLinkToken(h.deps.db, { orgId, accountId, purpose: "activation", ttlMs: 60_000 });
    for (let left = 4; left >= 0; left--) {
      const found = await findLinkToken(h.deps.db, orgId, "activation", token);
      if (!found.ok) throw new Error("link died early");
      expect(await countLinkAttempt(h.deps.db, found.row)).toBe(left);
    }
    expect(await findLinkToken(h.deps.db, orgId, "activation", token)).toEqual({ ok: false, reason: "too_many_attempts" });
  });
});

describe("e-mailed codes", () => {
  it("are six digits, single use", async () => {
    const code = await issueEmailCode(h.deps.db, orgId, accountId);
    expect(code).toMatch(/^\d{6}$/);
    expect(await verifyEmailCode(h.deps.db, accountId, code)).toBe("ok");
    expect(await verifyEmailCode(h.deps.db, accountId, code)).toBe("no_code");
  });

  it("expire after 10 minutes", async () => {
    const now = Date.now();
    const code = await issueEmailCode(h.deps.db, orgId, accountId, now);
    expect(await verifyEmailCode(h.deps.db, accountId, code, now + 10 * 60_000)).toBe("expired");
  });

  it("allow five tries, then not even the right code works", async () => {
    const code = await issueEmailCode(h.deps.db, orgId, accountId);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 4; i++) expect(await verifyEmailCode(h.deps.db, accountId, wrong)).toBe("wrong");
    expect(await verifyEmailCode(h.deps.db, accountId, wrong)).toBe("too_many_attempts");
    expect(await verifyEmailCode(h.deps.db, accountId, code)).toBe("too_many_attempts");
  });

  it("of one account do not work for another", async () => {
    const other = await findAccountByEmail(h.deps.db, orgId, "client@example.com");
    if (!other) throw new Error("demo account missing");
    const code = await issueEmailCode(h.deps.db, orgId, accountId);
    expect(await verifyEmailCode(h.deps.db, other.id, code)).toBe("no_code");
  });
});
