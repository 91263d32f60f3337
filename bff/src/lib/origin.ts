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
