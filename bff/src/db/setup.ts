// What the operator's command line writes: organizations and the staff invited into them.
import { PRESETS, type Preset } from "@portaal/shared/policy";
import { and, count, eq, sql } from "drizzle-orm";
import { newId } from "../lib/ids";
import { type Db, first } from "./client";
import { accounts, organizations, termsVersions } from "./tables";

export type StaffRole = "beheerder" | "secretariaat" | "behandelaar" | "begeleider";

export interface NewOrganization {
  name: string;
  hostname: string;
  publicUrl: string;
  emailDomain: string;
  phone: string;
  preset: Preset;
  primaryColor: string;
}

const FIRST_TERMS = (name: string) =>
  `Gebruiksvoorwaarden van het cliëntenportaal van ${name}. U gebruikt het portaal alleen voor uzelf of voor de cliënt bij wie u betrokken bent. U houdt uw wachtwoord en uw tweede stap voor uzelf. Het portaal is niet bedoeld voor crisissituaties of om afspraken af te zeggen: bel dan de organisatie.`;

export async function hostnameTaken(db: Db, hostname: string): Promise<boolean> {
  return first(await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.hostname, hostname))) !== undefined;
}

/** The organization with its policy preset and a first version of the terms (the beheerder publishes their own). */
export async function createOrganization(db: Db, input: NewOrganization, now = Date.now()): Promise<string> {
  const id = newId();
  await db.insert(organizations).values({
    id,
    name: input.name,
    hostname: input.hostname,
    publicUrl: input.publicUrl,
    emailDomain: input.emailDomain,
    phone: input.phone,
    preset: input.preset,
    policyJson: JSON.stringify(PRESETS[input.preset]),
    primaryColor: input.primaryColor,
    logoText: input.name,
    createdAt: now,
  });
  await db.insert(termsVersions).values({ id: newId(), orgId: id, version: 1, body: FIRST_TERMS(input.name), publishedAt: now });
  return id;
}

export async function findOrganizationByAddress(db: Db, hostnameOrId: string) {
  return first(
    await db
      .select()
      .from(organizations)
      .where(sql`${organizations.hostname} = ${hostnameOrId} OR ${organizations.id} = ${hostnameOrId}`)
      .limit(1),
  );
}

export async function listOrganizationsWithCounts(db: Db) {
  return await db
    .select({
      id: organizations.id,
      name: organizations.name,
      hostname: organizations.hostname,
      publicUrl: organizations.publicUrl,
      preset: organizations.preset,
      // Written out: inside a sub-select drizzle leaves column names unqualified.
      staff: sql<number>`(SELECT count(*) FROM accounts a WHERE a.org_id = organizations.id AND a.kind = 'staff')`.mapWith(Number),
      activeBeheerders:
        sql<number>`(SELECT count(*) FROM accounts a WHERE a.org_id = organizations.id AND a.staff_role = 'beheerder' AND a.status = 'active')`.mapWith(
          Number,
        ),
      clients: sql<number>`(SELECT count(*) FROM clients c WHERE c.org_id = organizations.id)`.mapWith(Number),
    })
    .from(organizations)
    .orderBy(organizations.name);
}

export async function emailInUse(db: Db, orgId: string, email: string): Promise<boolean> {
  const n = first(
    await db
      .select({ n: count() })
      .from(accounts)
      .where(and(eq(accounts.orgId, orgId), eq(accounts.email, email.toLowerCase()))),
  )?.n;
  return (n ?? 0) > 0;
}

/** A staff account waiting for its activation link. */
export async function createStaffInvite(
  db: Db,
  orgId: string,
  input: { email: string; name: string; role: StaffRole },
  now = Date.now(),
): Promise<string> {
  const id = newId();
  await db.insert(accounts).values({
    id,
    orgId,
    email: input.email.toLowerCase(),
    kind: "staff",
    staffRole: input.role,
    displayName: input.name,
    status: "invited",
    createdAt: now,
    updatedAt: now,
  });
  return id;
}
