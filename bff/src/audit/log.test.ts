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
  it("records logins with who, when, from where and the outcome", async () => {
    const rows = await h.deps.db.$raw.all<{ actor_label: string; outcome: string; org_id: string }>(
      "SELECT actor_label, action, outcome, at, org_id FROM audit_log WHERE action = 'login'",
    );
    expect(rows.map((r) => r.actor_label).sort()).toEqual(["beheer@hetbaken.example", "ouder@example.com"]);
    expect(rows.every((r) => r.outcome === "success" && r.org_id)).toBe(true);
    expect(await verifyAuditChain(h.deps.db, auditKeysOf(h.deps.db) as AuditKeys)).toBeNull();
  });

  it("refuses updates and deletes", async () => {
    await expect(h.deps.db.$raw.run("UPDATE audit_log SET outcome = 'failure'")).rejects.toThrow(/append-only/);
    await expect(h.deps.db.$raw.run("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
  });

  it("finds the row where the chain breaks", async () => {
    for (let i = 0; i < 5; i++)
      await appendAudit(h.deps.db, { orgId: null, actorId: null, actorLabel: "test", action: `test.${i}`, outcome: "success" });
    const target = (await h.deps.db.$raw.get<{ seq: number | string }>("SELECT seq FROM audit_log WHERE action = 'test.2'")) as {
      seq: number | string;
    };
    const seq = Number(target.seq); // PostgreSQL's bigint comes as a string
    // Someone with file access drops the guard and edits a row.
    await h.deps.db.$raw.run(
      h.deps.db.$dialect === "pg" ? "DROP TRIGGER audit_log_no_update ON audit_log" : "DROP TRIGGER audit_log_no_update",
    );
    await h.deps.db.$raw.run("UPDATE audit_log SET details_json = '{\"x\":1}' WHERE seq = ?", seq);
    expect(await verifyAuditChain(h.deps.db, auditKeysOf(h.deps.db) as AuditKeys)).toBe(seq);
  });
});
