// Versioned terms of use and who accepted which version.
import { and, count, desc, eq, sql } from "drizzle-orm";
import { newId } from "../lib/ids";
import { type Db, first, preparedQuery } from "./client";
import { accounts, termsAcceptances, termsVersions } from "./tables";

const latestOfOrg = preparedQuery("latestTermsOfOrg", (db) =>
  db
    .select()
    .from(termsVersions)
    .where(eq(termsVersions.orgId, sql.placeholder("orgId")))
    .orderBy(desc(termsVersions.version))
    .limit(1),
);

export async function latestTerms(db: Db, orgId: string) {
  return (await latestOfOrg(db).get({ orgId })) ?? null;
}

const acceptance = preparedQuery("termsAcceptance", (db) =>
  db
    .select({ at: termsAcceptances.acceptedAt })
    .from(termsAcceptances)
    .where(and(eq(termsAcceptances.accountId, sql.placeholder("accountId")), eq(termsAcceptances.termsVersionId, sql.placeholder("id")))),
);

export async function acceptTerms(db: Db, orgId: string, accountId: string, termsVersionId: string, now = Date.now()): Promise<void> {
  await db.insert(termsAcceptances).values({ orgId, accountId, termsVersionId, acceptedAt: now }).onConflictDoNothing();
}

/** The latest terms when this account has not accepted them yet, else null. */
export async function termsToAccept(db: Db, orgId: string, accountId: string): Promise<{ version: number; body: string } | null> {
  const latest = await latestTerms(db, orgId);
  if (!latest) return null;
  const accepted = await acceptance(db).get({ accountId, id: latest.id });
  return accepted ? null : { version: latest.version, body: latest.body };
}

/** Every version, newest first, with who published it and how many accounts accepted it. */
export async function listTermsVersions(db: Db, orgId: string) {
  const accepted = db
    .select({ id: termsAcceptances.termsVersionId, n: count().as("n") })
    .from(termsAcceptances)
    .where(eq(termsAcceptances.orgId, orgId))
    .groupBy(termsAcceptances.termsVersionId)
    .as("accepted");
  return await db
    .select({
      version: termsVersions.version,
      body: termsVersions.body,
      publishedAt: termsVersions.publishedAt,
      publishedBy: accounts.displayName,
      accepted: sql<number>`coalesce(${accepted.n}, 0)`.mapWith(Number),
    })
    .from(termsVersions)
    .leftJoin(accounts, and(eq(accounts.id, termsVersions.publishedBy), eq(accounts.orgId, orgId)))
    .leftJoin(accepted, eq(accepted.id, termsVersions.id))
    .where(eq(termsVersions.orgId, orgId))
    .orderBy(desc(termsVersions.version));
}

export async function countActiveAccounts(db: Db, orgId: string): Promise<number> {
  return (
    first(
      await db
        .select({ n: count() })
        .from(accounts)
        .where(and(eq(accounts.orgId, orgId), eq(accounts.status, "active"))),
    )?.n ?? 0
  );
}

export type PublishResult = { ok: true; version: number } | { ok: false; reason: "changed" };

/**
 * A new version after `after` (the newest the writer saw): refused when someone published in between.
 * The publisher wrote them, so they count as accepted by them. Call inside a write transaction.
 */
export async function publishTerms(
  db: Db,
  orgId: string,
  accountId: string,
  body: string,
  after: number,
  now = Date.now(),
): Promise<PublishResult> {
  const latest = await latestTerms(db, orgId);
  if ((latest?.version ?? 0) !== after) return { ok: false, reason: "changed" };
  const id = newId();
  const version = after + 1;
  await db.insert(termsVersions).values({ id, orgId, version, body, publishedAt: now, publishedBy: accountId });
  await acceptTerms(db, orgId, accountId, id, now);
  return { ok: true, version };
}
