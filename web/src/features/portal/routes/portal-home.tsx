// Home of one client's portal: what is new since the previous login, the next appointment, the
// organization's announcement, privacy and security, and the crisis notice.
import type { MeResponse } from "@portaal/shared/auth";
import type { Overview } from "@portaal/shared/portal";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useOutletContext, useParams } from "react-router";
import { PortalOf } from "../../../components/portal-of";
import { Alert } from "../../../components/ui/alert";
import { ErrorState } from "../../../components/ui/error-state";
import { PhoneText } from "../../../components/ui/phone-text";
import { Loading } from "../../../components/ui/spinner";
import { type PortalSection, paths } from "../../../config/paths";
import { formatDateTime } from "../../../lib/format";
import { useOverview } from "../api/get-overview";
import { TourOffer } from "../components/tour-offer";

const ACTIVITY: { key: keyof Overview["activity"]; section: PortalSection }[] = [
  { key: "documents", section: "dossier" },
  { key: "reports", section: "verslagen" },
  { key: "appointmentsHeld", section: "afspraken" },
  { key: "messages", section: "berichten" },
  { key: "diaryNotes", section: "dagboek" },
  { key: "appointments", section: "afspraken" },
  { key: "assignments", section: "aan-de-slag" },
];

export function PortalHomeRoute() {
  const me = useOutletContext<MeResponse>();
  const { clientId = "" } = useParams();
  const { t } = useTranslation();
  const portal = me.portals.find((p) => p.clientId === clientId);
  const overview = useOverview(clientId);
  if (!portal) return <Navigate to={paths.home.getHref()} replace />;
  return (
    <main id="inhoud" className="page">
      <PortalOf />
      <h1>{t("portal.welcome", { name: me.user.displayName })}</h1>
      {overview.data && !overview.data.tourSeen && <TourOffer clientId={clientId} />}
      {overview.isPending && <Loading />}
      {overview.isError && <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />}
      {overview.data && (
        <div className="home-grid">
          <section className="panel home-activity" aria-labelledby="h-activity" data-tour="activity">
            <h2 id="h-activity">{t("home.activityTitle")}</h2>
            <p className="muted">
              {overview.data.since ? t("home.since", { date: formatDateTime(overview.data.since) }) : t("home.sinceFirst")}
            </p>
            <ul className="activity-list">
              {ACTIVITY.map(({ key, section }) => (
                <li key={key}>
                  <Link to={paths.portal.section.getHref(clientId, section)} className="activity-item">
                    <span className={`activity-count${overview.data.activity[key] > 0 ? " activity-new" : ""}`}>
                      {overview.data.activity[key]}
                    </span>
                    <span>{t(`home.activity.${key}`, { count: overview.data.activity[key] })}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
          <section className="panel" aria-labelledby="h-next" data-tour="next-appointment">
            <h2 id="h-next">{t("home.nextTitle")}</h2>
            {overview.data.nextAppointment ? (
              <div>
                <p className="next-when">{formatDateTime(overview.data.nextAppointment.startsAt)}</p>
                <p>
                  {overview.data.nextAppointment.practitionerName}
                  {overview.data.nextAppointment.location && ` · ${overview.data.nextAppointment.location}`}
                </p>
                <p className="muted">
                  <PhoneText>{t("home.cancelByPhone", { phone: me.organization.phone })}</PhoneText>
                </p>
              </div>
            ) : (
              <p className="muted">{t("home.noNext")}</p>
            )}
          </section>
          {overview.data.announcement && (
            <section className="panel announcement" aria-labelledby="h-announcement">
              <h2 id="h-announcement">{overview.data.announcement.title}</h2>
              <p>{overview.data.announcement.body}</p>
            </section>
          )}
          <section className="panel" aria-labelledby="h-privacy" data-tour="privacy">
            <h2 id="h-privacy">{t("home.privacyTitle")}</h2>
            <ul className="check-list">
              <li className={overview.data.privacy.secondFactorSet ? "ok" : "todo"}>
                {t(overview.data.privacy.secondFactorSet ? "home.factorSet" : "home.factorNotSet")}
              </li>
              <li className={overview.data.privacy.secretQuestionSet ? "ok" : "todo"}>
                {t(overview.data.privacy.secretQuestionSet ? "home.secretSet" : "home.secretNotSet")}
              </li>
            </ul>
            {overview.data.privacy.emailCodesOnly && <Alert tone="warning">{t("home.emailCodesOnly")}</Alert>}
            {(!overview.data.privacy.secondFactorSet || !overview.data.privacy.secretQuestionSet) && (
              <Link className="button button-secondary" to={paths.account.getHref()}>
                {t("home.setThem")}
              </Link>
            )}
          </section>
        </div>
      )}
      <div className="crisis-notice" data-tour="crisis">
        <Alert tone="info">{t("portal.crisis", { phone: me.organization.phone })}</Alert>
      </div>
    </main>
  );
}
