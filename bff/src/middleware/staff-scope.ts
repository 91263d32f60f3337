// Which clients a staff member may see.
import { can } from "@portaal/shared/roles";
import type { ClientScope } from "../db/clients";
import type { AppEnv } from "../types";

/** Secretariaat and beheerders see every client; practitioners only those whose care team they are in. */
export function scopeOf(c: { var: AppEnv["Variables"] }): ClientScope {
  const { user, org } = c.var;
  const all = can(user.staffRole, "clients.all");
  return { orgId: org.id, careTeamOf: all ? null : user.id };
}
