// The operator's commands (`npm run admin -- …`): set up an organization and its first beheerder, list
// organizations, invite staff. Each checks every argument first and writes nothing when one is wrong.
import { parseArgs } from "node:util";
import { contrastRatio, formatRatio, MIN_CONTRAST } from "@portaal/shared/organization-settings";
import { PresetSchema } from "@portaal/shared/policy";
import { z } from "zod";
import { appendAudit } from "../audit/log";
import { issueLinkToken } from "../auth/link-tokens";
import { type Db, writeTx } from "../db/client";
import {
  createOrganization,
  createStaffInvite,
  emailInUse,
  findOrganizationByAddress,
  hostnameTaken,
  listOrganizationsWithCounts,
  type StaffRole,
} from "../db/setup";
import { staffInvitationMail } from "../mail/templates";
import type { Deps } from "../types";

const DAY = 86_400_000;

export class UsageError extends Error {}

export const USAGE = `Usage:
  npm run admin -- organization create --name "Zorg Oost" --address https://portaal.zorgoost.nl \\
      --preset aanbevolen --phone "088 123 45 67" --beheerder-email a.jansen@zorgoost.nl \\
      [--beheerder-name "Anna Jansen"] [--email-domain zorgoost.nl] [--color "#0b5f73"]
  npm run admin -- organization list
  npm run admin -- staff invite --organization https://portaal.zorgoost.nl --email b.bakker@zorgoost.nl \\
      --name "Bram Bakker" --role beheerder|secretariaat|behandelaar|begeleider`;

const email = (what: string) =>
  z
    .string({ error: `${what} is missing.` })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: `${what} is not an e-mail address.` }));

/** https://host[:port], nothing after it; plain http only for a trial on this machine (localhost). */
const AddressSchema = z
  .string({ error: "--address is missing: the organization's public address, e.g. https://portaal.zorgoost.nl." })
  .trim()
  .transform((raw, ctx) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      ctx.addIssue({ code: "custom", message: `--address "${raw}" is not a web address; give e.g. https://portaal.zorgoost.nl.` });
      return z.NEVER;
    }
    const local = url.hostname === "localhost" || url.hostname.endsWith(".localhost");
    if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
      ctx.addIssue({
        code: "custom",
        message: `--address must start with https:// (people's passwords and medical data travel over it), not "${raw}".`,
      });
      return z.NEVER;
    }
    if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash || url.username) {
      ctx.addIssue({
        code: "custom",
        message: `--address must be only the address of the portal, without a path, e.g. https://${url.host}.`,
      });
      return z.NEVER;
    }
    return { publicUrl: url.origin, hostname: url.hostname.toLowerCase() };
  });

const RoleSchema = z.enum(["beheerder", "secretariaat", "behandelaar", "begeleider"], {
  error: "--role must be one of beheerder, secretariaat, behandelaar, begeleider.",
});

const OrganizationCreateSchema = z.object({
  name: z
    .string({ error: "--name is missing: the organization's name as people know it." })
    .trim()
    .min(2, { error: "--name is too short." })
    .max(120, { error: "--name is too long (at most 120 characters)." })
    .refine((s) => !/[\p{Cc}\p{Cf}]/u.test(s), { error: "--name contains control or invisible characters." }),
  address: AddressSchema,
  preset: z.enum(PresetSchema.options, { error: "--preset must be aanbevolen (recommended), zorg or ggz." }).default("aanbevolen"),
  phone: z
    .string({ error: "--phone is missing: the number people call (shown on every page and in the crisis notice)." })
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{7,18}[0-9]$/, { error: '--phone is not a phone number; give e.g. "088 123 45 67".' }),
  beheerderEmail: email("--beheerder-email"),
  beheerderName: z.string().trim().min(2).max(120).optional(),
  emailDomain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, { error: "--email-domain is not a domain name, e.g. zorgoost.nl." })
    .optional(),
  color: z
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, { error: '--color must be a colour like "#0b5f73".' })
    // The same rule as the Instellingen page: white text on it (buttons, the logo mark) must stay readable.
    .refine((hex) => contrastRatio(hex, "#ffffff") >= MIN_CONTRAST, {
      error: (issue) =>
        `--color ${String(issue.input)} is too light: white text on it has a contrast of ${formatRatio(contrastRatio(String(issue.input), "#ffffff"))} : 1, and WCAG AA asks at least 4.5 : 1. Choose a darker colour.`,
    })
    .default("#0b5f73"),
});

const StaffInviteSchema = z.object({
  organization: z.string({ error: "--organization is missing: the organization's address or id (see organization list)." }).trim(),
  email: email("--email"),
  name: z
    .string({ error: "--name is missing: the staff member's name." })
    .trim()
    .min(2, { error: "--name is too short." })
    .max(120, { error: "--name is too long." }),
  role: RoleSchema,
});

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) throw new UsageError(r.error.issues.map((i) => i.message).join("\n"));
  return r.data;
}

function options(args: string[], names: string[]): Record<string, string | undefined> {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: Object.fromEntries(names.map((n) => [n, { type: "string" as const }])),
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError(`Unexpected "${positionals.join(" ")}".\n\n${USAGE}`);
    return values as Record<string, string | undefined>;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`${(err as Error).message.replace(/^.*?: /, "")}\n\n${USAGE}`);
  }
}

export interface CommandResult {
  lines: string[];
}

/**
 * Makes the link, queues the e-mail, and returns the link for the terminal when no mail server is set.
 * Inside the command's write transaction: every query on `tx`.
 */
async function inviteStaff(
  deps: Deps,
  tx: Db,
  org: { id: string; name: string; publicUrl: string; phone: string; days: number },
  input: { email: string; name: string; role: StaffRole },
): Promise<string> {
  const accountId = await createStaffInvite(tx, org.id, input);
  const token = await issueLinkToken(tx, {
    orgId: org.id,
    accountId,
    purpose: "activation",
    ttlMs: org.days * DAY,
    // Staff prove nothing with a client's birth date, and always set up a second factor.
    data: { clientId: null, staff: true, birthDateOk: true },
  });
  const link = `${org.publicUrl}/activeren#${token}`;
  await deps.mailer.enqueue(
    staffInvitationMail({ id: org.id, name: org.name, phone: org.phone }, input.email, input.name, link, org.days),
    tx,
  );
  await appendAudit(tx, {
    orgId: org.id,
    actorId: null,
    actorLabel: "beheerder van de installatie (command line)",
    action: "staff.invite",
    objectType: "account",
    objectId: accountId,
    ip: null,
    outcome: "success",
    details: { role: input.role },
  });
  return link;
}

function linkLines(deps: Deps, email: string, link: string): string[] {
  return deps.config.smtpUrl
    ? [`The activation e-mail to ${email} is in the outbox; it goes out as soon as the portal runs (npm run serve).`]
    : [`No SMTP_URL is set, so no e-mail goes out. Give this activation link to ${email} yourself (it works once):`, `  ${link}`];
}

/**
 * Reads and checks every argument before anything is opened: a wrong one changes nothing, not even an
 * empty data folder. Returns the work to do on the database.
 */
export function prepareCommand(argv: string[]): (deps: Deps) => Promise<CommandResult> {
  const [group, verb, ...rest] = argv;
  if (group === "organization" && verb === "create") {
    const o = options(rest, ["name", "address", "preset", "phone", "beheerder-email", "beheerder-name", "email-domain", "color"]);
    const input = parse(OrganizationCreateSchema, {
      name: o.name,
      address: o.address,
      preset: o.preset,
      phone: o.phone,
      beheerderEmail: o["beheerder-email"],
      beheerderName: o["beheerder-name"],
      emailDomain: o["email-domain"],
      color: o.color,
    });
    return (deps) => createWithBeheerder(deps, input);
  }
  if (group === "organization" && verb === "list") {
    options(rest, []);
    return listAll;
  }
  if (group === "staff" && verb === "invite") {
    const input = parse(StaffInviteSchema, options(rest, ["organization", "email", "name", "role"]));
    return (deps) => inviteIntoOrganization(deps, input);
  }
  throw new UsageError(USAGE);
}

export async function runCommand(deps: Deps, argv: string[]): Promise<CommandResult> {
  return prepareCommand(argv)(deps);
}

async function createWithBeheerder(deps: Deps, input: z.infer<typeof OrganizationCreateSchema>): Promise<CommandResult> {
  const { db } = deps;
  if (await hostnameTaken(db, input.address.hostname)) {
    throw new UsageError(`There already is an organization at ${input.address.hostname}; see "organization list".`);
  }
  const emailDomain = input.emailDomain ?? input.beheerderEmail.split("@")[1] ?? "";
  const beheerderName = input.beheerderName ?? input.beheerderEmail.split("@")[0] ?? "Beheerder";
  const { orgId, link } = await writeTx(db, async (tx) => {
    const orgId = await createOrganization(tx, {
      name: input.name,
      hostname: input.address.hostname,
      publicUrl: input.address.publicUrl,
      emailDomain,
      phone: input.phone,
      preset: input.preset,
      primaryColor: input.color,
    });
    await appendAudit(tx, {
      orgId,
      actorId: null,
      actorLabel: "beheerder van de installatie (command line)",
      action: "organization.create",
      objectType: "organization",
      objectId: orgId,
      ip: null,
      outcome: "success",
      details: { preset: input.preset },
    });
    const link = await inviteStaff(
      deps,
      tx,
      { id: orgId, name: input.name, publicUrl: input.address.publicUrl, phone: input.phone, days: 7 },
      { email: input.beheerderEmail, name: beheerderName, role: "beheerder" },
    );
    return { orgId, link };
  });
  return {
    lines: [
      `Organization "${input.name}" created (id ${orgId}) at ${input.address.publicUrl}, policy preset ${input.preset}.`,
      `Addresses at @${emailDomain} count as staff addresses: clients and relations cannot use them (change with --email-domain).`,
      `First beheerder: ${input.beheerderEmail}.`,
      ...linkLines(deps, input.beheerderEmail, link),
    ],
  };
}

async function listAll(deps: Deps): Promise<CommandResult> {
  const rows = await listOrganizationsWithCounts(deps.db);
  if (rows.length === 0) return { lines: ["No organizations yet. Create one with: npm run admin -- organization create …"] };
  return {
    lines: rows.map(
      (r) =>
        `${r.id}  ${r.name}  ${r.publicUrl ?? `(demo) ${r.hostname}`}  preset ${r.preset}  staff ${r.staff} (active beheerders ${r.activeBeheerders})  clients ${r.clients}`,
    ),
  };
}

async function inviteIntoOrganization(deps: Deps, input: z.infer<typeof StaffInviteSchema>): Promise<CommandResult> {
  const { db } = deps;
  let key = input.organization;
  try {
    key = new URL(key).hostname;
  } catch {
    // an id or a bare host name
  }
  const org = await findOrganizationByAddress(db, key.toLowerCase());
  if (!org) throw new UsageError(`No organization found for "${input.organization}"; see "organization list".`);
  if (await emailInUse(db, org.id, input.email)) throw new UsageError(`${input.email} already has an account at ${org.name}.`);
  const publicUrl = org.publicUrl ?? `http://${org.hostname}:${deps.config.port}`;
  const days = (JSON.parse(org.policyJson) as { activationLinkDays?: number }).activationLinkDays ?? 7;
  const link = await writeTx(db, (tx) =>
    inviteStaff(
      deps,
      tx,
      { id: org.id, name: org.name, publicUrl, phone: org.phone, days },
      { email: input.email, name: input.name, role: input.role },
    ),
  );
  return { lines: [`${input.name} (${input.role}) is invited at ${org.name}.`, ...linkLines(deps, input.email, link)] };
}
