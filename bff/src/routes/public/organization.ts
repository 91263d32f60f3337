// What anyone may read before logging in: health and the organization's look.
import type { OrganizationPublic } from "@portaal/shared/auth";
import { Hono } from "hono";
import type { AppEnv } from "../../types";

export function organizationRoutes() {
  return new Hono<AppEnv>().get("/", (c) => {
    const { org } = c.var;
    const body: OrganizationPublic = {
      name: org.name,
      policy: org.policy,
      phone: org.phone,
      primaryColor: org.primaryColor,
      logoText: org.logoText,
    };
    return c.json(body, 200);
  });
}
