// Where each person's access to a portal stands, as staff need to see it: an invitation whose link
// expired or died after wrong birth dates, why an account is blocked, a close request that waits.
import type { AccessFilter, AccessStatus, BlockReason, WorkItem } from "@portaal/shared/access";
import { and, asc, desc, eq, inArray, isNotNull, ne, or, sql } from "drizzle-orm";
import { MAX_LINK_ATTEMPTS } from "../auth/link-tokens";
import type { Db } from "./client";
import { accounts, clients, oneTimeTokens, portalGrants } from "./tables";

type AccountRow = typeof accounts.$inferSelect;
type AccountStatus = AccountRow["status"];
interface LinkRow {
  attempts: number;
  expiresAt: number;
  usedAt: number | null;
  createdAt: number;
}

const STATUS: Record<Exclude<AccountStatus, "invited">, AccessStatus> = {
  active: "actief",
  blocked: "geblokkeerd",
  deactivated: "uitgeschakeld",
  closed: "gesloten",
};

/** The stored reason (set where the block happens) as one of the reasons staff are shown. */
export function blockReasonOf(raw: string | null): BlockReason {
  if (raw === "wachtwoord" || raw === "geen-tweede-factor") return raw;
  if (raw && /code|factor|totp/i.test(raw)) return "codes";
  return "onbekend";
}

/** An invitation only counts as one while its newest link can still be used. */
function invitationState(link: LinkRow | undefined, now: number): AccessStatus {
  if (!link) return "link-verlopen";
  if (link.attempts >= MAX_LINK_ATTEMPTS) return "link-geblokkeerd";
  if (link.usedAt !== null || now >= link.expiresAt) return "link-verlopen";
  return "uitgenodigd";
}

export function accessStatusOf(account: Pick<AccountRow, "status">, link: LinkRow | undefined, now: number): AccessStatus {
  return account.status === "invited" ? invitationState(link, now) : STATUS[account.status];
}

/** The newest activation link of each account: the one an invitation stands or falls with. */
export async function newestActivationLinks(db: Db, accountIds: string[]): Promise<Map<string, LinkRow>> {
  const out = new Map<string, LinkRow>();
  if (accountIds.length === 0) return out;
  const rows = await db
    .select({
      accountId: oneTimeTokens.accountId,
      attempts: oneTimeTokens.attempts,
      expiresAt: oneTimeTokens.expiresAt,
      usedAt: oneTimeTokens.usedAt,
      createdAt: oneTimeTokens.createdAt,
    })
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.purpose, "activation"), inArray(oneTimeTokens.accountId, accountIds)))
    .orderBy(asc(oneTimeTokens.createdAt));
  for (const { accountId, ...link } of rows) out.set(accountId, link);
  return out;
}

export interface AccessRow {
  clientId: string;
  clientName: string;
  relation: string;
  account: AccountRow;
  status: AccessStatus;
  blockedReason: BlockReason | null;
  /** A close request that waits: asked for, and the account is not closed yet. */
  closeRequested: boolean;
  link: LinkRow | undefined;
}

/**
 * Every person's access to the given clients' portals (or to every portal of the organization): active
 * grants, and the grants of closed accounts (closing revokes them, yet staff must still see "gesloten").
 * `accountStatuses` narrows the rows in SQL before the link state is worked out.
 */
export async function accessRows(
  db: Db,
  orgId: string,
  opts: { clientIds?: string[]; accountStatuses?: AccountStatus[]; pendingClose?: boolean },
  now = Date.now(),
): Promise<AccessRow[]> {
  if (opts.clientIds?.length === 0) return [];
  const statusWhere = opts.accountStatuses ? inArray(accounts.status, opts.accountStatuses) : undefined;
  const closeWhere = opts.pendingClose ? and(isNotNull(accounts.closeRequestedAt), ne(accounts.status, "closed")) : undefined;
  const rows = await db
    .select({
      clientId: portalGrants.clientId,
      clientName: sql<string>`${clients.firstName} || ' ' || ${clients.lastName}`,
      relation: portalGrants.relation,
      account: accounts,
    })
    .from(portalGrants)
    .innerJoin(accounts, eq(accounts.id, portalGrants.accountId))
    .innerJoin(clients, eq(clients.id, portalGrants.clientId))
    .where(
      and(
        eq(portalGrants.orgId, orgId),
        opts.clientIds ? inArray(portalGrants.clientId, opts.clientIds) : undefined,
        or(eq(portalGrants.status, "active"), eq(accounts.status, "closed")),
        statusWhere && closeWhere ? or(statusWhere, closeWhere) : (statusWhere ?? closeWhere),
      ),
    )
    .orderBy(asc(clients.lastName), asc(clients.firstName), asc(accounts.displayName));
  const links = await newestActivationLinks(
    db,
    rows.filter((r) => r.account.status === "invited").map((r) => r.account.id),
  );
  return rows.map((r) => {
    const link = links.get(r.account.id);
    return {
      ...r,
      link,
      status: accessStatusOf(r.account, link, now),
      blockedReason: r.account.status === "blocked" ? blockReasonOf(r.account.blockedReason) : null,
      closeRequested: r.account.closeRequestedAt !== null && r.account.status !== "closed",
    };
  });
}

/** The clients of whom someone's access is in the state asked for (the client list's filter). */
export async function clientIdsWithAccess(db: Db, orgId: string, filter: AccessFilter, now = Date.now()): Promise<string[]> {
  const byAccount: Record<Exclude<AccessFilter, "sluitverzoek">, AccountStatus> = {
    uitgenodigd: "invited",
    "link-verlopen": "invited",
    "link-geblokkeerd": "invited",
    actief: "active",
    geblokkeerd: "blocked",
    uitgeschakeld: "deactivated",
    gesloten: "closed",
  };
  const rows =
    filter === "sluitverzoek"
      ? await accessRows(db, orgId, { pendingClose: true }, now)
      : (await accessRows(db, orgId, { accountStatuses: [byAccount[filter]] }, now)).filter((r) => r.status === filter);
  return [...new Set(rows.map((r) => r.clientId))];
}

/** Werkvoorraad: what waits for the secretariaat, one row per account and kind, oldest first. */
export async function workQueue(db: Db, orgId: string, now = Date.now()): Promise<WorkItem[]> {
  const rows = await accessRows(db, orgId, { accountStatuses: ["blocked", "invited"], pendingClose: true }, now);
  const items = new Map<string, WorkItem>();
  for (const r of rows) {
    const kinds: [WorkItem["kind"], number][] = [];
    if (r.closeRequested) kinds.push(["sluitverzoek", r.account.closeRequestedAt ?? r.account.updatedAt]);
    if (r.status === "geblokkeerd") kinds.push(["geblokkeerd", r.account.updatedAt]);
    if (r.status === "link-geblokkeerd") kinds.push(["link-geblokkeerd", r.link?.createdAt ?? r.account.updatedAt]);
    if (r.status === "link-verlopen") kinds.push(["link-verlopen", r.link?.expiresAt ?? r.account.updatedAt]);
    for (const [kind, at] of kinds) {
      const key = `${kind}:${r.account.id}`;
      const item = items.get(key) ?? {
        kind,
        accountId: r.account.id,
        name: r.account.displayName,
        email: r.account.email,
        blockedReason: kind === "geblokkeerd" ? r.blockedReason : null,
        at,
        clients: [],
      };
      item.clients.push({ id: r.clientId, name: r.clientName, relation: r.relation });
      items.set(key, item);
    }
  }
  return [...items.values()].sort((a, b) => a.at - b.at || a.name.localeCompare(b.name));
}

/** Who hears of a close request: the secretariaat, or the beheerders where there is none. */
export async function closeRequestRecipients(db: Db, orgId: string): Promise<{ email: string; name: string }[]> {
  const staff = await db
    .select({ email: accounts.email, name: accounts.displayName, role: accounts.staffRole })
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), eq(accounts.kind, "staff"), eq(accounts.status, "active")))
    .orderBy(desc(accounts.staffRole));
  const secretariaat = staff.filter((s) => s.role === "secretariaat");
  return (secretariaat.length > 0 ? secretariaat : staff.filter((s) => s.role === "beheerder")).map(({ email, name }) => ({ email, name }));
}
