// Versioned terms of use and who accepted which version.
import { and, desc, eq, sql } from "drizzle-orm";
import { type Db, preparedQuery } from "./client";
import { termsAcceptances, termsVersions } from "./schema";

const latestOfOrg = preparedQuery((db) =>
  db
    .select()
    .from(termsVersions)
    .where(eq(termsVersions.orgId, sql.placeholder("orgId")))
    .orderBy(desc(termsVersions.version))
    .limit(1)
    .prepare(),
);

export function latestTerms(db: Db, orgId: string) {
  return latestOfOrg(db).get({ orgId }) ?? null;
}

const acceptance = preparedQuery((db) =>
  db
    .select({ at: termsAcceptances.acceptedAt })
    .from(termsAcceptances)
    .where(and(eq(termsAcceptances.accountId, sql.placeholder("accountId")), eq(termsAcceptances.termsVersionId, sql.placeholder("id"))))
    .prepare(),
);

export function acceptTerms(db: Db, orgId: string, accountId: string, termsVersionId: string, now = Date.now()): void {
  db.insert(termsAcceptances).values({ orgId, accountId, termsVersionId, acceptedAt: now }).onConflictDoNothing().run();
}

/** The latest terms when this account has not accepted them yet, else null. */
export function termsToAccept(db: Db, orgId: string, accountId: string): { version: number; body: string } | null {
  const latest = latestTerms(db, orgId);
  if (!latest) return null;
  const accepted = acceptance(db).get({ accountId, id: latest.id });
  return accepted ? null : { version: latest.version, body: latest.body };
}
