// Attempt counters in the database (fixed windows), so that several portal processes count together.
import { eq, inArray, lte, type SQL, sql } from "drizzle-orm";
import { changes, type Db, first } from "./client";
import type { rateLimits as pgRateLimits } from "./schema-pg";
import { rateLimits } from "./tables";

/** No limit may have a longer window: the sweeper removes every row whose window started this long ago. */
export const LONGEST_WINDOW_MS = 60 * 60_000;

/**
 * The counting upsert's values and SET clause, for either dialect's table: a new key starts at 1; a key
 * whose window has ended starts a new window at 1; else the count goes up by one. Both SET expressions read
 * the row as it was (SQL semantics on SQLite and PostgreSQL), so one statement decides and counts: there is
 * no read-then-write in JavaScript for two processes to interleave. schema-parity.test.ts runs it on both.
 */
export function countAttemptUpsert(t: typeof rateLimits | typeof pgRateLimits, key: string, now: number, windowMs: number) {
  const ended = sql`${t.windowStart} <= ${now - windowMs}`;
  const set: { count: SQL; windowStart: SQL } = {
    count: sql`CASE WHEN ${ended} THEN 1 ELSE ${t.count} + 1 END`,
    windowStart: sql`CASE WHEN ${ended} THEN ${now} ELSE ${t.windowStart} END`,
  };
  return { values: { key, windowStart: now, count: 1 }, set };
}

/** Counts one attempt for `key` and returns the attempts in the key's current window, this one included. */
export async function countAttempt(db: Db, key: string, now: number, windowMs: number): Promise<number> {
  const { values, set } = countAttemptUpsert(rateLimits, key, now, windowMs);
  const row = first(
    await db.insert(rateLimits).values(values).onConflictDoUpdate({ target: rateLimits.key, set }).returning({ count: rateLimits.count }),
  );
  // An upsert always returns its row.
  if (!row) throw new Error("rate limit upsert returned no row");
  return row.count;
}

export async function forgetAttempts(db: Db, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

/**
 * Removes counters whose window has certainly ended (started LONGEST_WINDOW_MS ago or earlier), in
 * batches of `batch` rows so no statement holds the write lock long; at most `maxBatches` per call (the
 * sweeper comes back). Returns how many rows went.
 */
export async function sweepRateLimits(db: Db, now: number, opts: { batch?: number; maxBatches?: number } = {}): Promise<number> {
  const { batch = 2000, maxBatches = 20 } = opts;
  let removed = 0;
  for (let i = 0; i < maxBatches; i++) {
    const old = db
      .select({ key: rateLimits.key })
      .from(rateLimits)
      .where(lte(rateLimits.windowStart, now - LONGEST_WINDOW_MS))
      .limit(batch);
    const n = changes(await db.delete(rateLimits).where(inArray(rateLimits.key, old)));
    removed += n;
    if (n < batch) break;
  }
  return removed;
}
