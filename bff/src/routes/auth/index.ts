// Logging in, a forgotten password and activation, mounted at /api: the routes before a full login.
import { Hono } from "hono";
import type { AppEnv } from "../../types";
import { activationRoutes } from "./activation";
import { authRoutes } from "./login";
import { passwordResetRoutes } from "./password-reset";

export function authApi() {
  return new Hono<AppEnv>()
    .route("/auth/password-reset", passwordResetRoutes())
    .route("/auth", authRoutes())
    .route("/activation", activationRoutes());
}
