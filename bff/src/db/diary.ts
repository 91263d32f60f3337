// Dagboek entries: every query names the writer (accountId) for the user's side; staff read only
// entries their writer shared.
import type { DiaryEntry, DiaryInput, DiaryPage, SharedDiaryPage } from "@portaal/shared/diary";
import { and, count, desc, eq, isNotNull } from "drizzle-orm";
import { newId } from "../lib/ids";
import type { Db } from "./client";
import { accounts, diaryEntries } from "./schema";

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

export function listOwnEntries(db: Db, orgId: string, clientId: string, accountId: string, page: number, pageSize: number): DiaryPage {
  const where = own(orgId, clientId, accountId);
  const total = db.select({ n: count() }).from(diaryEntries).where(where).get()?.n ?? 0;
  const rows = db
    .select(columns)
    .from(diaryEntries)
    .where(where)
    .orderBy(desc(diaryEntries.entryDate), desc(diaryEntries.createdAt))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  return { items: rows.map(toEntry), total, page, pageSize };
}

export function getOwnEntry(db: Db, orgId: string, clientId: string, accountId: string, id: string): DiaryEntry | undefined {
  const row = db
    .select(columns)
    .from(diaryEntries)
    .where(and(own(orgId, clientId, accountId), eq(diaryEntries.id, id)))
    .get();
  return row && toEntry(row);
}

export function createEntry(db: Db, orgId: string, clientId: string, accountId: string, input: Stored, now = Date.now()): string {
  const id = newId();
  db.insert(diaryEntries)
    .values({
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
    })
    .run();
  return id;
}

/** Writes only when the stored version is still the one the edit started from; false otherwise. */
export function updateEntry(
  db: Db,
  orgId: string,
  clientId: string,
  accountId: string,
  id: string,
  version: number,
  input: Stored,
): boolean {
  const result = db
    .update(diaryEntries)
    .set({
      entryDate: input.entryDate,
      mood: input.mood,
      tags: JSON.stringify(input.tags),
      body: input.body,
      version: version + 1,
      updatedAt: Date.now(),
    })
    .where(and(own(orgId, clientId, accountId), eq(diaryEntries.id, id), eq(diaryEntries.version, version)))
    .run();
  return result.changes === 1;
}

export function deleteEntry(db: Db, orgId: string, clientId: string, accountId: string, id: string): boolean {
  return (
    db
      .delete(diaryEntries)
      .where(and(own(orgId, clientId, accountId), eq(diaryEntries.id, id)))
      .run().changes === 1
  );
}

export function shareEntry(db: Db, orgId: string, clientId: string, accountId: string, id: string, shared: boolean): boolean {
  const result = db
    .update(diaryEntries)
    .set({ sharedAt: shared ? Date.now() : null })
    .where(and(own(orgId, clientId, accountId), eq(diaryEntries.id, id)))
    .run();
  return result.changes === 1;
}

export function listSharedEntries(db: Db, orgId: string, clientId: string, page: number, pageSize: number): SharedDiaryPage {
  const where = and(eq(diaryEntries.orgId, orgId), eq(diaryEntries.clientId, clientId), isNotNull(diaryEntries.sharedAt));
  const total = db.select({ n: count() }).from(diaryEntries).where(where).get()?.n ?? 0;
  const rows = db
    .select({ ...columns, author: accounts.displayName })
    .from(diaryEntries)
    .innerJoin(accounts, eq(accounts.id, diaryEntries.accountId))
    .where(where)
    .orderBy(desc(diaryEntries.sharedAt))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  return { items: rows.map(({ version: _v, ...r }) => toEntry(r)), total, page, pageSize };
}
