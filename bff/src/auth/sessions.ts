// Cookie sessions after the Lucia design: a random token in the cookie, only its SHA-256 stored.
import type { Policy } from "@portaal/shared/policy";
import { and, eq, lt, sql } from "drizzle-orm";
import { type Db, preparedQuery, writeTx } from "../db/client";
import { sessions } from "../db/schema";
import { hashToken, randomToken } from "../lib/ids";

export type SessionRow = typeof sessions.$inferSelect;

const MINUTE = 60_000;
/** Sliding expiry is written at most this often, so reads stay reads. */
const TOUCH_INTERVAL_MS = MINUTE;

const sessionById = preparedQuery((db) =>
  db
    .select()
    .from(sessions)
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare(),
);

export interface NewSession {
  token: string;
  session: SessionRow;
}

export function createSession(
  db: Db,
  input: { orgId: string; accountId: string; secondFactorVerified: boolean; ip: string | null; userAgent: string | null },
  policy: Policy,
  now = Date.now(),
): NewSession {
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
  db.insert(sessions).values(session).run();
  return { token, session };
}

/** The session for a cookie token, or null when unknown or expired (expired ones are deleted). */
export function validateSessionToken(db: Db, orgId: string, token: string, policy: Policy, now = Date.now()): SessionRow | null {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const id = hashToken(token);
  const session = sessionById(db).get({ id });
  if (!session || session.orgId !== orgId) return null;
  const touched = pendingTouches.get(db)?.get(id);
  if (touched) Object.assign(session, touched);
  // Measured against the policy of this moment: shorter times set in Beheer end a session at once.
  if (session.secondFactorVerified) {
    session.idleExpiresAt = Math.min(session.idleExpiresAt, session.lastActivityAt + policy.idleTimeoutMinutes * MINUTE);
  }
  session.absoluteExpiresAt = Math.min(session.absoluteExpiresAt, session.createdAt + policy.absoluteTimeoutHours * 60 * MINUTE);
  if (now >= session.idleExpiresAt || now >= session.absoluteExpiresAt) {
    db.delete(sessions).where(eq(sessions.id, id)).run();
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
  let pending = pendingTouches.get(db);
  if (!pending) {
    pending = new Map();
    pendingTouches.set(db, pending);
  }
  if (pending.size === 0) setTimeout(() => flushSessionTouches(db), TOUCH_FLUSH_MS).unref();
  pending.set(id, expiry);
}

/** Writes the waiting sliding expiries now (also before expired sessions are swept). */
export function flushSessionTouches(db: Db): void {
  const pending = pendingTouches.get(db);
  if (!pending || pending.size === 0) return;
  const touches = [...pending];
  pending.clear();
  try {
    writeTx(db, () => {
      for (const [id, expiry] of touches) db.update(sessions).set(expiry).where(eq(sessions.id, id)).run();
    });
  } catch {
    // The database is closed (shutdown, or a test that ended): the sessions end when they would have.
  }
}

/** The user confirmed their password or a code again in this session (Mijn account's sensitive changes). */
export function markReauthenticated(db: Db, sessionId: string, now = Date.now()): void {
  db.update(sessions).set({ reauthAt: now }).where(eq(sessions.id, sessionId)).run();
}

export function invalidateSession(db: Db, sessionId: string): void {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function invalidateAccountSessions(db: Db, accountId: string): void {
  db.delete(sessions).where(eq(sessions.accountId, accountId)).run();
}

export function deleteExpiredSessions(db: Db, now = Date.now()): void {
  flushSessionTouches(db);
  db.delete(sessions).where(lt(sessions.idleExpiresAt, now)).run();
  db.delete(sessions)
    .where(and(lt(sessions.absoluteExpiresAt, now)))
    .run();
}
