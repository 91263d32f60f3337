// Test fixtures written straight into the e2e server's SQLite database (WAL allows a second writer),
// for dossier content whose staff screens arrive in later issues.
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

function dbPath(baseURL: string | undefined): string {
  const port = new URL(baseURL ?? "http://localhost:3100").port;
  return path.join(os.tmpdir(), `portaal-e2e-${port}`, "portaal.db");
}

const id = () => randomBytes(10).toString("hex").slice(0, 16);

/** One new item of every kind the Home overview counts, for `email` in the portal of `clientName`. */
export function addActivity(baseURL: string | undefined, email: string, clientName: string): void {
  const db = new Database(dbPath(baseURL));
  db.pragma("busy_timeout = 5000");
  try {
    const account = db.prepare("SELECT id, org_id FROM accounts WHERE email = ?").get(email) as { id: string; org_id: string };
    const [first, ...rest] = clientName.split(" ");
    const client = db
      .prepare("SELECT id FROM clients WHERE org_id = ? AND first_name = ? AND last_name = ?")
      .get(account.org_id, first, rest.join(" ")) as { id: string };
    const staff = db.prepare("SELECT staff_id FROM care_team WHERE client_id = ? LIMIT 1").get(client.id) as { staff_id: string };
    const now = Date.now();
    const tx = db.transaction(() => {
      for (const kind of ["document", "verslag"]) {
        const doc = id();
        db.prepare(
          "INSERT INTO documents (id, org_id, client_id, kind, title, doc_date, author, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, 'E2E', ?, ?)",
        ).run(doc, account.org_id, client.id, kind, `E2E ${kind}`, new Date(now).toISOString().slice(0, 10), staff.staff_id, now);
        db.prepare("INSERT INTO document_shares (org_id, document_id, account_id, shared_by, shared_at) VALUES (?, ?, ?, ?, ?)").run(
          account.org_id,
          doc,
          account.id,
          staff.staff_id,
          now,
        );
      }
      db.prepare(
        "INSERT INTO appointments (id, org_id, client_id, starts_at, duration_minutes, practitioner_id, practitioner_name, status, created_at, updated_at) VALUES (?, ?, ?, ?, 45, ?, 'E2E', 'geweest', ?, ?)",
      ).run(id(), account.org_id, client.id, now - 200, staff.staff_id, now, now);
      const thread = id();
      db.prepare(
        "INSERT INTO message_threads (id, org_id, client_id, subject, created_by, created_at, last_message_at) VALUES (?, ?, ?, 'E2E', ?, ?, ?)",
      ).run(thread, account.org_id, client.id, staff.staff_id, now, now);
      // A conversation staff start is for the portal's people they choose: here the parent.
      db.prepare("INSERT INTO thread_participants (org_id, thread_id, account_id, added_at, added_by) VALUES (?, ?, ?, ?, ?)").run(
        account.org_id,
        thread,
        account.id,
        now,
        staff.staff_id,
      );
      db.prepare("INSERT INTO messages (id, org_id, thread_id, sender_id, body, created_at) VALUES (?, ?, ?, ?, 'Hallo', ?)").run(
        id(),
        account.org_id,
        thread,
        staff.staff_id,
        now,
      );
      // Issue 11 point 9: a questionnaire set out for everyone in the portal is news too.
      const questionnaire = db.prepare("SELECT id FROM questionnaires WHERE org_id = ? LIMIT 1").get(account.org_id) as { id: string };
      db.prepare(
        "INSERT INTO assignments (id, org_id, questionnaire_id, client_id, account_id, status, assigned_by, assigned_at) VALUES (?, ?, ?, ?, NULL, 'open', ?, ?)",
      ).run(id(), account.org_id, questionnaire.id, client.id, staff.staff_id, now);
      db.prepare(
        "INSERT INTO diary_entries (id, org_id, client_id, account_id, entry_date, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'Een goede dag', ?, ?)",
      ).run(id(), account.org_id, client.id, account.id, new Date(now).toISOString().slice(0, 10), now, now);
    });
    tx();
  } finally {
    db.close();
  }
}
