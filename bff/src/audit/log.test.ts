// The audit log is append-only and hash-chained: tampering is found and located.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, HET_BAKEN, makeHarness } from "../test-support/app-harness";
import type { AuditKeys } from "./keys";
import { appendAudit, auditKeysOf } from "./log";
import { verifyAuditChain } from "./verify";

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
  await h.login(HET_BAKEN, "ouder@example.com");
  await h.login(HET_BAKEN, "beheer@hetbaken.example");
});
afterAll(() => h.close());

describe("audit log", () => {
  it("records logins with who, when, from where and the outcome", () => {
    const rows = h.deps.db.$client
      .prepare("SELECT actor_label, action, outcome, at, org_id FROM audit_log WHERE action = 'login'")
      .all() as { actor_label: string; outcome: string; org_id: string }[];
    expect(rows.map((r) => r.actor_label).sort()).toEqual(["beheer@hetbaken.example", "ouder@example.com"]);
    expect(rows.every((r) => r.outcome === "success" && r.org_id)).toBe(true);
    expect(verifyAuditChain(h.deps.db, auditKeysOf(h.deps.db) as AuditKeys)).toBeNull();
  });

  it("refuses updates and deletes", () => {
    expect(() => h.deps.db.$client.prepare("UPDATE audit_log SET outcome = 'failure'").run()).toThrow(/append-only/);
    expect(() => h.deps.db.$client.prepare("DELETE FROM audit_log").run()).toThrow(/append-only/);
  });

  it("finds the row where the chain breaks", () => {
    for (let i = 0; i < 5; i++)
      appendAudit(h.deps.db, { orgId: null, actorId: null, actorLabel: "test", action: `test.${i}`, outcome: "success" });
    const target = h.deps.db.$client.prepare("SELECT seq FROM audit_log WHERE action = 'test.2'").get() as { seq: number };
    // Someone with file access drops the guard and edits a row.
    h.deps.db.$client.exec("DROP TRIGGER audit_log_no_update");
    h.deps.db.$client.prepare("UPDATE audit_log SET details_json = '{\"x\":1}' WHERE seq = ?").run(target.seq);
    expect(verifyAuditChain(h.deps.db, auditKeysOf(h.deps.db) as AuditKeys)).toBe(target.seq);
  });
});
