// Security headers on every response, and the same-origin check on every state-changing request.
import { createMiddleware } from "hono/factory";
import { secureHeaders } from "hono/secure-headers";
import { apiError } from "../lib/http-error";
import type { AppEnv } from "../types";

/**
 * Strict headers: a CSP without inline scripts, no framing, no sniffing; HSTS only in production.
 * @example app.use(securityHeaders({ production: false }))
 */
export function securityHeaders(opts: { production: boolean }) {
  return secureHeaders({
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
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses cross-site state changes whatever the content type (Hono's csrf() skips JSON).
 * A request must carry an Origin equal to its own host, or Sec-Fetch-Site: same-origin.
 * @example app.use("/api/*", sameOriginOnly())
 */
export function sameOriginOnly() {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header("origin");
    const fetchSite = c.req.header("sec-fetch-site");
    const host = c.req.header("host") ?? new URL(c.req.url).host;
    let ok = false;
    if (origin) {
      try {
        ok = new URL(origin).host === host;
      } catch {
        ok = false;
      }
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
  return createMiddleware(async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  });
}
