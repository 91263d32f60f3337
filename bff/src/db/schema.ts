// The drizzle schema: every table of the portal. Rows that belong to an organization carry org_id.
import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const now = sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`;
const orgId = () =>
  text("org_id")
    .notNull()
    .references(() => organizations.id);

export const organizations = sqliteTable("organizations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  hostname: text("hostname").notNull().unique(),
  /**
   * The organization's public address (https://portaal.example.nl), set at creation: every link in an
   * e-mail is built from it, never from the request's Host header. Null only for the demo.
   */
  publicUrl: text("public_url"),
  emailDomain: text("email_domain").notNull(),
  phone: text("phone").notNull(),
  preset: text("preset").notNull(),
  policyJson: text("policy_json").notNull(),
  primaryColor: text("primary_color").notNull(),
  logoText: text("logo_text").notNull(),
  /** The beheerder's own Support and Over ons texts (plain text); empty: the portal's standard text. */
  supportText: text("support_text").notNull().default(""),
  aboutText: text("about_text").notNull().default(""),
  /** Raised by every save of the settings (and the logo): a save made against an older one is refused (409). */
  settingsVersion: integer("settings_version").notNull().default(1),
  /** The same for the security policy. */
  policyVersion: integer("policy_version").notNull().default(1),
  createdAt: integer("created_at").notNull().default(now),
});

/** The organization's logo image (PNG or WebP, checked by content): private, served by GET /api/organization/logo. */
export const organizationLogos = sqliteTable("organization_logos", {
  orgId: text("org_id")
    .primaryKey()
    .references(() => organizations.id),
  mime: text("mime").notNull(),
  bytes: blob("bytes", { mode: "buffer" }).notNull(),
  sha256: text("sha256").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const clients = sqliteTable(
  "clients",
  {
    id: text("id").primaryKey(),
    orgId: orgId(),
    clientNumber: text("client_number").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    birthDate: text("birth_date"),
    email: text("email"),
    phone: text("phone"),
    address: text("address"),
    /** Optimistic concurrency: each edit raises it; an edit with an older version changes nothing (409). */
    version: integer("version").notNull().default(1),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("clients_org_number").on(t.orgId, t.clientNumber), index("clients_org_name").on(t.orgId, t.lastName, t.firstName)],
);

export const placements = sqliteTable(
  "placements",
  {
    id: text("id").primaryKey(),
    orgId: orgId(),
    clientId: text("client_id")
      .notNull()
      .references(() => clients.id),
    kind: text("kind", { enum: ["plaatsing", "product"] }).notNull(),
    name: text("name").notNull(),
    location: text("location"),
    startDate: text("start_date").notNull(),
    endDate: text("end_date"),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("placements_client").on(t.orgId, t.clientId)],
);

export const contacts = sqliteTable(
  "contacts",
  {
    id: text("id").primaryKey(),
    orgId: orgId(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    email: text("email"),
    phone: text("phone"),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("contacts_org_name").on(t.orgId, t.lastName)],
);

/** Actuele relaties: one contact linked to one or more clients. */
export const relations = sqliteTable(
  "relations",
  {
    id: text("id").primaryKey(),
    orgId: orgId(),
    clientId: text("client_id")
      .notNull()
      .references(() => clients.id),
    contactId: text("contact_id")
      .notNull()
      .references(() => contacts.id),
    role: text("role").notNull(),
    gezag: integer("gezag", { mode: "boolean" }).notNull().default(false),
    startDate: text("start_date"),
    /** Set when the relation ends: its portal access closes, the row (and its history) stays. */
    endDate: text("end_date"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("relations_client_contact").on(t.orgId, t.clientId, t.contactId),
    index("relations_contact").on(t.orgId, t.contactId),
  ],
);

/** Everyone who can log in: staff and COV (cliënt, ouder, verwant). One e-mail per organization. */
export const accounts = sqliteTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    orgId: orgId(),
    email: text("email").notNull(),
    kind: text("kind", { enum: ["staff", "cov"] }).notNull(),
    staffRole: text("staff_role", { enum: ["beheerder", "secretariaat", "behandelaar", "begeleider"] }),
    displayName: text("display_name").notNull(),
    /** The client this account belongs to, when the user is a client. */
    clientId: text("client_id").references(() => clients.id),
    /** The contact this account belongs to, when the user is a relation. */
    contactId: text("contact_id").references(() => contacts.id),
    passwordHash: text("password_hash"),
    status: text("status", { enum: ["invited", "active", "blocked", "deactivated", "closed"] }).notNull(),
    blockedReason: text("blocked_reason"),
    failedPasswords: integer("failed_passwords").notNull().default(0),
    /** No password is checked before this time (a temporary block, or a blocked account's pace). */
    passwordPausedUntil: integer("password_paused_until"),
    /** Wrong second-factor codes in a row, and the pause they caused: the second factor locks like the password. */
    failedCodes: integer("failed_codes").notNull().default(0),
    codesPausedUntil: integer("codes_paused_until"),
    loginsWithoutFactor: integer("logins_without_factor").notNull().default(0),
    lastLoginAt: integer("last_login_at"),
    /** Start of the visit before the current one: "Nieuw voor u" counts from here. */
    previousLoginAt: integer("previous_login_at"),
    /**
     * Start of the latest session in which the portal was actually opened (GET /api/me). A login that
     * never got that far (a bounce, a closed tab) is no visit and does not move previousLoginAt.
     */
    lastVisitAt: integer("last_visit_at"),
    secretQuestion: text("secret_question"),
    secretAnswerHash: text("secret_answer_hash"),
    /** Wrong answers given to staff checking the secret question; at the limit the check stops until a beheerder resets it. */
    secretCheckFailures: integer("secret_check_failures").notNull().default(0),
    locale: text("locale").notNull().default("nl"),
    tourSeenAt: integer("tour_seen_at"),
    closeRequestedAt: integer("close_requested_at"),
    /** Raised by every change a beheerder makes to a staff account: two beheerders cannot overwrite each other. */
    version: integer("version").notNull().default(1),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("accounts_org_email").on(t.orgId, t.email),
    // Staff of an organization without reading its (many) clients' and relations' accounts: the word for its
    // practitioners on every /api/me, staff lists and checks.
    index("accounts_org_staff").on(t.orgId, t.kind, t.staffRole),
  ],
);

/** A COV account's access to one client's portal. */
export const portalGrants = sqliteTable(
  "portal_grants",
  {
    id: text("id").primaryKey(),
    orgId: orgId(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    clientId: text("client_id")
      .notNull()
      .references(() => clients.id),
    relation: text("relation").notNull(),
    status: text("status", { enum: ["active", "revoked"] }).notNull(),
    createdAt: integer("created_at").notNull().default(now),
    revokedAt: integer("revoked_at"),
  },
  (t) => [uniqueIndex("grants_account_client").on(t.orgId, t.accountId, t.clientId), index("grants_client").on(t.orgId, t.clientId)],
);

/** Practitioners who work with a client (begeleider, behandelaar). */
export const careTeam = sqliteTable(
  "care_team",
  {
    orgId: orgId(),
    clientId: text("client_id")
      .notNull()
      .references(() => clients.id),
    staffId: text("staff_id")
      .notNull()
      .references(() => accounts.id),
  },
  (t) => [
    primaryKey({ columns: [t.clientId, t.staffId] }),
    index("care_team_staff").on(t.orgId, t.staffId),
    // Without it SQLite picks care_team_staff for "the team of this client" and reads the whole organization.
    index("care_team_client").on(t.orgId, t.clientId),
  ],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the token, hex. The token itself is only ever in the cookie. */
    id: text("id").primaryKey(),
    orgId: orgId(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    secondFactorVerified: integer("second_factor_verified", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
    lastActivityAt: integer("last_activity_at").notNull(),
    idleExpiresAt: integer("idle_expires_at").notNull(),
    absoluteExpiresAt: integer("absolute_expires_at").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    /** When the user last confirmed their password or a code in this session (not the login itself). */
    reauthAt: integer("reauth_at"),
  },
  (t) => [index("sessions_account").on(t.accountId)],
);

// Factors and devices are looked up per account on every Home and login: each needs its index (bench/).
export const totpCredentials = sqliteTable(
  "totp_credentials",
  {
    id: text("id").primaryKey(),
    orgId: orgId(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    /** AES-256-GCM with the server's key, base64: iv | ciphertext | tag. */
    keyEncrypted: text("key_encrypted").notNull(),
    label: text("label").notNull(),
    confirmed: integer("confirmed", { mode: "boolean" }).notNull().default(false),
    /** The last accepted 30-s step, so a code cannot be replayed. */
    lastUsedStep: integer("last_used_step"),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("totp_account").on(t.accountId)],
);

export const webauthnCredentials = sqliteTable(
  "webauthn_credentials",
  {
    id: text("id").primaryKey(),
    orgId: orgId(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    publicKey: text("public_key").notNull(),
    counter: integer("counter").notNull().default(0),
    transports: text("transports"),
    name: text("name").notNull(),
    createdAt: integer("created_at").notNull().default(now),
    lastUsedAt: integer("last_used_at"),
  },
  (t) => [index("webauthn_account").on(t.accountId)],
);

export const trustedDevices = sqliteTable(
  "trusted_devices",
  {
    id: text("id").primaryKey(),
    orgId: orgId(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    userAgent: text("user_agent"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("trusted_devices_account").on(t.accountId)],
);

/** Activation links, reset links and e-mailed codes: only hashes are stored. */
export const oneTimeTokens = sqliteTable(
  "one_time_tokens",
  {
    id: text("id").primaryKey(),
    orgId: orgId(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    purpose: text("purpose", { enum: ["activation", "reset", "email-code", "webauthn-challenge"] }).notNull(),
    tokenHash: text("token_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    dataJson: text("data_json"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [uniqueIndex("ott_hash").on(t.tokenHash), index("ott_account").on(t.accountId, t.purpose)],
);

export const files = sqliteTable("files", {
  id: text("id").primaryKey(),
  orgId: orgId(),
  clientId: text("client_id")
    .notNull()
    .references(() => clients.id),
  storageName: text("storage_name").notNull(),
  originalName: text("original_name").notNull(),
  mime: text("mime").notNull(),
  size: integer("size").notNull(),
  sha256: text("sha256").notNull(),
  uploadedBy: text("uploaded_by").references(() => accounts.id),
  createdAt: integer("created_at").notNull().default(now),
});

/** Documents and verslagen of a client's dossier. Nothing is visible until shared per person. */
export const documents = sqliteTable(
  "documents",
  {
    id: text("id").primaryKey(),
    orgId: orgId(),
    clientId: text("client_id")
      .notNull()
      .references(() => clients.id),
    kind: text("kind", { enum: ["document", "verslag"] }).notNull(),
    title: text("title").notNull(),
    category: text("category"),
    docDate: text("doc_date").notNull(),
    author: text("author").notNull(),
    bodyText: text("body_text"),
    fileId: text("file_id").references(() => files.id),
    createdBy: text("created_by").references(() => accounts.id),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("documents_client").on(t.orgId, t.clientId, t.kind, t.docDate)],
);

export const documentShares = sqliteTable(
  "document_shares",
  {
    orgId: orgId(),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    sharedBy: text("shared_by").references(() => accounts.id),
    sharedAt: integer("shared_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.accountId] }), index("shares_account").on(t.accountId, t.sharedAt)],
);

export const uploads = sqliteTable(
  "uploads",
  {
    id: text("id").primaryKey(),
    orgId: orgId(),
    clientId: text("client_id")
      .notNull()
      .references(() => clients.id),
    fileId: text("file_id")
      .notNull()
      .references(() => files.id),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    note: text("note"),
    keptAt: integer("kept_at"),
    keptBy: text("kept_by").references(() => accounts.id),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("uploads_client").on(t.orgId, t.clientId, t.createdAt)],
);

export const appointments = sqliteTable(
  "appointments",
  {
    id: text("id").primaryKey(),
    orgId: orgId(),
    clientId: text("client_id")
      .notNull()
      .references(() => clients.id),
    startsAt: integer("starts_at").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    practitionerId: text("practitioner_id").references(() => accounts.id),
    practitionerName: text("practitioner_name").notNull(),
    location: text("location"),
    videoUrl: text("video_url"),
    status: text("status", { enum: ["gepland", "geweest", "afgezegd"] }).notNull(),
    description: text("description"),
    /** Set when staff move, change or cancel it: the portal marks it "Gewijzigd" and counts it as news. */
    changedAt: integer("changed_at"),
    /** Raised by every change: an edit states the version it started from, so two staff cannot overwrite each other. */
    version: integer("version").notNull().default(1),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("appointments_client").on(t.orgId, t.clientId, t.startsAt)],
);

/**
 * The portal people an appointment is for, when staff named them. No rows: the whole portal (the default,
 * and every appointment from before the choice existed).
 */
export const appointmentPeople = sqliteTable(
  "appointment_people",
  {
    orgId: orgId(),
    appointmentId: text("appointment_id")
      .notNull()
      .references(() => appointments.id),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
  },
  (t) => [primaryKey({ columns: [t.appointmentId, t.accountId] }), index("appointment_people_account").on(t.orgId, t.accountId)],
);

export const messageThreads = sqliteTable(
  "message_threads",
  {
    id: text("id").primaryKey(),
    orgId: orgId(),
    clientId: text("client_id")
      .notNull()
      .references(() => clients.id),
    subject: text("subject").notNull(),
    createdBy: text("created_by")
      .notNull()
      .references(() => accounts.id),
    createdAt: integer("created_at").notNull(),
    lastMessageAt: integer("last_message_at").notNull(),
  },
  (t) => [index("threads_client").on(t.orgId, t.clientId, t.lastMessageAt)],
);

export const messages = sqliteTable(
  "messages",
  {
    id: text("id").primaryKey(),
    orgId: orgId(),
    threadId: text("thread_id")
      .notNull()
      .references(() => messageThreads.id),
    senderId: text("sender_id")
      .notNull()
      .references(() => accounts.id),
    body: text("body").notNull(),
    fileId: text("file_id").references(() => files.id),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("messages_thread").on(t.threadId, t.createdAt)],
);

/** Files attached to a message; checked by content like uploads. Only readers of the thread may fetch them. */
export const messageAttachments = sqliteTable(
  "message_attachments",
  {
    orgId: orgId(),
    messageId: text("message_id")
      .notNull()
      .references(() => messages.id),
    fileId: text("file_id")
      .notNull()
      .references(() => files.id),
    /** The order the files were attached in (SQLite kept it by rowid; PostgreSQL has none). */
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.fileId] }), index("message_attachments_file").on(t.fileId)],
);

/**
 * The staff a conversation is for, when its writer chose part of the client's care team. No rows: the
 * whole care team (the default, and every conversation from before the choice existed).
 */
export const threadStaff = sqliteTable(
  "thread_staff",
  {
    orgId: orgId(),
    threadId: text("thread_id")
      .notNull()
      .references(() => messageThreads.id),
    staffId: text("staff_id")
      .notNull()
      .references(() => accounts.id),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.staffId] }), index("thread_staff_staff").on(t.orgId, t.staffId)],
);

/**
 * The portal people (COV accounts with a grant on the client) who take part in a conversation: only they
 * list, read and answer it in the portal and hear of it. Staff access is decided apart (care team,
 * thread_staff, beheerders). Someone who gets portal access later takes part only when staff add them.
 */
export const threadParticipants = sqliteTable(
  "thread_participants",
  {
    orgId: orgId(),
    threadId: text("thread_id")
      .notNull()
      .references(() => messageThreads.id),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    addedAt: integer("added_at").notNull().default(now),
    /** Who added them: the starter (for a new thread) or a staff member; null for the backfill. */
    addedBy: text("added_by").references(() => accounts.id),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.accountId] }), index("thread_participants_account").on(t.orgId, t.accountId)],
);

/** Read state per person per thread: everything up to read_up_to is read. */
export const threadReads = sqliteTable(
  "thread_reads",
  {
    orgId: orgId(),
    threadId: text("thread_id")
      .notNull()
      .references(() => messageThreads.id),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    readUpTo: integer("read_up_to").notNull(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.accountId] })],
);

export const diaryEntries = sqliteTable(
  "diary_entries",
  {
    id: text("id").primaryKey(),
    orgId: orgId(),
    clientId: text("client_id")
      .notNull()
      .references(() => clients.id),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    entryDate: text("entry_date").notNull(),
    mood: integer("mood"),
    tags: text("tags"),
    body: text("body").notNull(),
    sharedAt: integer("shared_at"),
    version: integer("version").notNull().default(1),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("diary_owner").on(t.orgId, t.clientId, t.accountId, t.entryDate)],
);

export const questionnaires = sqliteTable("questionnaires", {
  id: text("id").primaryKey(),
  orgId: orgId(),
  kind: text("kind", { enum: ["module", "vragenlijst"] }).notNull(),
  title: text("title").notNull(),
  description: text("description").notNull(),
  definitionJson: text("definition_json").notNull(),
  createdBy: text("created_by").references(() => accounts.id),
  createdAt: integer("created_at").notNull().default(now),
});

export const assignments = sqliteTable(
  "assignments",
  {
    id: text("id").primaryKey(),
    orgId: orgId(),
    questionnaireId: text("questionnaire_id")
      .notNull()
      .references(() => questionnaires.id),
    clientId: text("client_id")
      .notNull()
      .references(() => clients.id),
    /** A specific person, or null for everyone with access to the portal. */
    accountId: text("account_id").references(() => accounts.id),
    status: text("status", { enum: ["open", "bezig", "ingediend"] }).notNull(),
    assignedBy: text("assigned_by").references(() => accounts.id),
    assignedAt: integer("assigned_at").notNull(),
    submittedAt: integer("submitted_at"),
    submittedBy: text("submitted_by").references(() => accounts.id),
  },
  (t) => [index("assignments_client").on(t.orgId, t.clientId)],
);

export const answers = sqliteTable(
  "answers",
  {
    orgId: orgId(),
    assignmentId: text("assignment_id")
      .notNull()
      .references(() => assignments.id),
    questionId: text("question_id").notNull(),
    valueJson: text("value_json").notNull(),
    updatedBy: text("updated_by").references(() => accounts.id),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.questionId] })],
);

export const announcements = sqliteTable("announcements", {
  id: text("id").primaryKey(),
  orgId: orgId(),
  title: text("title").notNull(),
  body: text("body").notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  publishedAt: integer("published_at").notNull(),
  /** Shown on Home from this date (Dutch calendar day, YYYY-MM-DD) and up to and including endsOn; null: no limit. */
  startsOn: text("starts_on"),
  endsOn: text("ends_on"),
});

export const termsVersions = sqliteTable(
  "terms_versions",
  {
    id: text("id").primaryKey(),
    orgId: orgId(),
    version: integer("version").notNull(),
    body: text("body").notNull(),
    publishedAt: integer("published_at").notNull(),
    /** The beheerder who published it; null for the version made when the organization was set up. */
    publishedBy: text("published_by").references(() => accounts.id),
  },
  (t) => [uniqueIndex("terms_org_version").on(t.orgId, t.version)],
);

export const termsAcceptances = sqliteTable(
  "terms_acceptances",
  {
    orgId: orgId(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    termsVersionId: text("terms_version_id")
      .notNull()
      .references(() => termsVersions.id),
    acceptedAt: integer("accepted_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.termsVersionId] })],
);

/** Mail is written here first; a worker sends it, so nothing is lost while SMTP is down. */
export const mailOutbox = sqliteTable(
  "mail_outbox",
  {
    id: text("id").primaryKey(),
    orgId: orgId(),
    to: text("to_address").notNull(),
    subject: text("subject").notNull(),
    /** What the mail is about (e.g. "share"), so notifications can be bundled per recipient. */
    kind: text("kind"),
    text: text("text_body").notNull(),
    html: text("html_body").notNull(),
    status: text("status", { enum: ["pending", "sending", "sent", "captured", "failed"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
  },
  (t) => [index("outbox_pending").on(t.status, t.nextAttemptAt), index("outbox_to").on(t.to, t.createdAt)],
);

/** NEN 7513 audit log: append-only, each row chained to the previous by hash. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    orgId: text("org_id"),
    at: integer("at").notNull(),
    actorId: text("actor_id"),
    actorLabel: text("actor_label").notNull(),
    clientId: text("client_id"),
    action: text("action").notNull(),
    objectType: text("object_type"),
    objectId: text("object_id"),
    ip: text("ip"),
    outcome: text("outcome", { enum: ["success", "failure", "denied"] }).notNull(),
    detailsJson: text("details_json"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_client").on(t.orgId, t.clientId, t.at),
    index("audit_object").on(t.objectType, t.objectId),
    // Logboek: one organization's rows newest first (an index ends in the rowid, here seq), by person, by action.
    index("audit_org").on(t.orgId),
    index("audit_org_actor").on(t.orgId, t.actorId),
    index("audit_org_action").on(t.orgId, t.action),
  ],
);

/** Runs of the audit chain's verification ("Nu controleren" in Logboek): who, when, and what it found. */
export const auditVerifications = sqliteTable(
  "audit_verifications",
  {
    id: text("id").primaryKey(),
    orgId: orgId(),
    at: integer("at").notNull(),
    actorId: text("actor_id").references(() => accounts.id),
    ok: integer("ok", { mode: "boolean" }).notNull(),
    rows: integer("rows").notNull(),
    firstBrokenSeq: integer("first_broken_seq"),
  },
  (t) => [index("audit_verifications_org").on(t.orgId, t.at)],
);

/**
 * Consent that a relation may see the client's portal (WGBO): the client's consent that a parent or
 * guardian with gezag keeps access after the 16th birthday, and the consent a relation without gezag
 * (verwant, mentor, …) needs before activation: of the client (16+) or of a gezag holder. Given by staff in Beheer or by the client in Mijn account; revoking sets
 * revokedAt (the row stays, so the history of who consented when is kept).
 */
export const portalConsents = sqliteTable(
  "portal_consents",
  {
    id: text("id").primaryKey(),
    orgId: orgId(),
    clientId: text("client_id")
      .notNull()
      .references(() => clients.id),
    relationId: text("relation_id")
      .notNull()
      .references(() => relations.id),
    contactId: text("contact_id")
      .notNull()
      .references(() => contacts.id),
    givenBy: text("given_by", { enum: ["medewerker", "client"] }).notNull(),
    /**
     * Whose consent it is: the client's (from 16 the client decides) or a gezag holder's (a relation
     * without gezag of a client under 16). Staff record either; the client records only their own.
     */
    decidedBy: text("decided_by", { enum: ["client", "gezaghouder"] })
      .notNull()
      .default("client"),
    /** The gezag holder's relation, when decidedBy is gezaghouder. */
    gezagRelationId: text("gezag_relation_id").references(() => relations.id),
    givenById: text("given_by_id")
      .notNull()
      .references(() => accounts.id),
    givenAt: integer("given_at").notNull(),
    revokedAt: integer("revoked_at"),
    revokedById: text("revoked_by_id").references(() => accounts.id),
  },
  (t) => [index("consents_client").on(t.orgId, t.clientId), index("consents_relation").on(t.orgId, t.relationId)],
);

/** E-mails the daily care job sends once per person and occasion (such as "16 in 30 days"). */
export const careNotices = sqliteTable(
  "care_notices",
  {
    orgId: orgId(),
    clientId: text("client_id")
      .notNull()
      .references(() => clients.id),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    kind: text("kind").notNull(),
    sentAt: integer("sent_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.accountId, t.kind] })],
);

/** The Dutch day on which a daily job last ran: a restart on the same day does not run it again. */
export const jobRuns = sqliteTable("job_runs", {
  name: text("name").primaryKey(),
  lastDay: text("last_day").notNull(),
  ranAt: integer("ran_at").notNull(),
});

/**
 * Fixed-window attempt counters (per IP, account or session, prefixed by the limit's name), kept in the
 * database so that every portal process counts the same attempts. Counted by one upsert (db/rate-limits.ts);
 * windows that ended are swept by the session sweeper.
 */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  count: integer("count").notNull(),
});
