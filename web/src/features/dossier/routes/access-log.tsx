// Who viewed which of the items shared with the reader, and who got access to the portal, and when
// (NEN 7513, for the client or a relation with gezag); filtered by a period of Dutch days, paged.
import type { AccessLogEntry } from "@portaal/shared/dossier";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { PortalOf } from "../../../components/portal-of";
import { ErrorState } from "../../../components/ui/error-state";
import { DATE_INPUT, Field } from "../../../components/ui/field";
import { Pager } from "../../../components/ui/pager";
import { Loading } from "../../../components/ui/spinner";
import { parseDutchDate } from "../../../lib/format";
import { i18n } from "../../../lib/i18n";
import { useAccessLog } from "../api/get-access-log";

/** The log's times in Dutch time, as its period is in Dutch days, whatever the computer's time zone. */
function dutchTime(ms: number): string {
  return new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-NL", {
    timeZone: "Europe/Amsterdam",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(ms));
}

/** yyyy-mm-dd as the Dutch write it. */
function dutchDate(iso: string | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.split("-");
  return `${d}-${m}-${y}`;
}

export function AccessLogRoute() {
  const { t } = useTranslation();
  const { clientId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const from = params.get("van") || undefined;
  const to = params.get("tot") || undefined;
  const page = Math.max(1, Number(params.get("pagina")) || 1);
  const log = useAccessLog(clientId, { from, to, page });
  const filtered = Boolean(from || to);

  function show(next: { from?: string | undefined; to?: string | undefined; page?: number }) {
    const p = new URLSearchParams();
    if (next.from) p.set("van", next.from);
    if (next.to) p.set("tot", next.to);
    if (next.page && next.page > 1) p.set("pagina", String(next.page));
    setParams(p);
  }

  return (
    <main id="inhoud" className="page">
      <PortalOf />
      <h1>{t("accessLog.title")}</h1>
      <p className="muted">{t("accessLog.intro")}</p>
      <PeriodForm key={params.toString()} from={from} to={to} filtered={filtered} onApply={(f) => show(f)} />
      {log.isPending && <Loading />}
      {log.isError && <ErrorState error={log.error} onRetry={() => void log.refetch()} />}
      {log.data && (
        <section aria-labelledby="access-log-rows">
          <h2 id="access-log-rows" className="access-log-count" aria-live="polite">
            {filtered
              ? t("accessLog.countPeriod", {
                  count: log.data.total,
                  period: periodLabel(t, from, to),
                })
              : t("accessLog.count", { count: log.data.total })}
          </h2>
          {log.data.items.length === 0 ? (
            <p className="empty-state">{filtered ? t("accessLog.emptyPeriod") : t("accessLog.empty")}</p>
          ) : (
            <table className="table stacked-table access-log-table">
              <caption className="visually-hidden">{t("accessLog.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("accessLog.when")}</th>
                  <th scope="col">{t("accessLog.who")}</th>
                  <th scope="col">{t("accessLog.what")}</th>
                </tr>
              </thead>
              <tbody>
                {log.data.items.map((e) => (
                  <LogRow key={`${e.at}-${e.who}-${e.action}-${e.title}`} entry={e} />
                ))}
              </tbody>
            </table>
          )}
          <Pager page={log.data.page} pageSize={log.data.pageSize} total={log.data.total} onPage={(p) => show({ from, to, page: p })} />
        </section>
      )}
    </main>
  );
}

function periodLabel(t: (k: string, o?: Record<string, string>) => string, from?: string, to?: string): string {
  if (from && to) return t("accessLog.periodBetween", { from: dutchDate(from), to: dutchDate(to) });
  if (from) return t("accessLog.periodFrom", { from: dutchDate(from) });
  return t("accessLog.periodUntil", { to: dutchDate(to) });
}

function LogRow({ entry: e }: { entry: AccessLogEntry }) {
  const { t } = useTranslation();
  const role = e.organization ? `${e.role}, ${e.organization}` : e.role;
  return (
    <tr>
      <td data-label={t("accessLog.when")}>{dutchTime(e.at)}</td>
      <td data-label={t("accessLog.who")}>
        {e.who} <span className="muted">({role})</span>
      </td>
      <td data-label={t("accessLog.what")}>
        {e.action === "toegang" ? t("accessLog.granted") : t(`accessLog.action.${e.action}`, { title: e.title ?? "" })}
      </td>
    </tr>
  );
}

function PeriodForm(props: {
  from?: string | undefined;
  to?: string | undefined;
  filtered: boolean;
  onApply: (f: { from?: string; to?: string }) => void;
}) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(dutchDate(props.from));
  const [to, setTo] = useState(dutchDate(props.to));
  const [errors, setErrors] = useState<{ from?: string | undefined; to?: string | undefined }>({});

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fromIso = from.trim() ? parseDutchDate(from) : "";
    const toIso = to.trim() ? parseDutchDate(to) : "";
    const next = {
      from: fromIso === null ? t("accessLog.dateInvalid") : undefined,
      to: toIso === null ? t("accessLog.dateInvalid") : fromIso && toIso && fromIso > toIso ? t("accessLog.fromAfterTo") : undefined,
    };
    setErrors(next);
    if (next.from || next.to) return;
    props.onApply({ from: fromIso ?? "", to: toIso ?? "" });
  }

  return (
    <form className="log-filters access-log-filters" onSubmit={submit} noValidate aria-labelledby="access-log-period">
      <h2 id="access-log-period" className="visually-hidden">
        {t("accessLog.period")}
      </h2>
      <Field
        id="access-log-from"
        label={t("accessLog.from")}
        {...DATE_INPUT}
        hint={t("accessLog.dateHint")}
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        error={errors.from}
      />
      <Field
        id="access-log-to"
        label={t("accessLog.to")}
        {...DATE_INPUT}
        hint={t("accessLog.dateHint")}
        value={to}
        onChange={(e) => setTo(e.target.value)}
        error={errors.to}
      />
      <div className="button-row log-filter-buttons">
        <button type="submit" className="button button-primary">
          {t("accessLog.apply")}
        </button>
        {props.filtered && (
          <button type="button" className="button button-secondary" onClick={() => props.onApply({})}>
            {t("accessLog.clear")}
          </button>
        )}
      </div>
    </form>
  );
}
