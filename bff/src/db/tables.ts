// The tables the application queries: the SQLite schema's, or PostgreSQL's when DATABASE_URL is set
// (TEST_DATABASE=pg in the tests). Both have the same names, columns and value kinds (schema-parity.test.ts),
// so the repositories are written once against the SQLite types. One process uses one dialect.
// Import tables from here, not from ./schema or ./schema-pg (those are for drizzle-kit and the parity test).
import * as lite from "./schema";
import * as pgSchema from "./schema-pg";

export type Dialect = "sqlite" | "pg";

/** The dialect of this process, fixed when it starts. */
export const dialect: Dialect = process.env.DATABASE_URL || process.env.TEST_DATABASE === "pg" ? "pg" : "sqlite";

const chosen = (dialect === "pg" ? pgSchema : lite) as unknown as typeof lite;

export const {
  organizations,
  organizationLogos,
  clients,
  placements,
  contacts,
  relations,
  accounts,
  portalGrants,
  careTeam,
  sessions,
  totpCredentials,
  webauthnCredentials,
  trustedDevices,
  oneTimeTokens,
  files,
  documents,
  documentShares,
  uploads,
  appointments,
  appointmentPeople,
  messageThreads,
  messages,
  messageAttachments,
  threadStaff,
  threadParticipants,
  threadReads,
  diaryEntries,
  questionnaires,
  assignments,
  answers,
  announcements,
  termsVersions,
  termsAcceptances,
  mailOutbox,
  auditLog,
  auditVerifications,
  portalConsents,
  careNotices,
  jobRuns,
  rateLimits,
} = chosen;
