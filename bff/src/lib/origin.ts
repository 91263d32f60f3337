// The organization's own address, for links in e-mails: from its record, never from the request.
import type { Context } from "hono";
import type { AppEnv } from "../types";

/**
 * A Host header is whatever the sender typed (port included), so a link built from it could point a
 * reset link anywhere. The address comes from the organization's record; the demo, which has none, uses
 * its host name and the configured port.
 */
export function publicOrigin(c: Context<AppEnv>): string {
  const { org } = c.var;
  const { config } = c.var.deps;
  if (org.publicUrl) return org.publicUrl;
  return config.production ? `https://${org.hostname}` : `http://${org.hostname}:${config.port}`;
}

/**
 * Whether an Origin header is exactly the portal's own origin: scheme, host and port. That is the
 * organization's address when it has one; otherwise (the demo) the host the browser asked for, which a
 * page elsewhere cannot choose. In production the portal is published on https (TLS ends in front of
 * it), so a page on http://the-same-host (which anyone on the network path can write) is another origin.
 */
export function isOwnOrigin(c: Context<AppEnv>, origin: string): boolean {
  // Looked up before the Origin check (app.ts); optional for callers outside the /api chain.
  const org = c.get("org") as AppEnv["Variables"]["org"] | undefined;
  const own = org?.publicUrl ?? `${c.var.deps.config.production ? "https" : "http"}://${c.req.header("host") ?? new URL(c.req.url).host}`;
  try {
    return new URL(origin).origin === new URL(own).origin;
  } catch {
    return false;
  }
}
