// Werkvoorraad: what waits for the secretariaat (close requests, blocked accounts, dead activation
// links), oldest first; each row leads to the client page where it is dealt with.
import type { WorkItem } from "@portaal/shared/access";
import type { ComingBirthday } from "@portaal/shared/care";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorState } from "../../../components/ui/error-state";
import { Loading } from "../../../components/ui/spinner";
import { paths } from "../../../config/paths";
import { formatDate, formatDateTime } from "../../../lib/format";
import { useWorkQueue } from "../api/get-work-queue";

export function WorkQueueRoute() {
  const { t } = useTranslation();
  const queue = useWorkQueue();
  return (
    <main id="inhoud" className="page page-wide">
      <h1>{t("staffWork.title")}</h1>
      <p className="muted">{t("staffWork.intro")}</p>
      {queue.isPending && <Loading />}
      {queue.isError && <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />}
      {queue.data && <BirthdaySection birthdays={queue.data.birthdays} />}
      {queue.data && queue.data.birthdays.length > 0 && <h2>{t("careRules.queueTitle")}</h2>}
      {queue.data &&
        (queue.data.items.length === 0 ? (
          <p className="empty-state">{t("staffWork.empty")}</p>
        ) : (
          <>
            <p className="muted" aria-live="polite">
              {t("staffWork.total", { count: queue.data.items.length })}
            </p>
            <ul className="card-list work-queue">
              {queue.data.items.map((item) => (
                <WorkRow key={`${item.kind}-${item.accountId}`} item={item} />
              ))}
            </ul>
          </>
        ))}
    </main>
  );
}

function WorkRow({ item }: { item: WorkItem }) {
  const { t } = useTranslation();
  return (
    <li className={`card work-item work-item-${item.kind}`}>
      <div className="access-head">
        <strong>{item.name}</strong>
        <span className={`badge badge-work-${item.kind}`}>{t(`staffWork.kind.${item.kind}`)}</span>
      </div>
      {item.blockedReason && (
        <p className="work-reason">{t("staffWork.blockedBecause", { reason: t(`staffWork.reason.${item.blockedReason}`) })}</p>
      )}
      <p className="muted">
        {item.email} · {t(`staffWork.at.${item.kind}`, { date: formatDateTime(item.at) })}
      </p>
      <p>
        {t("staffWork.portals")}{" "}
        {item.clients.map((c, i) => (
          <span key={c.id}>
            {i > 0 && ", "}
            <Link to={paths.beheer.client.getHref(c.id)}>{c.name}</Link>
            {c.relation !== "eigen" && <span className="muted"> ({t("staffWork.asRelation", { relation: c.relation })})</span>}
          </span>
        ))}
      </p>
    </li>
  );
}

/** Clients turning 16 within 30 days: from the birthday their parents' and guardians' access needs their consent. */
function BirthdaySection({ birthdays }: { birthdays: ComingBirthday[] }) {
  const { t } = useTranslation();
  if (birthdays.length === 0) return null;
  return (
    <section aria-labelledby="h-birthdays">
      <h2 id="h-birthdays">{t("careRules.birthdaysTitle")}</h2>
      <p className="muted">{t("careRules.birthdaysIntro")}</p>
      <ul className="card-list">
        {birthdays.map((b) => (
          <li key={b.clientId} className="card">
            <div className="access-head">
              <Link to={paths.beheer.client.getHref(b.clientId)}>
                <strong>{b.name}</strong>
              </Link>
              <span className="badge badge-muted">{t("careRules.sixteenOn", { date: formatDate(b.sixteenOn) })}</span>
            </div>
            <p className="muted">
              {b.holders.length === 0
                ? t("careRules.noHolders")
                : b.holders
                    .map((h) => `${h.name} (${h.consent ? t("careRules.holderConsent") : t("careRules.holderNoConsent")})`)
                    .join(", ")}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
