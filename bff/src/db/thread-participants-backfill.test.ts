// The backfill in migration 0017 (issue 14): existing conversations keep the portal people who had access
// when they started, their portal starter and anyone from the portal who wrote in them; a later joiner
// who never wrote is not added. Runs the migration's own SQL on a seeded database.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activateContact, type Harness, HET_BAKEN, makeHarness } from "../test-support/app-harness";

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

function backfill() {
  const dir = path.join(import.meta.dirname, "migrations");
  const file = fs.readdirSync(dir).find((f) => f.endsWith("_thread_participants.sql"));
  const sql = fs.readFileSync(path.join(dir, file ?? ""), "utf8");
  for (const statement of sql.split("--> statement-breakpoint").filter((s) => s.includes("INSERT OR IGNORE INTO `thread_participants`")))
    h.deps.db.$client.exec(statement);
}

describe("thread participants backfill", () => {
  it("adds who had access when a thread started, its portal starter and portal writers; not later joiners", async () => {
    const db = h.deps.db.$client;
    const id = (email: string) => (db.prepare("SELECT id FROM accounts WHERE email = ?").get(email) as { id: string }).id;
    const staff = await h.login(HET_BAKEN, "secretariaat@hetbaken.example");
    const sanne = (db.prepare("SELECT id FROM clients WHERE first_name = 'Sanne' AND last_name = 'Jansen'").get() as { id: string }).id;
    const person = (firstName: string, email: string) => ({ firstName, lastName: "Later", email, birthDate: "2012-03-14" });
    await activateContact(h, HET_BAKEN, staff, sanne, person("Stil", "stil.later@example.org"));
    await activateContact(h, HET_BAKEN, staff, sanne, person("Schrijver", "schrijver.later@example.org"));
    const thread = db.prepare("SELECT id, created_at FROM message_threads WHERE client_id = ? LIMIT 1").get(sanne) as {
      id: string;
      created_at: number;
    };
    // The parent's grant existed before the thread; the two others came later; one of them wrote in it.
    db.prepare("UPDATE portal_grants SET created_at = ? WHERE account_id = ? AND client_id = ?").run(
      thread.created_at - 1,
      id("ouder@example.com"),
      sanne,
    );
    const org = (db.prepare("SELECT org_id FROM clients WHERE id = ?").get(sanne) as { org_id: string }).org_id;
    db.prepare(
      "INSERT INTO messages (id, org_id, thread_id, sender_id, body, created_at) VALUES ('backfillmsg01', ?, ?, ?, 'Ik was er al bij', ?)",
    ).run(org, thread.id, id("schrijver.later@example.org"), thread.created_at + 10);
    db.prepare("DELETE FROM thread_participants").run();

    backfill();
    const participants = (
      db.prepare("SELECT account_id FROM thread_participants WHERE thread_id = ?").all(thread.id) as { account_id: string }[]
    )
      .map((r) => r.account_id)
      .sort();
    expect(participants).toEqual([id("ouder@example.com"), id("schrijver.later@example.org")].sort());
    expect(participants).not.toContain(id("stil.later@example.org"));
    // Running it again changes nothing.
    backfill();
    expect((db.prepare("SELECT count(*) n FROM thread_participants WHERE thread_id = ?").get(thread.id) as { n: number }).n).toBe(2);
  });
});
