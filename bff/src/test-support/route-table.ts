// The BFF's endpoints read from Hono's own route table, so a new route is in every security suite at once.
import type { Hono } from "hono";
import { type RouteValidation, validationOf } from "../lib/validate";
import type { AppEnv } from "../types";

export interface Endpoint {
  method: string;
  path: string;
  /** `METHOD /path`, the key of the expectation tables. */
  key: string;
  params: string[];
  validations: RouteValidation[];
}

/**
 * Routes anyone may call without a session, each with the reason. Everything else must refuse strangers.
 * The suites still send hostile input and check headers on these.
 */
export const PUBLIC_ROUTES: Record<string, string> = {
  "GET /api/health": "liveness probe for the platform, no data (SPEC §6)",
  "GET /api/ready": "readiness probe for the load balancer: database open, writable and migrated; no data",
  "GET /api/organization": "name, colours and policy of the organization on this host: the login page needs them",
  "GET /api/organization/logo": "the organization's logo image, shown on the login page; checked PNG or WebP, no personal data",
  "POST /api/auth/login": "the first step of logging in",
  "POST /api/auth/logout": "ends the caller's own session if there is one; harmless without",
  "POST /api/auth/password-reset/request": "forgotten password: answers the same for every address",
  "POST /api/auth/password-reset/complete": "guarded by the single-use e-mailed link token",
  "POST /api/activation/status": "guarded by the single-use activation link token",
  "POST /api/activation/birth-date": "guarded by the activation link token",
  "POST /api/activation/password": "guarded by the activation link token",
  "POST /api/activation/totp/setup": "guarded by the activation link token",
  "POST /api/activation/totp/confirm": "guarded by the activation link token",
  "POST /api/activation/webauthn/options": "guarded by the activation link token",
  "POST /api/activation/webauthn/verify": "guarded by the activation link token",
  "POST /api/activation/skip-factor": "guarded by the activation link token",
  "POST /api/activation/finish": "guarded by the activation link token",
  "GET /api/dev/mail": "demo mode only (refused with NODE_ENV=production); not registered otherwise",
};

/** Every method + path the app answers, grouped from the route table; `ALL` entries are middleware. */
export function endpointsOf(app: Hono<AppEnv>): Endpoint[] {
  const byKey = new Map<string, Endpoint>();
  for (const r of app.routes) {
    if (r.method === "ALL") continue;
    const key = `${r.method} ${r.path}`;
    let e = byKey.get(key);
    if (!e) {
      e = { method: r.method, path: r.path, key, params: [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1] as string), validations: [] };
      byKey.set(key, e);
    }
    const v = validationOf(r.handler);
    if (v) e.validations.push(v);
  }
  return [...byKey.values()];
}

/** Fills `:name` in a path from a map of values. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for :${name} in ${path}`);
    return encodeURIComponent(v);
  });
}
