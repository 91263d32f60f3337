// Cookie sessions after the Lucia design: a random token in the cookie, only its SHA-256 stored.
import type { Policy } from "@portaal/shared/policy";
import { and, eq, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { sessions } from "../db/schema";
import { hashToken, randomToken } from "../lib/ids";

export type SessionRow = typeof sessions.$inferSelect;

const MINUTE = 60_000;
/** Sliding expiry is written at most this often, so reads stay reads. */
const TOUCH_INTERVAL_MS = MINUTE;

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
  };
  db.insert(sessions).values(session).run();
  return { token, session };
}

/** The session for a cookie token, or null when unknown or expired (expired ones are deleted). */
export function validateSessionToken(db: Db, orgId: string, token: string, policy: Policy, now = Date.now()): SessionRow | null {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const id = hashToken(token);
  const session = db.select().from(sessions).where(eq(sessions.id, id)).get();
  if (!session || session.orgId !== orgId) return null;
  if (now >= session.idleExpiresAt || now >= session.absoluteExpiresAt) {
    db.delete(sessions).where(eq(sessions.id, id)).run();
    return null;
  }
  if (session.secondFactorVerified && now - session.lastActivityAt >= TOUCH_INTERVAL_MS) {
    session.lastActivityAt = now;
    session.idleExpiresAt = Math.min(now + policy.idleTimeoutMinutes * MINUTE, session.absoluteExpiresAt);
    db.update(sessions)
      .set({ lastActivityAt: session.lastActivityAt, idleExpiresAt: session.idleExpiresAt })
      .where(eq(sessions.id, id))
      .run();
  }
  return session;
}

export function invalidateSession(db: Db, sessionId: string): void {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function invalidateAccountSessions(db: Db, accountId: string): void {
  db.delete(sessions).where(eq(sessions.accountId, accountId)).run();
}

export function deleteExpiredSessions(db: Db, now = Date.now()): void {
  db.delete(sessions).where(lt(sessions.idleExpiresAt, now)).run();
  db.delete(sessions)
    .where(and(lt(sessions.absoluteExpiresAt, now)))
    .run();
}
