// Writes a deterministic dataset of one large organization straight into SQLite, in the rows the BFF itself writes.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { hashPassword } from "@portaal/bff/src/auth/password";
import { createSecretBox } from "@portaal/bff/src/auth/secret-box";
import { openSqlite } from "@portaal/bff/src/db/client";
import { FIRST_NAMES, LAST_NAMES, PLACES, STREETS } from "@portaal/bff/src/demo/names";
import { seededRandom as rng } from "@portaal/bff/src/lib/seeded-random";
import { PRESETS } from "@portaal/shared/policy";
import { openRawSqlite } from "./sqlite";

export const BENCH_PASSWORD = "Bench-wachtwoord-2026!";
export const BENCH_TOTP_SECRET = "JBSWY3DPEHPK3PXP";
/** Base64 of 32 fixed bytes: the BFF gets it as PORTAAL_SECRET_KEY, so it can open the TOTP keys written here. */
export const BENCH_SECRET_KEY = Buffer.alloc(32, 7).toString("base64");
export const BENCH_HOST = "127.0.0.1";

const DAY = 86_400_000;

/** Per client; the default scale (20,000 clients) gives 40k accounts, 400k documents, ~1M shares, 300k messages, 200k appointments, 1M audit rows. */
const PER_CLIENT = { documents: 20, appointments: 10, threads: 3, messagesPerThread: 5, audit: 50, diary: 2, shareChance: 0.84 };

export interface BenchSession {
  token: string;
  accountId: string;
  clientId: string;
  threadId: string;
}

export interface Dataset {
  dataDir: string;
  clients: number;
  counts: Record<string, number>;
  sessions: BenchSession[];
  /** E-mail addresses of active accounts with a TOTP key, each used for one login only (codes cannot be replayed). */
  loginEmails: string[];
  seconds: number;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function sha256Hex(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}

/**
 * The unkeyed form of the versions before the keyed chain (bff/src/audit/log.ts auditHash): the BFF takes
 * such a log as it is and seals it with a keyed marker row at its first start, as it does an old log.
 */
function auditHash(prev: string, r: (string | number | null)[]): string {
  return sha256Hex(JSON.stringify([prev, ...r]));
}

export async function generateDataset(
  dataDir: string,
  opts: { clients: number; sessions: number; logins: number; now?: number },
): Promise<Dataset> {
  const started = Date.now();
  const now = opts.now ?? Date.now();
  const r = rng(20_000 + opts.clients);
  const file = path.join(dataDir, "portaal.db");
  // The BFF's own opening creates the file (private) and applies every migration; then a plain handle loads.
  await openSqlite(file).$raw.close();
  const sql = openRawSqlite(file);
  // Bulk loading only: the BFF opens the file again with its own (durable) settings.
  sql.pragma("foreign_keys = ON");
  sql.pragma("synchronous = OFF");
  sql.pragma("cache_size = -200000");
  const box = createSecretBox(Buffer.from(BENCH_SECRET_KEY, "base64"));
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const totpKey = decodeBase32IgnorePadding(BENCH_TOTP_SECRET);
  const counts: Record<string, number> = {};

  const insert = (table: string, columns: string[]) => {
    const stmt = sql.prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
    counts[table] = 0;
    return (...values: (string | number | null)[]) => {
      stmt.run(values);
      counts[table] = (counts[table] ?? 0) + 1;
    };
  };
  const orgs = insert("organizations", [
    "id",
    "name",
    "hostname",
    "email_domain",
    "phone",
    "preset",
    "policy_json",
    "primary_color",
    "logo_text",
  ]);
  const clients = insert("clients", [
    "id",
    "org_id",
    "client_number",
    "first_name",
    "last_name",
    "birth_date",
    "email",
    "phone",
    "address",
  ]);
  const placements = insert("placements", ["id", "org_id", "client_id", "kind", "name", "location", "start_date", "end_date"]);
  const contacts = insert("contacts", ["id", "org_id", "first_name", "last_name", "email", "phone"]);
  const relations = insert("relations", ["id", "org_id", "client_id", "contact_id", "role", "gezag", "start_date"]);
  const accounts = insert("accounts", [
    "id",
    "org_id",
    "email",
    "kind",
    "staff_role",
    "display_name",
    "client_id",
    "contact_id",
    "password_hash",
    "status",
    "last_login_at",
    "previous_login_at",
    "tour_seen_at",
  ]);
  const totp = insert("totp_credentials", ["id", "org_id", "account_id", "key_encrypted", "label", "confirmed"]);
  const grants = insert("portal_grants", ["id", "org_id", "account_id", "client_id", "relation", "status"]);
  const careTeam = insert("care_team", ["org_id", "client_id", "staff_id"]);
  const documents = insert("documents", [
    "id",
    "org_id",
    "client_id",
    "kind",
    "title",
    "category",
    "doc_date",
    "author",
    "body_text",
    "created_by",
    "created_at",
  ]);
  const shares = insert("document_shares", ["org_id", "document_id", "account_id", "shared_by", "shared_at"]);
  const appointments = insert("appointments", [
    "id",
    "org_id",
    "client_id",
    "starts_at",
    "duration_minutes",
    "practitioner_id",
    "practitioner_name",
    "location",
    "status",
  ]);
  const threads = insert("message_threads", ["id", "org_id", "client_id", "subject", "created_by", "created_at", "last_message_at"]);
  const participants = insert("thread_participants", ["org_id", "thread_id", "account_id", "added_at", "added_by"]);
  const consents = insert("portal_consents", [
    "id",
    "org_id",
    "client_id",
    "relation_id",
    "contact_id",
    "given_by",
    "decided_by",
    "gezag_relation_id",
    "given_by_id",
    "given_at",
  ]);
  const messages = insert("messages", ["id", "org_id", "thread_id", "sender_id", "body", "created_at"]);
  const reads = insert("thread_reads", ["org_id", "thread_id", "account_id", "read_up_to"]);
  const diary = insert("diary_entries", [
    "id",
    "org_id",
    "client_id",
    "account_id",
    "entry_date",
    "mood",
    "body",
    "created_at",
    "updated_at",
  ]);
  const announcements = insert("announcements", ["id", "org_id", "title", "body", "active", "published_at"]);
  const terms = insert("terms_versions", ["id", "org_id", "version", "body", "published_at"]);
  const acceptances = insert("terms_acceptances", ["org_id", "account_id", "terms_version_id", "accepted_at"]);
  const audit = insert("audit_log", [
    "org_id",
    "at",
    "actor_id",
    "actor_label",
    "client_id",
    "action",
    "object_type",
    "object_id",
    "ip",
    "outcome",
    "details_json",
    "prev_hash",
    "hash",
  ]);
  const sessions = insert("sessions", [
    "id",
    "org_id",
    "account_id",
    "second_factor_verified",
    "created_at",
    "last_activity_at",
    "idle_expires_at",
    "absolute_expires_at",
    "ip",
    "user_agent",
  ]);

  const orgId = r.id();
  const termsId = r.id();
  const staff: { id: string; name: string }[] = [];
  /** Per client: who may see its portal, its documents and threads (kept for sessions and the audit log). */
  const viewersOf: string[][] = [];
  const docsOf: string[][] = [];
  const threadsOf: string[][] = [];
  const clientIds: string[] = [];
  const covAccounts: { id: string; email: string }[] = [];

  const tx = (fn: () => void) => sql.transaction(fn)();
  const addAccount = (a: {
    email: string;
    kind: "staff" | "cov";
    role?: string;
    name: string;
    clientId?: string;
    contactId?: string;
  }): string => {
    const id = r.id();
    accounts(
      id,
      orgId,
      a.email,
      a.kind,
      a.role ?? null,
      a.name,
      a.clientId ?? null,
      a.contactId ?? null,
      passwordHash,
      "active",
      now - 2 * DAY,
      now - 14 * DAY,
      now - 100 * DAY,
    );
    totp(r.id(), orgId, id, box.seal(totpKey), "Authenticator-app", 1);
    acceptances(orgId, id, termsId, now - 100 * DAY);
    if (a.kind === "cov") covAccounts.push({ id, email: a.email });
    return id;
  };

  tx(() => {
    orgs(
      orgId,
      "Zorggroep De Meetlat",
      BENCH_HOST,
      "meetlat.example",
      "0123 - 45 67 89",
      "zorg",
      JSON.stringify(PRESETS.zorg),
      "#0b5f73",
      "De Meetlat",
    );
    terms(termsId, orgId, 1, "Gebruiksvoorwaarden van het cliëntenportaal van Zorggroep De Meetlat.", now - 200 * DAY);
    announcements(r.id(), orgId, "Bericht van de cliëntenraad", "De cliëntenraad zoekt nieuwe leden.", 1, now - 3 * DAY);
    const nStaff = Math.max(4, Math.round(opts.clients / 50));
    for (let s = 0; s < nStaff; s++) {
      const name = `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`;
      staff.push({ id: addAccount({ email: `begeleider${s}@meetlat.example`, kind: "staff", role: "begeleider", name }), name });
    }
  });

  // Clients come in pairs of siblings: both parents reach both portals; the first has an own account, the second a verwant.
  const BATCH = 500;
  let pairContacts: string[] = [];
  for (let from = 0; from < opts.clients; from += BATCH) {
    tx(() => {
      for (let i = from; i < Math.min(from + BATCH, opts.clients); i++) {
        const first = r.pick(FIRST_NAMES);
        const last = r.pick(LAST_NAMES);
        const id = r.id();
        clientIds.push(id);
        const adult = i % 2 === 0;
        clients(
          id,
          orgId,
          String(100000 + i),
          first,
          last,
          isoDate(now - r.int(adult ? 18 * 365 : 8 * 365, adult ? 70 * 365 : 17 * 365) * DAY),
          adult ? `client${i}@example.org` : null,
          `06 ${String(10000000 + r.int(0, 89999999)).slice(0, 8)}`,
          `${r.pick(STREETS)} ${r.int(1, 120)}, ${r.pick(PLACES)}`,
        );
        placements(r.id(), orgId, id, "plaatsing", "Wonen De Linde", r.pick(PLACES), isoDate(now - r.int(30, 1500) * DAY), null);
        const practitioner = staff[i % staff.length] as { id: string; name: string };
        careTeam(orgId, id, practitioner.id);
        const viewers: string[] = [];
        if (adult) {
          const own = addAccount({ email: `client${i}@example.org`, kind: "cov", name: `${first} ${last}`, clientId: id });
          grants(r.id(), orgId, own, id, "eigen", "active");
          viewers.push(own);
          pairContacts = [];
          for (const k of ["a", "b"]) {
            const contactId = r.id();
            const email = `ouder${i}${k}@example.org`;
            const pFirst = r.pick(FIRST_NAMES);
            contacts(contactId, orgId, pFirst, last, email, null);
            const relationId = r.id();
            relations(relationId, orgId, id, contactId, "ouder", 1, isoDate(now - 400 * DAY));
            pairContacts.push(contactId);
            const parent = addAccount({ email, kind: "cov", name: `${pFirst} ${last}`, contactId });
            // From 16 a parent sees the portal with the client's consent (WGBO): given in Mijn account.
            consents(r.id(), orgId, id, relationId, contactId, "client", "client", null, own, now - 300 * DAY);
            grants(r.id(), orgId, parent, id, "ouder", "active");
            viewers.push(parent);
          }
        } else {
          // The pair's parents were made with the first sibling.
          // The minor's consents as staff record them: the client's for the parents (counts from 16), and for
          // the verwant both a gezag holder's (under 16) and the client's (from 16), whatever the age is today.
          let gezagRelation: string | null = null;
          for (const contactId of pairContacts) {
            const relationId = r.id();
            gezagRelation ??= relationId;
            relations(relationId, orgId, id, contactId, "ouder", 1, isoDate(now - 400 * DAY));
            consents(r.id(), orgId, id, relationId, contactId, "medewerker", "client", null, practitioner.id, now - 300 * DAY);
          }
          for (const parent of (viewersOf[i - 1] ?? []).slice(1, 3)) {
            grants(r.id(), orgId, parent, id, "ouder", "active");
            viewers.push(parent);
          }
          const contactId = r.id();
          const vFirst = r.pick(FIRST_NAMES);
          contacts(contactId, orgId, vFirst, last, `verwant${i}@example.org`, null);
          const verwantRelation = r.id();
          relations(verwantRelation, orgId, id, contactId, "verwant", 0, isoDate(now - 400 * DAY));
          consents(r.id(), orgId, id, verwantRelation, contactId, "medewerker", "client", null, practitioner.id, now - 300 * DAY);
          consents(
            r.id(),
            orgId,
            id,
            verwantRelation,
            contactId,
            "medewerker",
            "gezaghouder",
            gezagRelation,
            practitioner.id,
            now - 300 * DAY,
          );
          const verwant = addAccount({ email: `verwant${i}@example.org`, kind: "cov", name: `${vFirst} ${last}`, contactId });
          grants(r.id(), orgId, verwant, id, "verwant", "active");
          viewers.push(verwant);
        }
        viewersOf.push(viewers);

        const docs: string[] = [];
        for (let d = 0; d < PER_CLIENT.documents; d++) {
          const docId = r.id();
          docs.push(docId);
          const isReport = d % 2 === 1;
          const at = now - r.int(1, 3 * 365) * DAY;
          documents(
            docId,
            orgId,
            id,
            isReport ? "verslag" : "document",
            `${isReport ? "Rapportage" : "Zorgplan"} ${new Date(at).getFullYear()}`,
            isReport ? "Rapportage" : "Plan",
            isoDate(at),
            practitioner.name,
            isReport ? "Het gaat goed. We hebben de doelen van deze periode besproken." : null,
            practitioner.id,
            at,
          );
          for (const accountId of viewers)
            if (r.next() < PER_CLIENT.shareChance) shares(orgId, docId, accountId, practitioner.id, at + DAY);
        }
        docsOf.push(docs);
        for (let a = 0; a < PER_CLIENT.appointments; a++) {
          const offsetDays = a < 2 ? r.int(1, 30) : -r.int(1, 365);
          const startsAt = Math.floor((now + offsetDays * DAY) / 1_800_000) * 1_800_000;
          const status = offsetDays > 0 ? "gepland" : r.next() < 0.85 ? "geweest" : "afgezegd";
          appointments(r.id(), orgId, id, startsAt, r.pick([30, 45, 60]), practitioner.id, practitioner.name, r.pick(PLACES), status);
        }
        const ts: string[] = [];
        for (let t = 0; t < PER_CLIENT.threads; t++) {
          const threadId = r.id();
          ts.push(threadId);
          const at = now - r.int(1, 200) * DAY;
          const last = at + (PER_CLIENT.messagesPerThread - 1) * 3_600_000;
          threads(threadId, orgId, id, `Afspraken voor periode ${t + 1}`, practitioner.id, at, last);
          // Everyone with access takes part in the conversation (issue 14: only participants read it).
          for (const accountId of viewers) participants(orgId, threadId, accountId, at, practitioner.id);
          for (let m = 0; m < PER_CLIENT.messagesPerThread; m++) {
            const sender = m % 2 === 0 ? practitioner.id : (viewers[m % viewers.length] as string);
            messages(r.id(), orgId, threadId, sender, "Goedemiddag, hierbij de planning voor de komende weken.", at + m * 3_600_000);
          }
          reads(orgId, threadId, viewers[0] as string, at + 3_600_000);
        }
        threadsOf.push(ts);
        for (let d = 0; d < PER_CLIENT.diary; d++) {
          const at = now - r.int(1, 60) * DAY;
          diary(r.id(), orgId, id, viewers[0] as string, isoDate(at), r.int(1, 5), "Vandaag een rustige dag gehad.", at, at);
        }
      }
    });
  }

  // The audit log in time order, chained unkeyed as an older version wrote it (sealed by the BFF at start).
  const nAudit = opts.clients * PER_CLIENT.audit;
  let prev = "0".repeat(64);
  const start = now - 365 * DAY;
  for (let from = 0; from < nAudit; from += 20_000) {
    tx(() => {
      for (let k = from; k < Math.min(from + 20_000, nAudit); k++) {
        const c = r.int(0, opts.clients - 1);
        const actor = r.pick(viewersOf[c] as string[]);
        const at = start + Math.floor((k / nAudit) * 365 * DAY);
        const row: (string | number | null)[] =
          k % 5 === 4
            ? [
                orgId,
                at,
                actor,
                `gebruiker-${actor}`,
                null,
                "login",
                null,
                null,
                "127.0.0.1",
                "success",
                '{"factor":"totp","trustDevice":false}',
              ]
            : [
                orgId,
                at,
                actor,
                `gebruiker-${actor}`,
                clientIds[c] as string,
                "document.view",
                "document",
                r.pick(docsOf[c] as string[]),
                "127.0.0.1",
                "success",
                null,
              ];
        const hash = auditHash(prev, row);
        audit(...row, prev, hash);
        prev = hash;
      }
    });
  }

  // Signed-in sessions for the load: distinct people, each in one of their portals.
  const out: BenchSession[] = [];
  tx(() => {
    for (let s = 0; s < opts.sessions; s++) {
      const c = Math.floor((s * opts.clients) / opts.sessions);
      const accountId = (viewersOf[c] as string[])[s % 3] as string;
      const token = r.token();
      sessions(sha256Hex(token), orgId, accountId, 1, now, now, now + 30 * 60_000, now + 12 * 3_600_000, "127.0.0.1", "bench");
      out.push({ token, accountId, clientId: clientIds[c] as string, threadId: (threadsOf[c] as string[])[0] as string });
    }
  });
  const inSession = new Set(out.map((s) => s.accountId));
  const loginEmails = covAccounts
    .filter((a) => !inSession.has(a.id))
    .slice(-opts.logins)
    .map((a) => a.email);
  // For a before-and-after against an older BFF (see RESULTS.md): the indexes that commit did not have yet.
  for (const name of (process.env.BENCH_DROP_INDEXES ?? "").split(",").filter(Boolean)) sql.exec(`DROP INDEX IF EXISTS "${name}"`);
  sql.pragma("wal_checkpoint(TRUNCATE)");
  sql.close();
  // The server key beside the database, as an operator's data folder has it (secret.key): the BFF on SQLite
  // gets it as PORTAAL_SECRET_KEY, `--db postgres` reads it from here for the copy and the BFF on PostgreSQL.
  fs.writeFileSync(path.join(dataDir, "secret.key"), BENCH_SECRET_KEY, { mode: 0o600 });
  return { dataDir, clients: opts.clients, counts, sessions: out, loginEmails, seconds: (Date.now() - started) / 1000 };
}
