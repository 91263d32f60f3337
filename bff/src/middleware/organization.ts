// Resolves the organization from the host name: each organization has its own address.
import { createMiddleware } from "hono/factory";
import { findOrganizationByHost } from "../db/organizations";
import { apiError } from "../lib/http-error";
import type { AppEnv } from "../types";

/**
 * Sets `c.var.org`, or answers 404 for a host that belongs to no organization.
 * @example app.use("/api/*", resolveOrganization())
 */
export function resolveOrganization() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const host = (c.req.header("host") ?? new URL(c.req.url).host).toLowerCase().replace(/:\d+$/, "");
    const org = await findOrganizationByHost(c.var.deps.db, host);
    if (!org) return apiError(c, 404, "unknown_organization", "Op dit adres is geen cliëntenportaal ingericht.");
    c.set("org", org);
    return next();
  });
}
