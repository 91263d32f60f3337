// Cookie sessions after the Lucia design: a random token in the cookie, only its SHA-256 stored.
import type { Policy } from "@portaal/shared/policy";
import { and, eq, lt, sql } from "drizzle-orm";
import { type Db, preparedQuery, rootOf, writeTx } from "../db/client";
import { sessions } from "../db/tables";
import { hashToken, randomToken } from "../lib/ids";

export type SessionRow = typeof sessions.$inferSelect;

const MINUTE = 60_000;
/** Sliding expiry is written at most this often, so reads stay reads. */
const TOUCH_INTERVAL_MS = MINUTE;

const sessionById = preparedQuery("sessionById", (db) =>
  db
    .select()
    .from(sessions)
    .where(eq(sessions.id, sql.placeholder("id"))),
);

export interface NewSession {
  token: string;
  session: SessionRow;
}

export async function createSession(
  db: Db,
  input: { orgId: string; accountId: string; secondFactorVerified: boolean; ip: string | null; userAgent: string | null },
  policy: Policy,
  now = Date.now(),
): Promise<NewSession> {
  const token = randomToken(20);
  const session: SessionRow = {
    id: hashToken(token),
    orgId: input.orgId,
    accountId: input.accountId,
    secondFactorVerified: input.secondFactorVerified,
    createdAt: now,
    lastActivityAt: now,
    // A session waiting for its second factor lives ten minutes at most.
    idleExpiresAt: now + (input.secondFactorVerified ? policy.idleTimeoutMinutes * MINUTE : 10 * MINUTE),
    absoluteExpiresAt: now + policy.absoluteTimeoutHours * 60 * MINUTE,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
    reauthAt: null,
  };
  await db.insert(sessions).values(session);
  return { token, session };
}

/** The session for a cookie token, or null when unknown or expired (expired ones are deleted). */
export async function validateSessionToken(
  db: Db,
  orgId: string,
  token: string,
  policy: Policy,
  now = Date.now(),
): Promise<SessionRow | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const id = hashToken(token);
  const session = await sessionById(db).get({ id });
  if (!session || session.orgId !== orgId) return null;
  const touched = pendingTouches.get(rootOf(db))?.get(id);
  if (touched) Object.assign(session, touched);
  // Measured against the policy of this moment: shorter times set in Beheer end a session at once.
  if (session.secondFactorVerified) {
    session.idleExpiresAt = Math.min(session.idleExpiresAt, session.lastActivityAt + policy.idleTimeoutMinutes * MINUTE);
  }
  session.absoluteExpiresAt = Math.min(session.absoluteExpiresAt, session.createdAt + policy.absoluteTimeoutHours * 60 * MINUTE);
  if (now >= session.idleExpiresAt || now >= session.absoluteExpiresAt) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  if (session.secondFactorVerified && now - session.lastActivityAt >= TOUCH_INTERVAL_MS) {
    session.lastActivityAt = now;
    session.idleExpiresAt = Math.min(now + policy.idleTimeoutMinutes * MINUTE, session.absoluteExpiresAt);
    touchLater(db, id, { lastActivityAt: session.lastActivityAt, idleExpiresAt: session.idleExpiresAt });
  }
  return session;
}

/**
 * Sliding expiry waits up to a second and is then written for all sessions in one commit: each commit
 * waits for the disk, and 2,000 active users touching their session once a minute cost the BFF a third
 * of its time on reads (bench/RESULTS.md). Until written it is read from here; a crash loses at most a
 * second of it, which can only end a session sooner, never later.
 */
const pendingTouches = new WeakMap<Db, Map<string, { lastActivityAt: number; idleExpiresAt: number }>>();
const TOUCH_FLUSH_MS = 1000;

function touchLater(db: Db, id: string, expiry: { lastActivityAt: number; idleExpiresAt: number }): void {
  const root = rootOf(db);
  let pending = pendingTouches.get(root);
  if (!pending) {
    pending = new Map();
    pendingTouches.set(root, pending);
  }
  if (pending.size === 0) setTimeout(() => void flushSessionTouches(root), TOUCH_FLUSH_MS).unref();
  pending.set(id, expiry);
}

/** Writes the waiting sliding expiries now (also before expired sessions are swept). */
export async function flushSessionTouches(db: Db): Promise<void> {
  const pending = pendingTouches.get(rootOf(db));
  if (!pending || pending.size === 0) return;
  const touches = [...pending];
  pending.clear();
  try {
    await writeTx(db, async (tx) => {
      // Only forward: with several processes another one may have written a later touch already.
      for (const [id, expiry] of touches)
        await tx
          .update(sessions)
          .set(expiry)
          .where(and(eq(sessions.id, id), lt(sessions.lastActivityAt, expiry.lastActivityAt)));
    });
  } catch {
    // The database is closed (shutdown, or a test that ended): the sessions end when they would have.
  }
}

/** The user confirmed their password or a code again in this session (Mijn account's sensitive changes). */
export async function markReauthenticated(db: Db, sessionId: string, now = Date.now()): Promise<void> {
  await db.update(sessions).set({ reauthAt: now }).where(eq(sessions.id, sessionId));
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateAccountSessions(db: Db, accountId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.accountId, accountId));
}

export async function deleteExpiredSessions(db: Db, now = Date.now()): Promise<void> {
  await flushSessionTouches(db);
  await db.delete(sessions).where(lt(sessions.idleExpiresAt, now));
  await db.delete(sessions).where(and(lt(sessions.absoluteExpiresAt, now)));
}
