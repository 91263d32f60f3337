// The client of `:clientId` must be one the staff member may see.
import { IdSchema } from "@portaal/shared/common";
import type { Context, Next } from "hono";
import { clientVisible } from "../db/clients";
import { apiError } from "../lib/http-error";
import type { AppEnv } from "../types";
import { scopeOf } from "./staff-scope";

/** The staff member must be allowed to see this client (everyone for beheer/secretariaat, else the care team). */
export async function visibleClient(c: Context<AppEnv>, next: Next) {
  const clientId = c.req.param("clientId") ?? "";
  if (!IdSchema.safeParse(clientId).success || !(await clientVisible(c.var.deps.db, scopeOf(c), clientId))) {
    return apiError(c, 404, "client_not_found", "Deze cliënt bestaat niet of u heeft er geen toegang toe.");
  }
  return next();
}
