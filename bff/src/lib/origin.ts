// The address the user reached us on, for links in e-mails (the organization is known by its host).
import type { Context } from "hono";
import type { AppEnv } from "../types";

export function publicOrigin(c: Context<AppEnv>): string {
  const host = c.req.header("host") ?? new URL(c.req.url).host;
  return `${c.var.deps.config.production ? "https" : "http"}://${host}`;
}

/**
 * Whether an Origin header is exactly the portal's own origin: scheme, host and port. In production the
 * portal is published on https (TLS ends in front of it), so a page on http://the-same-host (which anyone
 * on the network path can write) is another origin and may not change anything.
 */
export function isOwnOrigin(c: Context<AppEnv>, origin: string): boolean {
  try {
    return new URL(origin).origin === new URL(publicOrigin(c)).origin;
  } catch {
    return false;
  }
}
