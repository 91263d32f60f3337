// The deterministic, fictional demo dataset (SPEC §6): two organizations and their accounts and dossiers.
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { QuestionnaireInputSchema } from "@portaal/shared/modules";
import { PRESETS, type Preset } from "@portaal/shared/policy";
import { count } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { hashPassword } from "../auth/password";
import type { SecretBox } from "../auth/secret-box";
import { type Db, first, lockForTransaction, writeTx } from "../db/client";
import * as t from "../db/tables";
import { removeStoredFile, saveFile } from "../files/store";
import { amsterdamDate, amsterdamTimeOn } from "../lib/dutch-time";
import { newId } from "../lib/ids";
import { seededRandom as rng } from "../lib/seeded-random";
import { demoPdf } from "./demo-pdf";
import { FIRST_NAMES, LAST_NAMES, PLACES, STREETS } from "./names";
import { READY_MODULES } from "./ready-modules";

export const DEMO_PASSWORD = "Demo-wachtwoord-2026!";
export const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP";

interface OrgSpec {
  seed: number;
  name: string;
  hostname: string;
  emailDomain: string;
  phone: string;
  preset: Preset;
  primaryColor: string;
  logoText: string;
  kind: "zorg" | "ggz";
  staff: { email: string; name: string; role: "beheerder" | "secretariaat" | "behandelaar" | "begeleider" }[];
  /** Named demo people: clients with their own account, and parents. */
  people: {
    clients: { first: string; last: string; birth: string; ownEmail?: string }[];
    parents: { first: string; last: string; email: string; children: number[]; gezag: boolean; account: boolean }[];
  };
  /**
   * Clients for the care rules (issue 14), each with a parent with gezag who has an account: birth and
   * end dates are days relative to the clock, so they stay true. Seeded last, with their own random
   * numbers, so everything above stays exactly as it was.
   */
  careRules: CareRuleClient[];
}

interface CareRuleClient {
  first: string;
  last: string;
  /** Birth date: this many years and days before today. */
  age: { years: number; days: number };
  /** The placement ended this many days ago (care ended); absent: it runs. */
  endedDaysAgo?: number;
  ownEmail?: string;
  parent: { first: string; email: string };
  /** The client (16+) consented that the parent keeps access. */
  consent?: boolean;
  /** A relation without gezag, no account and no consent yet: staff try the consent step on it. */
  verwant?: { first: string; email: string; role: string };
}

const ORGS: OrgSpec[] = [
  {
    seed: 7513,
    name: "Zorggroep Het Baken",
    hostname: "localhost",
    emailDomain: "hetbaken.example",
    phone: "0123 - 45 67 89",
    preset: "zorg",
    primaryColor: "#0b5f73",
    logoText: "Het Baken",
    kind: "zorg",
    staff: [
      { email: "beheer@hetbaken.example", name: "Ingrid Wolters", role: "beheerder" },
      { email: "secretariaat@hetbaken.example", name: "Karin Hoekstra", role: "secretariaat" },
      { email: "begeleider@hetbaken.example", name: "Joost Verbeek", role: "begeleider" },
      { email: "begeleider2@hetbaken.example", name: "Ayse Demir", role: "begeleider" },
    ],
    people: {
      clients: [
        { first: "Sanne", last: "Jansen", birth: "2012-03-14" },
        { first: "Daan", last: "Jansen", birth: "2015-09-02" },
        { first: "Lotte", last: "Bakker", birth: "2004-06-21", ownEmail: "client@example.com" },
      ],
      parents: [
        { first: "Petra", last: "Jansen", email: "ouder@example.com", children: [0, 1], gezag: true, account: true },
        { first: "Mark", last: "Jansen", email: "vader@example.com", children: [0, 1], gezag: true, account: false },
      ],
    },
    careRules: [
      // 15, turns 16 in 20 days: on the Werkvoorraad's birthday list; the parent gets the e-mail.
      { first: "Noah", last: "de Vries", age: { years: 16, days: -20 }, parent: { first: "Esther", email: "ouder.noah@example.com" } },
      // 12: the parent has access; an own account waits for the policy's minimum age (16).
      // Her grandmother (no gezag) waits for Rob's consent before she can get access.
      {
        first: "Mila",
        last: "Smit",
        age: { years: 12, days: 100 },
        parent: { first: "Rob", email: "ouder.mila@example.com" },
        verwant: { first: "Anja", email: "oma.mila@example.com", role: "verwant" },
      },
      // 17 with an own account: consented that the parent keeps access (the switch in Mijn account).
      {
        first: "Jesse",
        last: "Kok",
        age: { years: 17, days: 60 },
        ownEmail: "jesse@example.com",
        parent: { first: "Marloes", email: "ouder.jesse@example.com" },
        consent: true,
      },
    ],
  },
  {
    seed: 2021,
    name: "GGZ Noorderlicht",
    hostname: "noorderlicht.localhost",
    emailDomain: "noorderlicht.example",
    phone: "0987 - 65 43 21",
    preset: "ggz",
    primaryColor: "#4a3a8c",
    logoText: "Noorderlicht",
    kind: "ggz",
    staff: [
      { email: "beheer@noorderlicht.example", name: "Hanneke Postma", role: "beheerder" },
      { email: "secretariaat@noorderlicht.example", name: "Wim Kuipers", role: "secretariaat" },
      { email: "behandelaar@noorderlicht.example", name: "Dr. Eline Zwart", role: "behandelaar" },
    ],
    people: {
      clients: [{ first: "Ruben", last: "Visser", birth: "1991-11-30", ownEmail: "client@example.net" }],
      parents: [],
    },
    careRules: [
      // Care ended 10 days ago; the policy closes the portal at the end of care: the parent's access is closed.
      {
        first: "Finn",
        last: "Mulder",
        age: { years: 14, days: 30 },
        endedDaysAgo: 10,
        parent: { first: "Anouk", email: "ouder@example.net" },
      },
    ],
  },
];

const CLIENTS_PER_ORG = 36;
const DAY = 86_400_000;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Held while the demo is written: processes starting at once on one database write it once. */
const DEMO_SEED_LOCK = 7361003;

/**
 * The demo's rows, made first (the PDFs written as they are made) and then written in one transaction,
 * table by table in WRITE_ORDER: every table after the tables it refers to, each table's rows in the order
 * they were made.
 */
class DemoRows {
  private readonly byTable = new Map<SQLiteTable, Record<string, unknown>[]>();
  /** The PDFs written for the rows: removed again when the rows are not written. */
  readonly files: string[] = [];

  add<T extends SQLiteTable>(table: T, values: T["$inferInsert"]): void {
    const list = this.byTable.get(table) ?? [];
    list.push(values as Record<string, unknown>);
    this.byTable.set(table, list);
  }

  /** The rows of a table made so far, in order. */
  of<T extends SQLiteTable>(table: T): T["$inferInsert"][] {
    return (this.byTable.get(table) ?? []) as T["$inferInsert"][];
  }

  async write(tx: Db): Promise<void> {
    for (const table of this.byTable.keys()) {
      if (!WRITE_ORDER.includes(table)) throw new Error("seedDemo: a table missing from WRITE_ORDER");
    }
    for (const table of WRITE_ORDER) {
      const list = this.byTable.get(table) ?? [];
      // Several rows per statement, well under the parameter limits of SQLite and PostgreSQL.
      for (let i = 0; i < list.length; i += 100) await tx.insert(table).values(list.slice(i, i + 100) as never);
    }
  }
}

const WRITE_ORDER: SQLiteTable[] = [
  t.organizations,
  t.clients,
  t.placements,
  t.contacts,
  t.relations,
  t.accounts,
  t.totpCredentials,
  t.portalGrants,
  t.careTeam,
  t.files,
  t.documents,
  t.documentShares,
  t.appointments,
  t.messageThreads,
  t.messages,
  t.threadReads,
  t.threadParticipants,
  t.questionnaires,
  t.assignments,
  t.announcements,
  t.termsVersions,
  t.termsAcceptances,
  t.portalConsents,
];

const organizationCount = async (db: Db) => first(await db.select({ n: count() }).from(t.organizations))?.n ?? 0;

/**
 * Writes the demo once, into an empty database. With `filesDir`, the demo's dossier documents get a PDF
 * each (written before the rows that name them, as uploads are). The password hash and the PDFs are made
 * before the transaction; another process that wrote the demo meanwhile wins, and these PDFs go again.
 */
export async function seedDemo(db: Db, box: SecretBox, opts: { filesDir?: string; now?: number } = {}): Promise<boolean> {
  const now = opts.now ?? Date.now();
  if ((await organizationCount(db)) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const totpKey = decodeBase32IgnorePadding(DEMO_TOTP_SECRET);
  const rows = new DemoRows();
  let written = false;
  try {
    for (const spec of ORGS) seedOrganization(rows, box, spec, passwordHash, totpKey, now, opts.filesDir);
    written = await writeTx(db, async (tx) => {
      await lockForTransaction(tx, DEMO_SEED_LOCK);
      if ((await organizationCount(tx)) > 0) return false;
      await rows.write(tx);
      return true;
    });
  } finally {
    if (!written && opts.filesDir) for (const name of rows.files) removeStoredFile(opts.filesDir, name);
  }
  return written;
}

function seedOrganization(
  rows: DemoRows,
  box: SecretBox,
  spec: OrgSpec,
  passwordHash: string,
  totpKey: Uint8Array,
  now: number,
  filesDir: string | undefined,
) {
  const r = rng(spec.seed);
  const orgId = r.id();
  rows.add(t.organizations, {
    id: orgId,
    name: spec.name,
    hostname: spec.hostname,
    emailDomain: spec.emailDomain,
    phone: spec.phone,
    preset: spec.preset,
    policyJson: JSON.stringify(PRESETS[spec.preset]),
    primaryColor: spec.primaryColor,
    logoText: spec.logoText,
  });

  const addAccount = (a: Omit<typeof t.accounts.$inferInsert, "id" | "orgId" | "status" | "passwordHash">) => {
    const id = r.id();
    rows.add(t.accounts, { id, orgId, status: "active", passwordHash, ...a });
    rows.add(t.totpCredentials, {
      id: r.id(),
      orgId,
      accountId: id,
      keyEncrypted: box.seal(totpKey),
      label: "Authenticator-app",
      confirmed: true,
    });
    return id;
  };

  const staffIds: Record<string, string> = {};
  for (const s of spec.staff) {
    staffIds[s.email] = addAccount({ email: s.email, kind: "staff", staffRole: s.role, displayName: s.name });
  }
  const practitioners = spec.staff.filter((s) => s.role === "begeleider" || s.role === "behandelaar");

  // Named demo clients first, then generated ones.
  const clientIds: string[] = [];
  const clientNames: string[] = [];
  for (let i = 0; i < CLIENTS_PER_ORG; i++) {
    const named = spec.people.clients[i];
    const first = named?.first ?? r.pick(FIRST_NAMES);
    const last = named?.last ?? r.pick(LAST_NAMES);
    const birth = named?.birth ?? isoDate(now - r.int(8 * 365, 70 * 365) * DAY);
    const id = r.id();
    clientIds.push(id);
    clientNames.push(`${first} ${last}`);
    rows.add(t.clients, {
      id,
      orgId,
      clientNumber: String(100200 + i * 7),
      firstName: first,
      lastName: last,
      birthDate: i % 11 === 10 ? null : birth,
      email: named?.ownEmail ?? (i % 4 === 0 ? `${first.toLowerCase()}.${i}@example.org` : null),
      phone: `06 ${String(10000000 + r.int(0, 89999999)).slice(0, 8)}`,
      address: `${r.pick(STREETS)} ${r.int(1, 120)}, ${r.pick(PLACES)}`,
    });
    const start = now - r.int(30, 1500) * DAY;
    const ended = i % 9 === 8;
    rows.add(t.placements, {
      id: r.id(),
      orgId,
      clientId: id,
      kind: spec.kind === "ggz" ? "product" : "plaatsing",
      name:
        spec.kind === "ggz"
          ? r.pick(["Basis GGZ", "Specialistische GGZ", "Groepstherapie"])
          : r.pick(["Wonen De Linde", "Dagbesteding Het Atelier", "Logeerhuis De Vlinder", "Ambulante begeleiding"]),
      location: r.pick(PLACES),
      startDate: isoDate(start),
      endDate: ended ? isoDate(now - r.int(1, 20) * DAY) : null,
    });
    const practitioner = practitioners[i % practitioners.length];
    if (practitioner) rows.add(t.careTeam, { orgId, clientId: id, staffId: staffIds[practitioner.email] as string });
    // Every named demo client is in the first practitioner's care team.
    if (named && practitioners[0] && practitioner !== practitioners[0]) {
      rows.add(t.careTeam, { orgId, clientId: id, staffId: staffIds[practitioners[0].email] as string });
    }
    if (named?.ownEmail) {
      const accountId = addAccount({ email: named.ownEmail, kind: "cov", displayName: `${first} ${last}`, clientId: id });
      rows.add(t.portalGrants, { id: r.id(), orgId, accountId, clientId: id, relation: "eigen", status: "active" });
    }
  }

  // Named parents, then a relation or two for most generated clients.
  for (const p of spec.people.parents) {
    const contactId = r.id();
    rows.add(t.contacts, { id: contactId, orgId, firstName: p.first, lastName: p.last, email: p.email, phone: "06 12345678" });
    const accountId = p.account ? addAccount({ email: p.email, kind: "cov", displayName: `${p.first} ${p.last}`, contactId }) : null;
    for (const child of p.children) {
      const clientId = clientIds[child] as string;
      rows.add(t.relations, { id: r.id(), orgId, clientId, contactId, role: "ouder", gezag: p.gezag, startDate: isoDate(now - 400 * DAY) });
      if (accountId) rows.add(t.portalGrants, { id: r.id(), orgId, accountId, clientId, relation: "ouder", status: "active" });
    }
  }
  for (let i = spec.people.clients.length; i < CLIENTS_PER_ORG; i++) {
    const n = r.int(0, 2);
    for (let k = 0; k < n; k++) {
      const first = r.pick(FIRST_NAMES);
      const last = (clientNames[i] ?? "").split(" ").slice(1).join(" ") || r.pick(LAST_NAMES);
      const contactId = r.id();
      rows.add(t.contacts, {
        id: contactId,
        orgId,
        firstName: first,
        lastName: last,
        email: k === 0 ? `${first.toLowerCase()}.${last.toLowerCase().replace(/\s+/g, "")}${i}@example.org` : null,
        phone: null,
      });
      rows.add(t.relations, {
        id: r.id(),
        orgId,
        clientId: clientIds[i] as string,
        contactId,
        role: k === 0 ? "ouder" : r.pick(["verwant", "broer/zus", "mentor"]),
        gezag: k === 0 && r.next() < 0.6,
        startDate: isoDate(now - r.int(10, 900) * DAY),
      });
    }
  }

  seedDossiers(rows, r, { orgId, clientIds, staffIds, practitioners, spec, now, filesDir });

  // Aan de slag: the ready questionnaires, and the first one waiting in the first client's portal.
  const ready = READY_MODULES.map((m) => {
    const input = QuestionnaireInputSchema.parse(m);
    const id = r.id();
    rows.add(t.questionnaires, {
      id,
      orgId,
      kind: input.kind,
      title: input.title,
      description: input.description,
      definitionJson: JSON.stringify(input.definition),
      createdBy: null,
      createdAt: now - 300 * DAY,
    });
    return id;
  });
  rows.add(t.assignments, {
    id: r.id(),
    orgId,
    questionnaireId: ready[0] as string,
    clientId: clientIds[0] as string,
    accountId: null,
    status: "open",
    assignedBy: staffIds[practitioners[0]?.email ?? ""] ?? null,
    assignedAt: now - 2 * DAY,
  });

  rows.add(t.announcements, {
    id: r.id(),
    orgId,
    title: spec.kind === "ggz" ? "Nieuw: groepsbijeenkomsten op donderdag" : "Bericht van de cliëntenraad",
    body:
      spec.kind === "ggz"
        ? "Vanaf volgende maand is er op donderdagmiddag een open groepsbijeenkomst. Vraag uw behandelaar naar de mogelijkheden."
        : "De cliëntenraad zoekt nieuwe leden. Wilt u meepraten over de zorg en het portaal? Laat het uw begeleider weten.",
    active: true,
    publishedAt: now - 3 * DAY,
  });
  const termsId = r.id();
  rows.add(t.termsVersions, {
    id: termsId,
    orgId,
    version: 1,
    body: `Gebruiksvoorwaarden van het cliëntenportaal van ${spec.name}. U gebruikt het portaal alleen voor uzelf of voor de cliënt bij wie u betrokken bent. Het portaal is niet bedoeld voor crisissituaties of om afspraken af te zeggen.`,
    publishedAt: now - 200 * DAY,
  });
  seedCareRuleClients(rows, box, { orgId, spec, passwordHash, totpKey, now });
  // The demo's users have been around a while: they accepted the current terms.
  for (const a of rows.of(t.accounts).filter((a) => a.orgId === orgId)) {
    rows.add(t.termsAcceptances, { orgId, accountId: a.id, termsVersionId: termsId, acceptedAt: now - 100 * DAY });
  }
}

/** YYYY-MM-DD of the Dutch day `days` after today's date `years` years ago. */
function dateBefore(now: number, years: number, days: number): string {
  const [y, m, d] = amsterdamDate(now).split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y - years, m - 1, d - days)).toISOString().slice(0, 10);
}

function seedCareRuleClients(
  rows: DemoRows,
  box: SecretBox,
  ctx: { orgId: string; spec: OrgSpec; passwordHash: string; totpKey: Uint8Array; now: number },
) {
  const { orgId, spec, passwordHash, totpKey, now } = ctx;
  const r = rng(spec.seed + 14);
  const account = (a: { email: string; displayName: string; clientId?: string; contactId?: string }) => {
    const id = r.id();
    rows.add(t.accounts, { id, orgId, kind: "cov", status: "active", passwordHash, ...a });
    rows.add(t.totpCredentials, {
      id: r.id(),
      orgId,
      accountId: id,
      keyEncrypted: box.seal(totpKey),
      label: "Authenticator-app",
      confirmed: true,
    });
    return id;
  };
  spec.careRules.forEach((c, i) => {
    const clientId = r.id();
    rows.add(t.clients, {
      id: clientId,
      orgId,
      clientNumber: String(100900 + i * 7),
      firstName: c.first,
      lastName: c.last,
      birthDate: dateBefore(now, c.age.years, c.age.days),
      email: c.ownEmail ?? null,
      phone: "06 23456789",
      address: `${r.pick(STREETS)} ${r.int(1, 120)}, ${r.pick(PLACES)}`,
    });
    rows.add(t.placements, {
      id: r.id(),
      orgId,
      clientId,
      kind: spec.kind === "ggz" ? "product" : "plaatsing",
      name: spec.kind === "ggz" ? "Basis GGZ" : "Ambulante begeleiding",
      location: r.pick(PLACES),
      startDate: dateBefore(now, 0, 400),
      endDate: c.endedDaysAgo === undefined ? null : dateBefore(now, 0, c.endedDaysAgo),
    });
    if (c.ownEmail) {
      const own = account({ email: c.ownEmail, displayName: `${c.first} ${c.last}`, clientId });
      rows.add(t.portalGrants, { id: r.id(), orgId, accountId: own, clientId, relation: "eigen", status: "active" });
    }
    const contactId = r.id();
    rows.add(t.contacts, {
      id: contactId,
      orgId,
      firstName: c.parent.first,
      lastName: c.last,
      email: c.parent.email,
      phone: "06 34567890",
    });
    const relationId = r.id();
    rows.add(t.relations, { id: relationId, orgId, clientId, contactId, role: "ouder", gezag: true, startDate: dateBefore(now, 0, 400) });
    const parent = account({ email: c.parent.email, displayName: `${c.parent.first} ${c.last}`, contactId });
    rows.add(t.portalGrants, { id: r.id(), orgId, accountId: parent, clientId, relation: "ouder", status: "active" });
    if (c.consent) {
      const own = rows.of(t.accounts).find((a) => a.clientId === clientId);
      rows.add(t.portalConsents, {
        id: r.id(),
        orgId,
        clientId,
        relationId,
        contactId,
        givenBy: own ? "client" : "medewerker",
        givenById: own?.id ?? parent,
        givenAt: now - 30 * DAY,
      });
    }
    if (c.verwant) {
      const verwantContact = r.id();
      rows.add(t.contacts, {
        id: verwantContact,
        orgId,
        firstName: c.verwant.first,
        lastName: c.last,
        email: c.verwant.email,
        phone: "06 45678901",
      });
      rows.add(t.relations, {
        id: r.id(),
        orgId,
        clientId,
        contactId: verwantContact,
        role: c.verwant.role,
        gezag: false,
        startDate: dateBefore(now, 0, 200),
      });
    }
  });
}

/** A demo document's PDF: the file on disk first, then its row. Ids are random: the demo's seeded ids stay as they were. */
function seedPdf(
  rows: DemoRows,
  filesDir: string,
  doc: { orgId: string; clientId: string; title: string; author: string; at: number; staffId: string },
): string {
  const bytes = demoPdf(doc.title, [
    `Datum: ${new Date(doc.at).toLocaleDateString("nl-NL", { timeZone: "Europe/Amsterdam" })}`,
    `Opgesteld door: ${doc.author}`,
    "",
    "Dit is een voorbeelddocument van het demoportaal.",
    "In een echt dossier staat hier wat de organisatie met u deelt:",
    "afspraken over zorg en ondersteuning, doelen en evaluaties.",
  ]);
  const stored = saveFile(filesDir, bytes, "application/pdf");
  rows.files.push(stored.storageName);
  const id = newId();
  rows.add(t.files, {
    id,
    orgId: doc.orgId,
    clientId: doc.clientId,
    storageName: stored.storageName,
    originalName: `${doc.title}.pdf`,
    mime: stored.mime,
    size: stored.size,
    sha256: stored.sha256,
    uploadedBy: doc.staffId,
    createdAt: doc.at,
  });
  return id;
}

function seedDossiers(
  rows: DemoRows,
  r: ReturnType<typeof rng>,
  ctx: {
    orgId: string;
    clientIds: string[];
    staffIds: Record<string, string>;
    practitioners: OrgSpec["staff"];
    spec: OrgSpec;
    now: number;
    filesDir: string | undefined;
  },
) {
  const { orgId, clientIds, staffIds, practitioners, spec, now, filesDir } = ctx;
  const docTitles = ["Zorgplan", "Evaluatie zorgplan", "Behandelplan", "Indicatiebesluit", "Verslag MDO", "Toestemmingsformulier"];
  const reportTitles = ["Rapportage week", "Verslag gesprek", "Brief aan huisarts", "Voortgangsverslag", "Rapportage dagbesteding"];
  const grantsByClient = new Map<string, string[]>();
  for (const g of rows.of(t.portalGrants)) {
    if (g.orgId !== orgId) continue;
    grantsByClient.set(g.clientId, [...(grantsByClient.get(g.clientId) ?? []), g.accountId]);
  }
  clientIds.forEach((clientId, i) => {
    const practitioner = practitioners[i % practitioners.length] ?? practitioners[0];
    if (!practitioner) return;
    const staffId = staffIds[practitioner.email] as string;
    const viewers = grantsByClient.get(clientId) ?? [];
    const docs = r.int(2, 5);
    for (let d = 0; d < docs; d++) {
      const id = r.id();
      const isReport = d % 2 === 1;
      const at = now - r.int(1, 300) * DAY;
      const title = `${r.pick(isReport ? reportTitles : docTitles)} ${new Date(at).getFullYear()}`;
      const fileId =
        !isReport && filesDir ? seedPdf(rows, filesDir, { orgId, clientId, title, author: practitioner.name, at, staffId }) : null;
      rows.add(t.documents, {
        id,
        orgId,
        clientId,
        kind: isReport ? "verslag" : "document",
        title,
        fileId,
        category: isReport ? "Rapportage" : "Plan",
        docDate: isoDate(at),
        author: practitioner.name,
        bodyText: isReport
          ? "Het gaat goed. We hebben de doelen van deze periode besproken en spreken af om over vier weken te evalueren."
          : null,
        createdBy: staffId,
        createdAt: at,
      });
      // Share about half with the people who have access, so the demo shows both states.
      for (const accountId of viewers) {
        if (d % 2 === 0 || d === 1) rows.add(t.documentShares, { orgId, documentId: id, accountId, sharedBy: staffId, sharedAt: at + DAY });
      }
    }
    const appts = r.int(1, 4);
    for (let a = 0; a < appts; a++) {
      const offsetDays = a === 0 ? r.int(1, 14) : -r.int(1, 120);
      // Office hours on the Dutch clock (09:00–16:30), derived without drawing from the generator so the
      // rest of the seeded data stays the same.
      const startsAt = amsterdamTimeOn(now + offsetDays * DAY, 9 + ((Math.abs(offsetDays) * 3 + a) % 8), (Math.abs(offsetDays) % 2) * 30);
      rows.add(t.appointments, {
        id: r.id(),
        orgId,
        clientId,
        startsAt,
        durationMinutes: r.pick([30, 45, 60]),
        practitionerId: staffId,
        practitionerName: practitioner.name,
        location: r.next() < 0.2 ? null : `${r.pick(PLACES)}, ${r.pick(STREETS)} ${r.int(1, 90)}`,
        videoUrl: null,
        status: offsetDays > 0 ? "gepland" : r.next() < 0.85 ? "geweest" : "afgezegd",
      });
    }
    if (viewers.length > 0) {
      const threadId = r.id();
      const at = now - r.int(2, 30) * DAY;
      rows.add(t.messageThreads, {
        id: threadId,
        orgId,
        clientId,
        subject: "Afspraken voor de komende weken",
        createdBy: staffId,
        createdAt: at,
        lastMessageAt: at + 3_600_000,
      });
      rows.add(t.messages, {
        id: r.id(),
        orgId,
        threadId,
        senderId: staffId,
        body: "Goedemiddag, hierbij de planning voor de komende weken. Laat het weten als iets niet uitkomt.",
        createdAt: at,
      });
      rows.add(t.messages, {
        id: r.id(),
        orgId,
        threadId,
        senderId: viewers[0] as string,
        body: "Dank u wel, dat komt goed uit.",
        createdAt: at + 3_600_000,
      });
      rows.add(t.threadReads, { orgId, threadId, accountId: viewers[0] as string, readUpTo: at + 3_600_000 });
      // Everyone with access takes part in the demo conversation (it was started for the whole portal).
      for (const accountId of viewers) rows.add(t.threadParticipants, { orgId, threadId, accountId, addedAt: at, addedBy: staffId });
    }
  });
  void spec;
}
