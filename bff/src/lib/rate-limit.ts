// Fixed-window limits per key (account, IP, session), counted in the database: every portal process on the
// same database counts the same attempts, and the window follows the injected clock (deps.clock).
import { countAttempt, forgetAttempts, LONGEST_WINDOW_MS } from "../db/rate-limits";
import type { Deps } from "../types";

export type RateLimitDeps = Pick<Deps, "db" | "clock">;

export interface RateLimiter {
  /** Counts one attempt; false when the key is over its limit in the current window. */
  consume(deps: RateLimitDeps, key: string): Promise<boolean>;
  reset(deps: RateLimitDeps, key: string): Promise<void>;
}

/**
 * A limit of `max` attempts per key in windows of `windowMs` (at most LONGEST_WINDOW_MS). `name` keeps the
 * limits apart in the one table: give each limit its own name (the same name in every process).
 */
export function createRateLimiter(name: string, max: number, windowMs: number): RateLimiter {
  if (windowMs > LONGEST_WINDOW_MS)
    throw new Error(`rate limit ${name}: a window longer than ${LONGEST_WINDOW_MS} ms would be swept early`);
  const keyOf = (key: string) => `${name}:${key}`;
  return {
    async consume({ db, clock }, key) {
      return (await countAttempt(db, keyOf(key), clock(), windowMs)) <= max;
    },
    async reset({ db }, key) {
      await forgetAttempts(db, keyOf(key));
    },
  };
}
