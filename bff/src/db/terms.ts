// Versioned terms of use and who accepted which version.
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "./client";
import { termsAcceptances, termsVersions } from "./schema";

export function latestTerms(db: Db, orgId: string) {
  return db.select().from(termsVersions).where(eq(termsVersions.orgId, orgId)).orderBy(desc(termsVersions.version)).limit(1).get() ?? null;
}

export function acceptTerms(db: Db, orgId: string, accountId: string, termsVersionId: string, now = Date.now()): void {
  db.insert(termsAcceptances).values({ orgId, accountId, termsVersionId, acceptedAt: now }).onConflictDoNothing().run();
}

/** The latest terms when this account has not accepted them yet, else null. */
export function termsToAccept(db: Db, orgId: string, accountId: string): { version: number; body: string } | null {
  const latest = latestTerms(db, orgId);
  if (!latest) return null;
  const accepted = db
    .select({ at: termsAcceptances.acceptedAt })
    .from(termsAcceptances)
    .where(and(eq(termsAcceptances.accountId, accountId), eq(termsAcceptances.termsVersionId, latest.id)))
    .get();
  return accepted ? null : { version: latest.version, body: latest.body };
}
