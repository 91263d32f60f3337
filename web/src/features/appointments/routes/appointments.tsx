// Afspraken: upcoming and past appointments, each downloadable for a calendar app. Cancelling goes by phone.
import type { MeResponse } from "@portaal/shared/auth";
import type { AppointmentSummary } from "@portaal/shared/portal";
import { useTranslation } from "react-i18next";
import { useOutletContext, useParams } from "react-router";
import { PortalOf } from "../../../components/portal-of";
import { Alert } from "../../../components/ui/alert";
import { ErrorState } from "../../../components/ui/error-state";
import { Loading } from "../../../components/ui/spinner";
import { formatDateTime } from "../../../lib/format";
import { icsUrl, useAppointments } from "../api/get-appointments";

export function AppointmentsRoute() {
  const me = useOutletContext<MeResponse>();
  const { t } = useTranslation();
  const { clientId = "" } = useParams();
  const list = useAppointments(clientId);
  return (
    <main id="inhoud" className="page">
      <PortalOf />
      <h1>{t("nav.afspraken")}</h1>
      <Alert tone="info">{t("appointments.byPhone", { phone: me.organization.phone })}</Alert>
      {list.isPending && <Loading />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <>
          <section aria-labelledby="h-upcoming">
            <h2 id="h-upcoming">{t("appointments.upcoming")}</h2>
            {list.data.upcoming.length === 0 ? (
              <p className="empty-state">{t("appointments.noUpcoming")}</p>
            ) : (
              <AppointmentCards clientId={clientId} items={list.data.upcoming} />
            )}
          </section>
          <section aria-labelledby="h-past">
            <h2 id="h-past">{t("appointments.past")}</h2>
            {list.data.past.length === 0 ? (
              <p className="empty-state">{t("appointments.noPast")}</p>
            ) : (
              <AppointmentCards clientId={clientId} items={list.data.past} />
            )}
          </section>
        </>
      )}
    </main>
  );
}

function AppointmentCards({ clientId, items }: { clientId: string; items: AppointmentSummary[] }) {
  const { t } = useTranslation();
  return (
    <ul className="card-list">
      {items.map((a) => (
        <li key={a.id} className="card card-row">
          <div>
            <strong className={a.status === "afgezegd" ? "strike" : undefined}>{formatDateTime(a.startsAt)}</strong>{" "}
            <span className={`badge badge-appointment-${a.status}`}>{t(`appointments.status.${a.status}`)}</span>
            {/* Moved, changed or cancelled by staff after it was first planned. */}
            {a.changedAt !== null && <span className="badge badge-changed">{t("staffWork.changed")}</span>}
            <div>
              {a.practitionerName} · {t("appointments.minutes", { count: a.durationMinutes })}
            </div>
            {a.description && <div>{a.description}</div>}
            <div className="muted">
              {a.location}
              {a.videoUrl && (
                <a href={a.videoUrl} rel="noreferrer noopener" target="_blank">
                  {t("appointments.video")}
                </a>
              )}
            </div>
          </div>
          <a className="button button-secondary" href={icsUrl(clientId, a.id)} download>
            {t("appointments.ics")} <span className="visually-hidden">{formatDateTime(a.startsAt)}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
