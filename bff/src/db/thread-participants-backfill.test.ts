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

async function backfill() {
  const dir = path.join(import.meta.dirname, "migrations");
  const file = fs.readdirSync(dir).find((f) => f.endsWith("_thread_participants.sql"));
  const sql = fs.readFileSync(path.join(dir, file ?? ""), "utf8");
  for (const statement of sql.split("--> statement-breakpoint").filter((s) => s.includes("INSERT OR IGNORE INTO `thread_participants`")))
    await h.deps.db.$raw.run(statement);
}

// The backfill is in SQLite's migration only: a PostgreSQL database starts with the table (and no old threads).
describe.skipIf(process.env.TEST_DATABASE === "pg")("thread participants backfill", () => {
  it("adds who had access when a thread started, its portal starter and portal writers; not later joiners", async () => {
    const db = h.deps.db.$raw;
    const id = async (email: string) => ((await db.get("SELECT id FROM accounts WHERE email = ?", email)) as { id: string }).id;
    const staff = await h.login(HET_BAKEN, "secretariaat@hetbaken.example");
    const sanne = ((await db.get("SELECT id FROM clients WHERE first_name = 'Sanne' AND last_name = 'Jansen'")) as { id: string }).id;
    const person = (firstName: string, email: string) => ({ firstName, lastName: "Later", email, birthDate: "2012-03-14" });
    await activateContact(h, HET_BAKEN, staff, sanne, person("Stil", "stil.later@example.org"));
    await activateContact(h, HET_BAKEN, staff, sanne, person("Schrijver", "schrijver.later@example.org"));
    const thread = (await db.get("SELECT id, created_at FROM message_threads WHERE client_id = ? LIMIT 1", sanne)) as {
      id: string;
      created_at: number;
    };
    // The parent's grant existed before the thread; the two others came later; one of them wrote in it.
    await db.run(
      "UPDATE portal_grants SET created_at = ? WHERE account_id = ? AND client_id = ?",
      thread.created_at - 1,
      await id("ouder@example.com"),
      sanne,
    );
    const org = ((await db.get("SELECT org_id FROM clients WHERE id = ?", sanne)) as { org_id: string }).org_id;
    await db.run(
      "INSERT INTO messages (id, org_id, thread_id, sender_id, body, created_at) VALUES ('backfillmsg01', ?, ?, ?, 'Ik was er al bij', ?)",
      org,
      thread.id,
      await id("schrijver.later@example.org"),
      thread.created_at + 10,
    );
    await db.run("DELETE FROM thread_participants");

    await backfill();
    const participants = (await db.all<{ account_id: string }>("SELECT account_id FROM thread_participants WHERE thread_id = ?", thread.id))
      .map((r) => r.account_id)
      .sort();
    expect(participants).toEqual([await id("ouder@example.com"), await id("schrijver.later@example.org")].sort());
    expect(participants).not.toContain(await id("stil.later@example.org"));
    // Running it again changes nothing.
    await backfill();
    expect(((await db.get("SELECT count(*) n FROM thread_participants WHERE thread_id = ?", thread.id)) as { n: number }).n).toBe(2);
  });
});
