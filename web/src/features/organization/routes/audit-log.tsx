// Organisatie → Logboek (NEN 7513): the chain check with "Nu controleren", filters by client, person, action
// and period (kept in the URL), the rows newest first page by page, and the CSV export with the same filters.
import type { AuditEntry, AuditFilterOptions, AuditVerification } from "@portaal/shared/audit-log";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { Alert } from "../../../components/ui/alert";
import { ErrorState } from "../../../components/ui/error-state";
import { DATE_INPUT, Field } from "../../../components/ui/field";
import { Loading } from "../../../components/ui/spinner";
import { ApiRequestError } from "../../../lib/api-client";
import { parseDutchDate } from "../../../lib/format";
import { i18n } from "../../../lib/i18n";
import { auditExportHref, useAuditLog } from "../api/get-audit-log";
import { useAuditOptions } from "../api/get-audit-options";
import { useAuditVerification } from "../api/get-audit-verification";
import { useRunAuditVerification } from "../api/run-audit-verification";
import { OrganizationPage } from "../components/organization-page";

const PAGE_SIZE = 25;
const FILTERS = ["clientId", "actorId", "action", "from", "to"] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

/** The log's times are the organization's: Dutch time, whatever the computer's time zone. */
function dutchTime(ms: number): string {
  return new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-NL", {
    timeZone: "Europe/Amsterdam",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).format(new Date(ms));
}

/** yyyy-mm-dd as the Dutch write it. */
function dutchDate(iso: string | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.split("-");
  return `${d}-${m}-${y}`;
}

export function AuditLogRoute() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters: Filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) || undefined]));
  // Keyset pages: the row each page starts after, so "Nieuwere" goes back exactly.
  const [cursors, setCursors] = useState<number[]>([]);
  const before = cursors[cursors.length - 1];
  const log = useAuditLog({ ...filters, before, pageSize: PAGE_SIZE });
  const options = useAuditOptions();

  function apply(next: Filters) {
    const p = new URLSearchParams();
    for (const k of FILTERS) if (next[k]) p.set(k, next[k]);
    setCursors([]);
    setParams(p);
  }

  const page = cursors.length + 1;
  const pages = log.data ? Math.max(page, Math.ceil(log.data.total / PAGE_SIZE)) : page;
  return (
    <OrganizationPage title={t("organization.parts.auditLog")} intro={t("orgLog.intro")}>
      <ChainCheck />
      <FilterForm key={params.toString()} filters={filters} options={options.data} onApply={apply} />
      {log.isPending && <Loading />}
      {log.isError && <ErrorState error={log.error} onRetry={() => void log.refetch()} />}
      {log.data && (
        <section aria-labelledby="log-rows" className="org-section">
          <div className="log-head">
            <h2 id="log-rows" aria-live="polite">
              {t("orgLog.total", { count: log.data.total })}
            </h2>
            <div>
              <a className="button button-secondary" href={auditExportHref(filters)} download aria-describedby="export-hint">
                {t("orgLog.export")}
              </a>
              <p className="field-hint" id="export-hint">
                {t("orgLog.exportHint")}
              </p>
            </div>
          </div>
          {log.data.items.length === 0 ? <p className="empty-state">{t("orgLog.empty")}</p> : <LogTable items={log.data.items} />}
          {(cursors.length > 0 || log.data.nextBefore !== null) && (
            <nav className="pager" aria-label={t("orgLog.pagerLabel")}>
              <button
                type="button"
                className="button button-secondary"
                disabled={cursors.length === 0}
                onClick={() => setCursors(cursors.slice(0, -1))}
              >
                {t("orgLog.newer")}
              </button>
              <span aria-live="polite">{t("orgLog.pageN", { page, pages })}</span>
              <button
                type="button"
                className="button button-secondary"
                disabled={log.data.nextBefore === null}
                onClick={() => log.data?.nextBefore && setCursors([...cursors, log.data.nextBefore])}
              >
                {t("orgLog.older")}
              </button>
            </nav>
          )}
        </section>
      )}
    </OrganizationPage>
  );
}

function LogTable({ items }: { items: AuditEntry[] }) {
  const { t } = useTranslation();
  return (
    <table className="table stacked-table">
      <caption className="visually-hidden">{t("organization.parts.auditLog")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("orgLog.when")}</th>
          <th scope="col">{t("orgLog.who")}</th>
          <th scope="col">{t("orgLog.whose")}</th>
          <th scope="col">{t("orgLog.what")}</th>
          <th scope="col">{t("orgLog.where")}</th>
          <th scope="col">{t("orgLog.outcome")}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((e) => (
          <tr key={e.seq}>
            <td data-label={t("orgLog.when")}>{dutchTime(e.at)}</td>
            <td data-label={t("orgLog.who")}>
              {e.actor.name} <span className="muted">({e.actor.role})</span>
            </td>
            <td data-label={t("orgLog.whose")}>{e.client?.name ?? t("orgLog.none")}</td>
            <td data-label={t("orgLog.what")}>{e.actionLabel}</td>
            <td data-label={t("orgLog.where")}>{e.ip ?? t("orgLog.none")}</td>
            <td data-label={t("orgLog.outcome")}>
              <span className={`badge badge-outcome-${e.outcome}`}>{t(`orgLog.outcomes.${e.outcome}`)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FilterForm({ filters, options, onApply }: { filters: Filters; options?: AuditFilterOptions; onApply: (f: Filters) => void }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(dutchDate(filters.from));
  const [to, setTo] = useState(dutchDate(filters.to));
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const fromIso = from.trim() ? parseDutchDate(from) : "";
    const toIso = to.trim() ? parseDutchDate(to) : "";
    const next = {
      from: fromIso === null ? t("orgLog.dateInvalid") : undefined,
      to: toIso === null ? t("orgLog.dateInvalid") : undefined,
    };
    setErrors(next);
    if (next.from || next.to) return;
    onApply({
      clientId: String(form.get("clientId") ?? ""),
      actorId: String(form.get("actorId") ?? ""),
      action: String(form.get("action") ?? ""),
      from: fromIso ?? "",
      to: toIso ?? "",
    });
  }

  return (
    <form className="log-filters" onSubmit={submit} noValidate aria-labelledby="log-filters">
      <h2 id="log-filters" className="visually-hidden">
        {t("orgLog.filters")}
      </h2>
      <div className="field">
        <label htmlFor="log-client">{t("orgLog.client")}</label>
        <select id="log-client" name="clientId" defaultValue={filters.clientId ?? ""}>
          <option value="">{t("orgLog.all")}</option>
          {options?.clients.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.clientNumber})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="log-person">{t("orgLog.person")}</label>
        <select id="log-person" name="actorId" defaultValue={filters.actorId ?? ""}>
          <option value="">{t("orgLog.all")}</option>
          {options?.actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.role})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="log-action">{t("orgLog.action")}</label>
        <select id="log-action" name="action" defaultValue={filters.action ?? ""}>
          <option value="">{t("orgLog.all")}</option>
          {options?.actions.map((a) => (
            <option key={a.code} value={a.code}>
              {a.label}
            </option>
          ))}
        </select>
      </div>
      <Field
        id="log-from"
        label={t("orgLog.from")}
        {...DATE_INPUT}
        hint={t("orgLog.dateHint")}
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        error={errors.from}
      />
      <Field
        id="log-to"
        label={t("orgLog.to")}
        {...DATE_INPUT}
        hint={t("orgLog.dateHint")}
        value={to}
        onChange={(e) => setTo(e.target.value)}
        error={errors.to}
      />
      <div className="button-row log-filter-buttons">
        <button type="submit" className="button button-primary">
          {t("orgLog.apply")}
        </button>
        <button type="button" className="button button-secondary" onClick={() => onApply({})}>
          {t("orgLog.clear")}
        </button>
      </div>
    </form>
  );
}

function ChainCheck() {
  const { t } = useTranslation();
  const last = useAuditVerification();
  const run = useRunAuditVerification();
  const runError = run.error instanceof ApiRequestError ? run.error : null;
  return (
    <section aria-labelledby="chain-check" className="org-section chain-check">
      <h2 id="chain-check">{t("orgLog.checkTitle")}</h2>
      {last.isError && <ErrorState error={last.error} onRetry={() => void last.refetch()} />}
      {last.data && <CheckResult last={last.data.last} />}
      {runError && <Alert tone="error">{runError.message}</Alert>}
      <button type="button" className="button button-secondary" disabled={run.isPending} onClick={() => run.mutate()}>
        {run.isPending ? t("orgLog.checking") : t("orgLog.checkNow")}
      </button>
    </section>
  );
}

function CheckResult({ last }: { last: AuditVerification | null }) {
  const { t } = useTranslation();
  if (!last) return <p>{t("orgLog.checkNever")}</p>;
  const at = dutchTime(last.at);
  if (last.ok) return <Alert tone="success">{t("orgLog.checkOk", { at, by: last.by, rows: last.rows })}</Alert>;
  return (
    <Alert tone="error">
      {last.firstBrokenSeq !== null
        ? t("orgLog.checkBroken", { at, by: last.by, seq: last.firstBrokenSeq })
        : t("orgLog.checkBrokenNoSeq", { at, by: last.by })}
    </Alert>
  );
}
