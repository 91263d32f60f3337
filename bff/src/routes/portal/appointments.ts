// Afspraken in a client's portal: upcoming and past, and an .ics file per appointment.
import { AppointmentParamSchema } from "@portaal/shared/appointments";
import { Hono } from "hono";
import { appendAudit } from "../../audit/log";
import { getAppointment, listAppointments } from "../../db/appointments";
import { clientIp } from "../../lib/client-ip";
import { filePolicy } from "../../lib/file-response";
import { apiError } from "../../lib/http-error";
import { appointmentIcs } from "../../lib/ics";
import { validate } from "../../lib/validate";
import type { AppEnv } from "../../types";

export function portalAppointmentRoutes() {
  return new Hono<AppEnv>()
    .get("/appointments", async (c) => {
      const { org, user, clientId } = c.var;
      await appendAudit(c.var.deps.db, {
        orgId: org.id,
        actorId: user.id,
        actorLabel: user.email,
        clientId,
        action: "appointments.view",
        ip: clientIp(c),
        outcome: "success",
      });
      // Those for the whole portal and those naming this person.
      return c.json(await listAppointments(c.var.deps.db, org.id, clientId, c.var.deps.clock(), user.id), 200);
    })
    .get("/appointments/:appointmentId/ics", validate("param", AppointmentParamSchema), async (c) => {
      const { org, user, clientId } = c.var;
      const { appointmentId } = c.req.valid("param");
      const appointment = await getAppointment(c.var.deps.db, org.id, clientId, appointmentId, user.id);
      if (!appointment) return apiError(c, 404, "not_found", "Deze afspraak bestaat niet (meer).");
      await appendAudit(c.var.deps.db, {
        orgId: org.id,
        actorId: user.id,
        actorLabel: user.email,
        clientId,
        action: "appointment.ics",
        objectType: "appointment",
        objectId: appointmentId,
        ip: clientIp(c),
        outcome: "success",
      });
      filePolicy(c);
      c.header("Content-Type", "text/calendar; charset=utf-8");
      c.header("Content-Disposition", `attachment; filename="afspraak-${new Date(appointment.startsAt).toISOString().slice(0, 10)}.ics"`);
      return c.body(appointmentIcs(appointment, org.name, org.phone));
    });
}
