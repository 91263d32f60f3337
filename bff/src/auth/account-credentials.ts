// Writing an account's password and activation state (only auth/ and db/ touch tables).
import { eq } from "drizzle-orm";
import { LOCKOUT_CLEARED } from "../db/accounts";
import type { Db } from "../db/client";
import { accounts } from "../db/tables";

export async function setPasswordHash(db: Db, accountId: string, passwordHash: string, now = Date.now()): Promise<void> {
  await db.update(accounts).set({ passwordHash, failedPasswords: 0, updatedAt: now }).where(eq(accounts.id, accountId));
}

export async function markActivated(db: Db, accountId: string, now = Date.now()): Promise<void> {
  await db
    .update(accounts)
    .set({ status: "active", ...LOCKOUT_CLEARED, loginsWithoutFactor: 0, blockedReason: null, updatedAt: now })
    .where(eq(accounts.id, accountId));
}
