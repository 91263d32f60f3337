// Organizations and their policy, looked up by host name.
import { PolicySchema } from "@portaal/shared/policy";
import { eq } from "drizzle-orm";
import type { Organization } from "../types";
import { type Db, first } from "./client";
import { organizationLogos, organizations } from "./tables";

/** The logo's address carries (part of) its hash: a new image is a new address, so browsers fetch it at once. */
export function logoUrlOf(sha256: string | null | undefined): string | null {
  return sha256 ? `/api/organization/logo?v=${sha256.slice(0, 16)}` : null;
}

function toOrganization(row: typeof organizations.$inferSelect, logoSha256: string | null): Organization {
  return {
    id: row.id,
    name: row.name,
    hostname: row.hostname,
    publicUrl: row.publicUrl,
    emailDomain: row.emailDomain,
    phone: row.phone,
    preset: row.preset,
    policy: PolicySchema.parse(JSON.parse(row.policyJson)),
    primaryColor: row.primaryColor,
    logoText: row.logoText,
    logoUrl: logoUrlOf(logoSha256),
    supportText: row.supportText,
    aboutText: row.aboutText,
  };
}

const cache = new WeakMap<Db, Map<string, { org: Organization | null; at: number }>>();
const TTL_MS = 5_000;
/**
 * Every Host header anyone sends is looked up, so the cache is bounded: the least recently used name
 * goes first. Far more than the organizations served, so the real ones stay in.
 */
export const MAX_CACHED_HOSTS = 500;

/**
 * Organizations change rarely and are read on every request: keep them a few seconds. A save in Beheer
 * calls forgetCachedOrganizations, so this process sees it on the next request; another process (one
 * database, several BFFs) within TTL_MS.
 */
export async function findOrganizationByHost(db: Db, hostname: string): Promise<Organization | null> {
  let byHost = cache.get(db);
  if (!byHost) {
    byHost = new Map();
    cache.set(db, byHost);
  }
  const hit = byHost.get(hostname);
  if (hit && Date.now() - hit.at < TTL_MS) {
    // Most recently used last: Map keeps insertion order.
    byHost.delete(hostname);
    byHost.set(hostname, hit);
    return hit.org;
  }
  const row = first(await db.select().from(organizations).where(eq(organizations.hostname, hostname)));
  const logo = row
    ? first(await db.select({ sha256: organizationLogos.sha256 }).from(organizationLogos).where(eq(organizationLogos.orgId, row.id)))
    : undefined;
  const org = row ? toOrganization(row, logo?.sha256 ?? null) : null;
  byHost.delete(hostname);
  byHost.set(hostname, { org, at: Date.now() });
  while (byHost.size > MAX_CACHED_HOSTS) byHost.delete(byHost.keys().next().value as string);
  return org;
}

/** How many host names are cached (for the test that floods it). */
export function cachedHostCount(db: Db): number {
  return cache.get(db)?.size ?? 0;
}

export function forgetCachedOrganizations(db: Db): void {
  cache.delete(db);
}

/** Every organization (for jobs that run outside a request), without the logo. */
export async function allOrganizations(db: Db): Promise<Organization[]> {
  return (await db.select().from(organizations)).map((row) => toOrganization(row, null));
}
