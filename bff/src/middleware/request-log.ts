// One log line per request: method, route pattern (never the URL with its ids), status, duration, and
// a request id that the response carries too, so a user's "it went wrong at 10:02" can be found.
import { randomUUID } from "node:crypto";
import { createMiddleware } from "hono/factory";
import { routePath } from "hono/route";
import type { AppEnv } from "../types";

/** @example app.use(requestLog()) */
export function requestLog() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const reqId = randomUUID();
    const started = performance.now();
    c.header("X-Request-Id", reqId);
    await next();
    // After next(), the route index is the one that answered: its pattern, e.g. /api/portal/:clientId/threads.
    const { log } = c.var.deps;
    const status = c.res.status;
    const level = status >= 500 ? "error" : "info";
    if (!log.isLevelEnabled(level)) return;
    log[level](
      { reqId, method: c.req.method, route: routePath(c), status, ms: Math.round((performance.now() - started) * 10) / 10 },
      "request",
    );
  });
}
