// Staff: plan an appointment (date, time, duration, practitioner, place or video link, description),
// change or cancel it (each change names the version it started from: a stale one is refused), set its status.
import type { AppointmentUpdate, StaffAppointment as StaffAppointmentItem } from "@portaal/shared/appointments";
import type { AppointmentSummary } from "@portaal/shared/portal";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import { Field } from "../../../components/ui/field";
import { ApiRequestError } from "../../../lib/api-client";
import { formatDateTime } from "../../../lib/format";
import { usePortalPeople } from "../../messages/api/messages";
import { useSaveAppointment, useStaffAppointments } from "../api/appointments";
import { AudienceChoice, audienceFrom } from "./audience-choice";

export function AppointmentsPanel({ clientId, practitioner }: { clientId: string; practitioner: string }) {
  const { t } = useTranslation();
  const list = useStaffAppointments(clientId);
  const save = useSaveAppointment(clientId);
  const error = save.error instanceof ApiRequestError ? save.error : null;
  // A fresh form after each save: the audience choice starts again at the whole portal.
  const [round, setRound] = useState(0);

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
          description: String(f.get("description") ?? "") || undefined,
          status: "gepland",
          audience: audienceFrom(f),
        },
      },
      {
        onSuccess: () => {
          target.reset();
          setRound((r) => r + 1);
        },
      },
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
          <Field
            label={t("staffWork.description")}
            hint={t("staffWork.descriptionHint")}
            name="description"
            maxLength={300}
            error={error?.fields.description}
          />
          <AudienceChoice key={round} clientId={clientId} value="portaal" error={error?.fields.audience} />
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

/** A moment as the value of a datetime-local field, in the staff member's own time zone. */
function localInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function inputOf(a: AppointmentSummary): AppointmentUpdate {
  return {
    startsAt: new Date(a.startsAt).toISOString(),
    durationMinutes: a.durationMinutes,
    practitionerName: a.practitionerName,
    location: a.location ?? undefined,
    videoUrl: a.videoUrl ?? undefined,
    description: a.description ?? undefined,
    status: a.status,
    version: a.version,
  };
}

function StaffAppointment({ appointment: a, clientId }: { appointment: StaffAppointmentItem; clientId: string }) {
  const { t } = useTranslation();
  const people = usePortalPeople("beheer", clientId);
  const save = useSaveAppointment(clientId);
  const [saved, setSaved] = useState(false);
  const [editing, setEditing] = useState(false);
  const error = save.error instanceof ApiRequestError ? save.error : null;
  const when = formatDateTime(a.startsAt);
  // While saving, the choice just made; otherwise what the server holds (after a conflict: the other's change).
  const status = save.isPending && save.variables ? save.variables.input.status : a.status;
  const change = (input: Partial<AppointmentUpdate>) => {
    setSaved(false);
    save.mutate({ id: a.id, input: { ...inputOf(a), ...input } }, { onSuccess: () => setSaved(true) });
  };

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const local = String(f.get("startsAt") ?? "");
    change({
      startsAt: local ? new Date(local).toISOString() : "",
      durationMinutes: Number(f.get("durationMinutes")),
      practitionerName: String(f.get("practitionerName") ?? ""),
      location: String(f.get("location") ?? "") || undefined,
      videoUrl: String(f.get("videoUrl") ?? "") || undefined,
      description: String(f.get("description") ?? "") || undefined,
      audience: audienceFrom(f),
    });
  }
  const names =
    a.audience === "portaal"
      ? null
      : a.audience.map((id) => people.data?.items.find((p) => p.id === id)?.name ?? t("messageExtras.participants.formerAccess"));

  return (
    <li className="card staff-appointment">
      <div className="card-row">
        <div>
          <strong className={a.status === "afgezegd" ? "strike" : undefined}>{when}</strong> · {a.practitionerName}{" "}
          <span className={`badge badge-appointment-${a.status}`}>{t(`appointments.status.${a.status}`)}</span>
          {a.changedAt !== null && <span className="badge badge-changed">{t("staffWork.changed")}</span>}
          <div className="muted">
            {t("appointments.minutes", { count: a.durationMinutes })} · {a.location ?? a.videoUrl}
          </div>
          {a.description && <div>{a.description}</div>}
          {names && <div className="muted">{t("appointments.audience.forNames", { names: names.join(", ") })}</div>}
        </div>
        <div className="field">
          <label htmlFor={`status-${a.id}`}>{t("appointments.statusLabel")}</label>
          <select id={`status-${a.id}`} value={status} onChange={(e) => change({ status: e.target.value as AppointmentSummary["status"] })}>
            {(["gepland", "geweest", "afgezegd"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`appointments.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error && <Alert tone="error">{error.message}</Alert>}
      {saved && !save.isPending && <Alert tone="success">{t("staffWork.changeSaved")}</Alert>}
      {/* The form exists only while open: a long list does not carry a hidden form per appointment. */}
      <details className="appointment-edit" onToggle={(e) => setEditing(e.currentTarget.open)}>
        <summary>
          {t("staffWork.edit")} <span className="visually-hidden">{t("staffWork.editOf", { when })}</span>
        </summary>
        {/* A new version (after a save, or someone else's change) starts the form afresh from what is stored. */}
        {editing && (
          <form key={a.version} onSubmit={submit} noValidate aria-label={t("staffWork.editOf", { when })}>
            <div className="form-row">
              <Field
                label={t("appointments.when")}
                name="startsAt"
                type="datetime-local"
                defaultValue={localInput(a.startsAt)}
                required
                error={error?.fields.startsAt}
              />
              <Field
                label={t("appointments.duration")}
                name="durationMinutes"
                type="number"
                min={5}
                max={480}
                defaultValue={a.durationMinutes}
                required
                error={error?.fields.durationMinutes}
              />
            </div>
            <Field
              label={t("appointments.practitioner")}
              name="practitionerName"
              defaultValue={a.practitionerName}
              maxLength={120}
              required
              error={error?.fields.practitionerName}
            />
            <Field
              label={t("appointments.location")}
              name="location"
              defaultValue={a.location ?? ""}
              maxLength={200}
              error={error?.fields.location}
            />
            <Field
              label={t("appointments.videoUrl")}
              name="videoUrl"
              type="url"
              defaultValue={a.videoUrl ?? ""}
              maxLength={500}
              error={error?.fields.videoUrl}
            />
            <Field
              label={t("staffWork.description")}
              hint={t("staffWork.descriptionHint")}
              name="description"
              defaultValue={a.description ?? ""}
              maxLength={300}
              error={error?.fields.description}
            />
            <AudienceChoice clientId={clientId} value={a.audience} error={error?.fields.audience} />
            <div className="button-row">
              <button type="submit" className="button button-primary" disabled={save.isPending}>
                {t("common.save")}
              </button>
              {a.status !== "afgezegd" && (
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={save.isPending}
                  onClick={() => window.confirm(t("staffWork.confirmCancel", { when })) && change({ status: "afgezegd" })}
                >
                  {t("staffWork.cancelAppointment")}
                </button>
              )}
            </div>
          </form>
        )}
      </details>
    </li>
  );
}
