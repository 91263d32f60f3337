// In-memory fixed-window limits per key (account, IP, session); enough for one BFF process.
export interface RateLimiter {
  /** Counts one attempt; false when the key is over its limit in the current window. */
  consume(key: string): boolean;
  reset(key: string): void;
}

export function createRateLimiter(max: number, windowMs: number): RateLimiter {
  const hits = new Map<string, { count: number; resetAt: number }>();
  return {
    consume(key) {
      const now = Date.now();
      let entry = hits.get(key);
      if (!entry || now >= entry.resetAt) {
        if (hits.size > 50_000) for (const [k, v] of hits) if (now >= v.resetAt) hits.delete(k);
        entry = { count: 0, resetAt: now + windowMs };
        hits.set(key, entry);
      }
      entry.count++;
      return entry.count <= max;
    },
    reset(key) {
      hits.delete(key);
    },
  };
}
