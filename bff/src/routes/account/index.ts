// What every signed-in person has, mounted at /api: who am I (/me) and Mijn account (/account).
import { Hono } from "hono";
import { loadSession, requireUser } from "../../middleware/session";
import type { AppEnv } from "../../types";
import { accountRoutes } from "./account";
import { meRoutes } from "./me";

export function accountApi() {
  return new Hono<AppEnv>()
    .use("/me/*", loadSession({ required: true }), requireUser())
    .route("/me", meRoutes())
    .use("/account/*", loadSession({ required: true }), requireUser())
    .route("/account", accountRoutes());
}
