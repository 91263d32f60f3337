// The beheerder's settings of the organization (Instellingen, logo, announcement) and its security policy,
// each saved only against the version it was read at, so two beheerders never overwrite each other.
import { createHash } from "node:crypto";
import type { OrganizationSettings, OrganizationSettingsResponse } from "@portaal/shared/organization-settings";
import { type Policy, PolicySchema } from "@portaal/shared/policy";
import { and, desc, eq } from "drizzle-orm";
import { newId } from "../lib/ids";
import { changes, type Db, first } from "./client";
import { logoUrlOf } from "./organizations";
import { announcements, organizationLogos, organizations } from "./tables";

export type SaveResult<T> = { ok: true; version: number } & T;
export type Refusal = { ok: false; reason: "stale" | "not_found" };

/** The announcement Beheer edits: the newest active one (Home shows it between its dates). */
async function currentAnnouncement(db: Db, orgId: string) {
  return first(
    await db
      .select()
      .from(announcements)
      .where(and(eq(announcements.orgId, orgId), eq(announcements.active, true)))
      .orderBy(desc(announcements.publishedAt))
      .limit(1),
  );
}

export async function readOrganizationSettings(db: Db, orgId: string): Promise<OrganizationSettingsResponse | null> {
  const org = first(await db.select().from(organizations).where(eq(organizations.id, orgId)));
  if (!org) return null;
  const a = await currentAnnouncement(db, orgId);
  const logo = first(
    await db
      .select({ mime: organizationLogos.mime, sha256: organizationLogos.sha256, bytes: organizationLogos.bytes })
      .from(organizationLogos)
      .where(eq(organizationLogos.orgId, orgId)),
  );
  return {
    settings: {
      name: org.name,
      logoText: org.logoText,
      primaryColor: org.primaryColor,
      phone: org.phone,
      supportText: org.supportText,
      aboutText: org.aboutText,
      announcement: a ? { title: a.title, body: a.body, startsOn: a.startsOn, endsOn: a.endsOn } : null,
    },
    logo: logo ? { url: logoUrlOf(logo.sha256) as string, mime: logo.mime, size: logo.bytes.byteLength } : null,
    version: org.settingsVersion,
  };
}

/** Raises the settings version if it still is `expected`; false when someone saved in between. */
async function bumpSettingsVersion(db: Db, orgId: string, expected: number): Promise<boolean> {
  const r = await db
    .update(organizations)
    .set({ settingsVersion: expected + 1 })
    .where(and(eq(organizations.id, orgId), eq(organizations.settingsVersion, expected)));
  return changes(r) === 1;
}

/** Call inside a write transaction. The announcement is updated in place; none: the current one ends. */
export async function saveOrganizationSettings(
  db: Db,
  orgId: string,
  expectedVersion: number,
  input: OrganizationSettings,
  now: number,
): Promise<SaveResult<{ before: OrganizationSettingsResponse["settings"] }> | Refusal> {
  const before = await readOrganizationSettings(db, orgId);
  if (!before) return { ok: false, reason: "not_found" };
  if (!(await bumpSettingsVersion(db, orgId, expectedVersion))) return { ok: false, reason: "stale" };
  await db
    .update(organizations)
    .set({
      name: input.name,
      logoText: input.logoText,
      primaryColor: input.primaryColor,
      phone: input.phone,
      supportText: input.supportText,
      aboutText: input.aboutText,
    })
    .where(eq(organizations.id, orgId));
  const current = await currentAnnouncement(db, orgId);
  const a = input.announcement;
  const prev = before.settings.announcement;
  if (!a) {
    if (current) await db.update(announcements).set({ active: false }).where(eq(announcements.id, current.id));
  } else if (current) {
    // A changed text is news again: it moves up as newly published.
    const changedText = prev?.title !== a.title || prev?.body !== a.body;
    await db
      .update(announcements)
      .set({ title: a.title, body: a.body, startsOn: a.startsOn, endsOn: a.endsOn, ...(changedText ? { publishedAt: now } : {}) })
      .where(eq(announcements.id, current.id));
  } else {
    await db
      .insert(announcements)
      .values({ id: newId(), orgId, title: a.title, body: a.body, startsOn: a.startsOn, endsOn: a.endsOn, active: true, publishedAt: now });
  }
  return { ok: true, version: expectedVersion + 1, before: before.settings };
}

export interface LogoRow {
  mime: string;
  bytes: Buffer;
  sha256: string;
  updatedAt: number;
}

export async function findOrganizationLogo(db: Db, orgId: string): Promise<LogoRow | undefined> {
  return first(
    await db
      .select({
        mime: organizationLogos.mime,
        bytes: organizationLogos.bytes,
        sha256: organizationLogos.sha256,
        updatedAt: organizationLogos.updatedAt,
      })
      .from(organizationLogos)
      .where(eq(organizationLogos.orgId, orgId)),
  );
}

/** Call inside a write transaction: stores (or, with null, removes) the logo image. */
export async function saveOrganizationLogo(
  db: Db,
  orgId: string,
  expectedVersion: number,
  image: { mime: string; bytes: Uint8Array } | null,
  now: number,
): Promise<SaveResult<{ sha256: string | null; hadLogo: boolean }> | Refusal> {
  if (!(await bumpSettingsVersion(db, orgId, expectedVersion))) return { ok: false, reason: "stale" };
  const had = await findOrganizationLogo(db, orgId);
  if (!image) {
    await db.delete(organizationLogos).where(eq(organizationLogos.orgId, orgId));
    return { ok: true, version: expectedVersion + 1, sha256: null, hadLogo: Boolean(had) };
  }
  const bytes = Buffer.from(image.bytes);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  await db
    .insert(organizationLogos)
    .values({ orgId, mime: image.mime, bytes, sha256, updatedAt: now })
    .onConflictDoUpdate({ target: organizationLogos.orgId, set: { mime: image.mime, bytes, sha256, updatedAt: now } });
  return { ok: true, version: expectedVersion + 1, sha256, hadLogo: Boolean(had) };
}

export async function readOrganizationPolicy(db: Db, orgId: string): Promise<{ policy: Policy; version: number } | null> {
  const row = first(
    await db
      .select({ policyJson: organizations.policyJson, version: organizations.policyVersion })
      .from(organizations)
      .where(eq(organizations.id, orgId)),
  );
  return row ? { policy: PolicySchema.parse(JSON.parse(row.policyJson)), version: row.version } : null;
}

/** Call inside a write transaction. */
export async function saveOrganizationPolicy(
  db: Db,
  orgId: string,
  expectedVersion: number,
  policy: Policy,
): Promise<SaveResult<{ before: Policy }> | Refusal> {
  const before = await readOrganizationPolicy(db, orgId);
  if (!before) return { ok: false, reason: "not_found" };
  const r = await db
    .update(organizations)
    .set({ policyJson: JSON.stringify(policy), policyVersion: expectedVersion + 1 })
    .where(and(eq(organizations.id, orgId), eq(organizations.policyVersion, expectedVersion)));
  if (changes(r) !== 1) return { ok: false, reason: "stale" };
  return { ok: true, version: expectedVersion + 1, before: before.policy };
}
