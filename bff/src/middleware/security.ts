// Security headers on every response, and the same-origin check on every state-changing request.
import { type Context, Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { secureHeaders } from "hono/secure-headers";
import { apiError } from "../lib/http-error";
import { isOwnOrigin } from "../lib/origin";
import type { AppEnv } from "../types";

/** What a served file says about itself: it runs nothing, loads nothing and is never framed. */
export const FILE_POLICY_HEADERS: readonly [string, string][] = [
  ["Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; sandbox"],
  ["X-Frame-Options", "DENY"],
];
const FILE_POLICY_NAMES = new Set(FILE_POLICY_HEADERS.map(([name]) => name.toLowerCase()));

/** A handler whose response carries its own Content-Security-Policy and X-Frame-Options (a file). */
export function keepOwnPolicy(c: Context<AppEnv>): void {
  c.set("ownSecurityPolicy", true);
}

/**
 * Strict headers: a CSP without inline scripts, no framing, no sniffing; HSTS only in production.
 * @example app.use(securityHeaders({ production: false }))
 */
export function securityHeaders(opts: { production: boolean }) {
  const hono = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:", "blob:"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      frameSrc: ["'self'", "blob:"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    strictTransportSecurity: opts.production ? "max-age=63072000; includeSubDomains" : false,
    referrerPolicy: "no-referrer",
    xFrameOptions: "DENY",
    crossOriginResourcePolicy: "same-origin",
    crossOriginOpenerPolicy: "same-origin",
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });
  // Hono's secureHeaders writes these on the finished response, which costs a copy of it on every answer
  // (bench/RESULTS.md). The same headers, taken once from it, are set before the handler instead, so they
  // travel in the response the handler builds; one built by hand (a file) still gets ours over its own.
  let fixed: Promise<[string, string][]> | undefined;
  return createMiddleware<AppEnv>(async (c, next) => {
    fixed ??= Promise.resolve(
      new Hono()
        .use(hono)
        .get("/", (x) => x.body(null))
        .request("/"),
    ).then((r) => {
      const list: [string, string][] = [];
      r.headers.forEach((value, name) => {
        list.push([name, value]);
      });
      return list;
    });
    const headers = await fixed;
    for (const [name, value] of headers) c.header(name, value);
    await next();
    const sent = c.res.headers;
    // A response may replace ours only by its own, stricter file policy; anything else gets ours back.
    const own = c.get("ownSecurityPolicy") === true;
    const ours = own ? headers.filter(([name]) => !FILE_POLICY_NAMES.has(name)) : headers;
    if (ours.some(([name, value]) => sent.get(name) !== value)) for (const [name, value] of ours) sent.set(name, value);
  });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses cross-site state changes whatever the content type (Hono's csrf() skips JSON).
 * A request must carry an Origin equal to its own origin (scheme, host and port), or Sec-Fetch-Site: same-origin.
 * @example app.use("/api/*", sameOriginOnly())
 */
export function sameOriginOnly() {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header("origin");
    const fetchSite = c.req.header("sec-fetch-site");
    let ok = false;
    if (origin) {
      ok = isOwnOrigin(c, origin);
    } else {
      ok = fetchSite === "same-origin";
    }
    if (!ok) {
      return apiError(c, 403, "cross_origin", "Dit verzoek kwam niet van het portaal zelf en is geweigerd.");
    }
    return next();
  });
}

/** API answers hold personal data: never cache them. */
export function noStore() {
  return createMiddleware<AppEnv>(async (c, next) => {
    // Set before the handler, like the security headers, and over a handler's own value afterwards.
    c.header("Cache-Control", "no-store");
    await next();
    if (c.get("revalidate") === true) return;
    if (c.res.headers.get("Cache-Control") !== "no-store") c.res.headers.set("Cache-Control", "no-store");
  });
}

/**
 * A public answer without personal data (the organization's logo) that a browser may keep, provided it
 * asks again each time (Cache-Control: no-cache with an ETag): noStore leaves its Cache-Control alone.
 */
export function allowRevalidation(c: Context<AppEnv>): void {
  c.set("revalidate", true);
  c.header("Cache-Control", "no-cache");
}
