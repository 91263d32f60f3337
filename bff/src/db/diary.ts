// Dagboek entries: every query names the writer (accountId) for the user's side; staff read only
// entries their writer shared.
import type { DiaryEntry, DiaryInput, DiaryPage, SharedDiaryPage } from "@portaal/shared/diary";
import { and, count, desc, eq, isNotNull } from "drizzle-orm";
import { newId } from "../lib/ids";
import { changes, type Db, first } from "./client";
import { accounts, diaryEntries } from "./tables";

type Stored = Omit<DiaryInput, "mood" | "tags"> & { mood: number | null; tags: string[] };

const columns = {
  id: diaryEntries.id,
  entryDate: diaryEntries.entryDate,
  mood: diaryEntries.mood,
  tags: diaryEntries.tags,
  body: diaryEntries.body,
  sharedAt: diaryEntries.sharedAt,
  version: diaryEntries.version,
  updatedAt: diaryEntries.updatedAt,
};

function toEntry<T extends { tags: string | null }>(row: T): Omit<T, "tags"> & { tags: string[] } {
  return { ...row, tags: row.tags ? (JSON.parse(row.tags) as string[]) : [] };
}

const own = (orgId: string, clientId: string, accountId: string) =>
  and(eq(diaryEntries.orgId, orgId), eq(diaryEntries.clientId, clientId), eq(diaryEntries.accountId, accountId));

export async function listOwnEntries(
  db: Db,
  orgId: string,
  clientId: string,
  accountId: string,
  page: number,
  pageSize: number,
): Promise<DiaryPage> {
  const where = own(orgId, clientId, accountId);
  const total = first(await db.select({ n: count() }).from(diaryEntries).where(where))?.n ?? 0;
  const rows = await db
    .select(columns)
    .from(diaryEntries)
    .where(where)
    .orderBy(desc(diaryEntries.entryDate), desc(diaryEntries.createdAt))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: rows.map(toEntry), total, page, pageSize };
}

export async function getOwnEntry(db: Db, orgId: string, clientId: string, accountId: string, id: string): Promise<DiaryEntry | undefined> {
  const row = first(
    await db
      .select(columns)
      .from(diaryEntries)
      .where(and(own(orgId, clientId, accountId), eq(diaryEntries.id, id))),
  );
  return row && toEntry(row);
}

export async function createEntry(
  db: Db,
  orgId: string,
  clientId: string,
  accountId: string,
  input: Stored,
  now = Date.now(),
): Promise<string> {
  const id = newId();
  await db.insert(diaryEntries).values({
    id,
    orgId,
    clientId,
    accountId,
    entryDate: input.entryDate,
    mood: input.mood,
    tags: JSON.stringify(input.tags),
    body: input.body,
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

/** Writes only when the stored version is still the one the edit started from; false otherwise. */
export async function updateEntry(
  db: Db,
  orgId: string,
  clientId: string,
  accountId: string,
  id: string,
  version: number,
  input: Stored,
): Promise<boolean> {
  const result = await db
    .update(diaryEntries)
    .set({
      entryDate: input.entryDate,
      mood: input.mood,
      tags: JSON.stringify(input.tags),
      body: input.body,
      version: version + 1,
      updatedAt: Date.now(),
    })
    .where(and(own(orgId, clientId, accountId), eq(diaryEntries.id, id), eq(diaryEntries.version, version)));
  return changes(result) === 1;
}

export async function deleteEntry(db: Db, orgId: string, clientId: string, accountId: string, id: string): Promise<boolean> {
  return changes(await db.delete(diaryEntries).where(and(own(orgId, clientId, accountId), eq(diaryEntries.id, id)))) === 1;
}

export async function shareEntry(
  db: Db,
  orgId: string,
  clientId: string,
  accountId: string,
  id: string,
  shared: boolean,
): Promise<boolean> {
  const result = await db
    .update(diaryEntries)
    .set({ sharedAt: shared ? Date.now() : null })
    .where(and(own(orgId, clientId, accountId), eq(diaryEntries.id, id)));
  return changes(result) === 1;
}

export async function listSharedEntries(db: Db, orgId: string, clientId: string, page: number, pageSize: number): Promise<SharedDiaryPage> {
  const where = and(eq(diaryEntries.orgId, orgId), eq(diaryEntries.clientId, clientId), isNotNull(diaryEntries.sharedAt));
  const total = first(await db.select({ n: count() }).from(diaryEntries).where(where))?.n ?? 0;
  const rows = await db
    .select({ ...columns, author: accounts.displayName })
    .from(diaryEntries)
    .innerJoin(accounts, eq(accounts.id, diaryEntries.accountId))
    .where(where)
    .orderBy(desc(diaryEntries.sharedAt))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: rows.map(({ version: _v, ...r }) => toEntry(r)), total, page, pageSize };
}
