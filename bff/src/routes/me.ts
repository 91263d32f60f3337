// The signed-in user, their organization and the portals they can reach.
import type { MeResponse } from "@portaal/shared/auth";
import { Hono } from "hono";
import { initialsOf, listPortalsForAccount } from "../db/accounts";
import type { AppEnv } from "../types";

export function meRoutes() {
  return new Hono<AppEnv>().get("/", (c) => {
    const { user, org, session } = c.var;
    const body: MeResponse = {
      user: {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        initials: initialsOf(user.displayName),
        kind: user.kind,
        staffRole: user.staffRole,
        previousLoginAt: user.previousLoginAt,
      },
      organization: { name: org.name, policy: org.policy, phone: org.phone, primaryColor: org.primaryColor, logoText: org.logoText },
      portals: user.kind === "cov" ? listPortalsForAccount(c.var.deps.db, org.id, user.id) : [],
      session: { idleExpiresAt: session.idleExpiresAt, absoluteExpiresAt: session.absoluteExpiresAt },
    };
    return c.json(body, 200);
  });
}
