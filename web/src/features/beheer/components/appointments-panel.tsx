// Staff: plan an appointment (date, time, duration, practitioner, place or video link) and change its status.
import type { AppointmentSummary } from "@portaal/shared/portal";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import { Field } from "../../../components/ui/field";
import { ApiRequestError } from "../../../lib/api-client";
import { formatDateTime } from "../../../lib/format";
import { useSaveAppointment, useStaffAppointments } from "../api/appointments";

export function AppointmentsPanel({ clientId, practitioner }: { clientId: string; practitioner: string }) {
  const { t } = useTranslation();
  const list = useStaffAppointments(clientId);
  const save = useSaveAppointment(clientId);
  const error = save.error instanceof ApiRequestError ? save.error : null;

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const local = String(f.get("startsAt") ?? "");
    const target = e.currentTarget;
    save.mutate(
      {
        input: {
          // The browser knows the staff member's time zone: send the moment, not the wall-clock text.
          startsAt: local ? new Date(local).toISOString() : "",
          durationMinutes: Number(f.get("durationMinutes")),
          practitionerName: String(f.get("practitionerName") ?? ""),
          location: String(f.get("location") ?? "") || undefined,
          videoUrl: String(f.get("videoUrl") ?? "") || undefined,
          status: "gepland",
        },
      },
      { onSuccess: () => target.reset() },
    );
  }

  return (
    <section className="panel" aria-labelledby="h-appointments">
      <h2 id="h-appointments">{t("nav.afspraken")}</h2>
      <details className="new-document">
        <summary>{t("appointments.add")}</summary>
        <form onSubmit={submit} noValidate>
          {error && <Alert tone="error">{error.message}</Alert>}
          {save.isSuccess && <Alert tone="success">{t("appointments.saved")}</Alert>}
          <div className="form-row">
            <Field label={t("appointments.when")} name="startsAt" type="datetime-local" required error={error?.fields.startsAt} />
            <Field
              label={t("appointments.duration")}
              name="durationMinutes"
              type="number"
              min={5}
              max={480}
              defaultValue={45}
              required
              error={error?.fields.durationMinutes}
            />
          </div>
          <Field
            label={t("appointments.practitioner")}
            name="practitionerName"
            defaultValue={practitioner}
            maxLength={120}
            required
            error={error?.fields.practitionerName}
          />
          <Field label={t("appointments.location")} name="location" maxLength={200} error={error?.fields.location} />
          <Field label={t("appointments.videoUrl")} name="videoUrl" type="url" maxLength={500} error={error?.fields.videoUrl} />
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {t("beheer.add")}
          </button>
        </form>
      </details>
      <ul className="card-list">
        {[...(list.data?.upcoming ?? []), ...(list.data?.past.slice(0, 10) ?? [])].map((a) => (
          <StaffAppointment key={a.id} appointment={a} clientId={clientId} />
        ))}
      </ul>
    </section>
  );
}

function StaffAppointment({ appointment: a, clientId }: { appointment: AppointmentSummary; clientId: string }) {
  const { t } = useTranslation();
  const save = useSaveAppointment(clientId);
  const error = save.error instanceof ApiRequestError ? save.error : null;
  // While saving, the choice just made; otherwise what the server holds (after a conflict: the other's change).
  const status = save.isPending && save.variables ? save.variables.input.status : a.status;
  return (
    <li className="card card-row">
      <div>
        <strong>{formatDateTime(a.startsAt)}</strong> · {a.practitionerName}
        <div className="muted">{a.location ?? a.videoUrl}</div>
        {error && <Alert tone="error">{error.message}</Alert>}
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor={`status-${a.id}`}>{t("appointments.statusLabel")}</label>
          <select
            id={`status-${a.id}`}
            value={status}
            onChange={(e) => {
              const next = e.target.value as AppointmentSummary["status"];
              save.mutate({
                id: a.id,
                input: {
                  startsAt: new Date(a.startsAt).toISOString(),
                  durationMinutes: a.durationMinutes,
                  practitionerName: a.practitionerName,
                  location: a.location ?? undefined,
                  videoUrl: a.videoUrl ?? undefined,
                  status: next,
                  version: a.version,
                },
              });
            }}
          >
            {(["gepland", "geweest", "afgezegd"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`appointments.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
    </li>
  );
}
