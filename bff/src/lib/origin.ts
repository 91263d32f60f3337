// The address the user reached us on, for links in e-mails (the organization is known by its host).
import type { Context } from "hono";
import type { AppEnv } from "../types";

export function publicOrigin(c: Context<AppEnv>): string {
  const host = c.req.header("host") ?? new URL(c.req.url).host;
  return `${c.var.deps.config.production ? "https" : "http"}://${host}`;
}
