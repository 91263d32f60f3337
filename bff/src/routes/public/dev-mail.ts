// The built-in dev mailbox (demo mode only): captured e-mails, newest first.
import { DevMailQuerySchema } from "@portaal/shared/mail";
import { Hono } from "hono";
import { validate } from "../../lib/validate";
import { listMailbox } from "../../mail/outbox";
import type { AppEnv } from "../../types";

export function devMailRoutes() {
  return new Hono<AppEnv>().get("/", validate("query", DevMailQuerySchema), async (c) => {
    return c.json(await listMailbox(c.var.deps.db, c.req.valid("query").to), 200);
  });
}
