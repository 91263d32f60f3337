// Beheer: plan, change and cancel a client's appointments; the people of the portal hear of it by e-mail.
import {
  type AppointmentAudience,
  AppointmentInputSchema,
  AppointmentUpdateSchema,
  AUDIENCE_NOT_IN_PORTAL,
} from "@portaal/shared/appointments";
import { IdSchema } from "@portaal/shared/common";
import { Hono } from "hono";
import { z } from "zod";
import { appendAudit } from "../../audit/log";
import { audienceOf, createAppointment, setAudience, staffAppointments, updateAppointment } from "../../db/appointments";
import { writeTx } from "../../db/client";
import { unknownPortalPeople } from "../../db/thread-people";
import { clientIp } from "../../lib/client-ip";
import { apiError } from "../../lib/http-error";
import { validate } from "../../lib/validate";
import { notifyPortalNews } from "../../mail/notify-portal-news";
import { visibleClient } from "../../middleware/visible-client";
import type { AppEnv } from "../../types";

const ClientParam = z.object({ clientId: IdSchema });
const ItemParam = z.object({ clientId: IdSchema, appointmentId: IdSchema });
const named = (a: AppointmentAudience | undefined) => (a === undefined || a === "portaal" ? null : a);

export function beheerAppointmentRoutes() {
  return new Hono<AppEnv>()
    .use("/appointments/*", visibleClient)
    .get("/appointments", validate("param", ClientParam), async (c) =>
      c.json(await staffAppointments(c.var.deps.db, c.var.org.id, c.req.valid("param").clientId, c.var.deps.clock()), 200),
    )
    .post("/appointments", validate("param", ClientParam), validate("json", AppointmentInputSchema), async (c) => {
      const { org, user } = c.var;
      const { clientId } = c.req.valid("param");
      const db = c.var.deps.db;
      const input = c.req.valid("json");
      if (await unknownPortalPeople(db, org.id, clientId, named(input.audience) ?? undefined))
        return apiError(c, 400, "not_in_portal", AUDIENCE_NOT_IN_PORTAL, { audience: AUDIENCE_NOT_IN_PORTAL });
      const id = await writeTx(db, async (tx) => {
        const newId = await createAppointment(tx, org.id, clientId, user.id, input);
        await setAudience(tx, org.id, newId, input.audience ?? "portaal");
        // Planned in the past (recording one that took place) is no news; an upcoming one is.
        if (input.status === "gepland") await notifyPortalNews(c, tx, clientId, "appointment", named(input.audience));
        return newId;
      });
      await appendAudit(db, {
        orgId: org.id,
        actorId: user.id,
        actorLabel: user.email,
        clientId,
        action: "appointment.create",
        objectType: "appointment",
        objectId: id,
        ip: clientIp(c),
        outcome: "success",
        details: { audience: named(input.audience)?.length ?? "portaal" },
      });
      return c.json({ id }, 201);
    })
    .post("/appointments/:appointmentId", validate("param", ItemParam), validate("json", AppointmentUpdateSchema), async (c) => {
      const { org, user } = c.var;
      const { clientId, appointmentId } = c.req.valid("param");
      const { version, ...input } = c.req.valid("json");
      const db = c.var.deps.db;
      if (await unknownPortalPeople(db, org.id, clientId, named(input.audience) ?? undefined))
        return apiError(c, 400, "not_in_portal", AUDIENCE_NOT_IN_PORTAL, { audience: AUDIENCE_NOT_IN_PORTAL });
      const result = await writeTx(db, async (tx) => {
        const before = await audienceOf(tx, org.id, appointmentId);
        const r = await updateAppointment(tx, org.id, clientId, appointmentId, input, version, c.var.deps.clock());
        if (r.result === "updated" && input.audience !== undefined) await setAudience(tx, org.id, appointmentId, input.audience);
        const after = input.audience ?? before;
        if (r.result === "updated" && r.news) await notifyPortalNews(c, tx, clientId, "appointment", named(after));
        else if (r.result === "updated" && input.status === "gepland") {
          // Nothing else changed, but someone newly named hears of it (the whole portal: everyone not named before).
          const was = named(before);
          if (was !== null) {
            const now = named(after);
            const added = now === null ? null : now.filter((id) => !was.includes(id));
            if (added === null || added.length > 0) await notifyPortalNews(c, tx, clientId, "appointment", added?.length ? added : null);
          }
        }
        if (r.result === "updated")
          await appendAudit(tx, {
            orgId: org.id,
            actorId: user.id,
            actorLabel: user.email,
            clientId,
            action: "appointment.update",
            objectType: "appointment",
            objectId: appointmentId,
            ip: clientIp(c),
            outcome: "success",
            details: { status: input.status, changed: r.news, audience: named(after)?.length ?? "portaal" },
          });
        return r.result;
      });
      if (result === "not_found") return apiError(c, 404, "not_found", "Deze afspraak bestaat niet (meer).");
      if (result === "conflict") {
        return apiError(
          c,
          409,
          "conflict",
          "Iemand anders heeft deze afspraak intussen gewijzigd. Uw wijziging is niet opgeslagen: bekijk de afspraak opnieuw en pas haar daarna aan.",
        );
      }
      return c.json({ ok: true }, 200);
    });
}
