// Public routes, mounted at /api: the organization on this host (the login page needs it) and, in the
// demo only, the dev mailbox.
import { Hono } from "hono";
import type { AppEnv } from "../../types";
import { devMailRoutes } from "./dev-mail";
import { organizationRoutes } from "./organization";

export function publicApi(opts: { demo: boolean }) {
  const api = new Hono<AppEnv>().route("/organization", organizationRoutes());
  if (opts.demo) api.route("/dev/mail", devMailRoutes());
  return api;
}
