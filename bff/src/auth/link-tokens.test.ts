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
  const account = h.deps.db.$client.prepare("SELECT id, org_id FROM accounts WHERE email = ?").get("ouder@example.com") as {
    id: string;
    org_id: string;
  };
  orgId = account.org_id;
  accountId = account.id;
});
afterAll(() => h.close());

describe("link tokens", () => {
  it("stores only a hash, works until used, then never again", () => {
    const token = issueLinkToken(h.deps.db, { orgId, accountId, purpose: "reset", ttlMs: 60_000 });
    const stored = h.deps.db.$client
      .prepare("SELECT token_hash FROM one_time_tokens WHERE account_id = ? AND purpose = 'reset' AND used_at IS NULL")
      .get(accountId) as { token_hash: string };
    expect(stored.token_hash).not.toBe(token);
    expect(stored.token_hash).toMatch(/^[a-f0-9]{64}$/);
    const found = findLinkToken(h.deps.db, orgId, "reset", token);
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    useLinkToken(h.deps.db, found.row.id);
    expect(findLinkToken(h.deps.db, orgId, "reset", token)).toEqual({ ok: false, reason: "used" });
  });

  it("expires, and is scoped by organization and purpose", () => {
    const now = Date.now();
    const token = issueLinkToken(h.deps.db, { orgId, accountId, purpose: "activation", ttlMs: 1000 }, now);
    expect(findLinkToken(h.deps.db, orgId, "activation", token, now + 999).ok).toBe(true);
    expect(findLinkToken(h.deps.db, orgId, "activation", token, now + 1000)).toEqual({ ok: false, reason: "expired" });
    expect(findLinkToken(h.deps.db, "another-org", "activation", token, now)).toEqual({ ok: false, reason: "unknown" });
    expect(findLinkToken(h.deps.db, orgId, "reset", token, now)).toEqual({ ok: false, reason: "unknown" });
  });

  it("a newer link replaces the older one", () => {
    const first = issueLinkToken(h.deps.db, { orgId, accountId, purpose: "activation", ttlMs: 60_000 });
    const second = issueLinkToken(h.deps.db, { orgId, accountId, purpose: "activation", ttlMs: 60_000 });
    expect(findLinkToken(h.deps.db, orgId, "activation", first)).toEqual({ ok: false, reason: "used" });
    expect(findLinkToken(h.deps.db, orgId, "activation", second).ok).toBe(true);
  });

  it("dies after five wrong answers", () => {
    const token = issueLinkToken(h.deps.db, { orgId, accountId, purpose: "activation", ttlMs: 60_000 });
    for (let left = 4; left >= 0; left--) {
      const found = findLinkToken(h.deps.db, orgId, "activation", token);
      if (!found.ok) throw new Error("link died early");
      expect(countLinkAttempt(h.deps.db, found.row)).toBe(left);
    }
    expect(findLinkToken(h.deps.db, orgId, "activation", token)).toEqual({ ok: false, reason: "too_many_attempts" });
  });
});

describe("e-mailed codes", () => {
  it("are six digits, single use", () => {
    const code = issueEmailCode(h.deps.db, orgId, accountId);
    expect(code).toMatch(/^\d{6}$/);
    expect(verifyEmailCode(h.deps.db, accountId, code)).toBe("ok");
    expect(verifyEmailCode(h.deps.db, accountId, code)).toBe("no_code");
  });

  it("expire after 10 minutes", () => {
    const now = Date.now();
    const code = issueEmailCode(h.deps.db, orgId, accountId, now);
    expect(verifyEmailCode(h.deps.db, accountId, code, now + 10 * 60_000)).toBe("expired");
  });

  it("allow five tries, then not even the right code works", () => {
    const code = issueEmailCode(h.deps.db, orgId, accountId);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 4; i++) expect(verifyEmailCode(h.deps.db, accountId, wrong)).toBe("wrong");
    expect(verifyEmailCode(h.deps.db, accountId, wrong)).toBe("too_many_attempts");
    expect(verifyEmailCode(h.deps.db, accountId, code)).toBe("too_many_attempts");
  });

  it("of one account do not work for another", () => {
    const other = findAccountByEmail(h.deps.db, orgId, "client@example.com");
    if (!other) throw new Error("demo account missing");
    const code = issueEmailCode(h.deps.db, orgId, accountId);
    expect(verifyEmailCode(h.deps.db, other.id, code)).toBe("no_code");
  });
});
