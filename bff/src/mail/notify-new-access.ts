// Someone new got access to a client's portal: audited on the client's dossier (so it shows in the access
// log) and told by e-mail, without names, to the client and the gezag holders who can open the portal.
import type { Context } from "hono";
import { auditRequest } from "../audit/request";
import { careRefusal } from "../care/rules";
import { ACCESS_GRANTED, newAccessRecipients } from "../db/access-log";
import type { Db } from "../db/client";
import { publicOrigin } from "../lib/origin";
import type { AppEnv } from "../types";
import { newAccessMail } from "./templates";

/** Call inside the write transaction of the grant, after it succeeded, with its `tx` as `db`. */
export async function notifyNewAccess(c: Context<AppEnv>, db: Db, clientId: string, accountId: string): Promise<void> {
  const { org } = c.var;
  const now = c.var.deps.clock();
  await auditRequest(c, { clientId, action: ACCESS_GRANTED, objectType: "account", objectId: accountId }, db);
  for (const r of await newAccessRecipients(db, org.id, clientId, accountId)) {
    // A grant is not yet access: the care rules (end of care, age, consent after 16) decide, as on every request.
    if (await careRefusal(db, org, { clientId: r.clientId, contactId: r.contactId }, clientId, now)) continue;
    await c.var.deps.mailer.enqueue(newAccessMail(org, r.email, `${publicOrigin(c)}/inloggen`), db);
  }
}
