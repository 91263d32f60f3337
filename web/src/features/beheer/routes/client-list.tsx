// Beheer: the client list with search, an access filter and paging; all three live in the URL. A search
// also finds relations (a parent who phones in), and each client shows how everyone's access stands.
import { type AccessFilter, AccessFilterSchema } from "@portaal/shared/access";
import type { MeResponse } from "@portaal/shared/auth";
import type { ClientSummary } from "@portaal/shared/beheer";
import { can } from "@portaal/shared/roles";
import { useTranslation } from "react-i18next";
import { Link, useOutletContext, useSearchParams } from "react-router";
import { ErrorState } from "../../../components/ui/error-state";
import { Loading } from "../../../components/ui/spinner";
import { paths } from "../../../config/paths";
import { formatDate } from "../../../lib/format";
import { useClients } from "../api/get-clients";

const PAGE_SIZE = 20;

export function ClientListRoute() {
  const { t } = useTranslation();
  const me = useOutletContext<MeResponse>();
  const managesAccess = can(me.user.staffRole, "access.manage");
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const parsed = AccessFilterSchema.safeParse(params.get("toegang"));
  const toegang = managesAccess && parsed.success ? parsed.data : undefined;
  const page = Math.max(1, Number(params.get("pagina")) || 1);
  const clients = useClients({ q: q || undefined, page, pageSize: PAGE_SIZE, toegang });
  const pages = clients.data ? Math.max(1, Math.ceil(clients.data.total / PAGE_SIZE)) : 1;

  function update(next: { q?: string; page?: number; toegang?: AccessFilter | "" }) {
    const p = new URLSearchParams();
    const nq = next.q ?? q;
    if (nq) p.set("q", nq);
    const nf = next.toegang ?? toegang;
    if (nf) p.set("toegang", nf);
    if ((next.page ?? 1) > 1) p.set("pagina", String(next.page));
    setParams(p, { replace: next.q !== undefined });
  }

  return (
    <main id="inhoud" className="page page-wide">
      <div className="page-head">
        <h1>{t("beheer.clients")}</h1>
        {can(me.user.staffRole, "clients.manage") && (
          <Link className="button button-primary" to={paths.beheer.newClient.getHref()}>
            {t("clientRecords.newButton")}
          </Link>
        )}
      </div>
      <form
        className="search-bar"
        onSubmit={(e) => {
          e.preventDefault();
          update({ q: String(new FormData(e.currentTarget).get("q") ?? "").trim(), page: 1 });
        }}
      >
        <label htmlFor="client-search">{t("beheer.searchLabel")}</label>
        <div className="search-row">
          <input id="client-search" name="q" type="search" defaultValue={q} maxLength={100} />
          <button type="submit" className="button button-primary">
            {t("common.search")}
          </button>
        </div>
      </form>
      {managesAccess && (
        <div className="field access-filter">
          <label htmlFor="access-filter">{t("staffWork.filterLabel")}</label>
          <select
            id="access-filter"
            value={toegang ?? ""}
            onChange={(e) => update({ toegang: e.target.value as AccessFilter | "", page: 1 })}
          >
            <option value="">{t("staffWork.filterAll")}</option>
            {AccessFilterSchema.options.map((f) => (
              <option key={f} value={f}>
                {t(`staffWork.filter.${f}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      {clients.isPending && <Loading />}
      {clients.isError && <ErrorState error={clients.error} onRetry={() => void clients.refetch()} />}
      {clients.data && (
        <>
          <p className="muted" aria-live="polite">
            {t("beheer.total", { count: clients.data.total })}
          </p>
          {clients.data.items.length === 0 ? (
            <p className="empty-state">{t("beheer.noResults")}</p>
          ) : (
            <ul className="card-list client-list">
              {clients.data.items.map((c) => (
                <li key={c.id} className="card">
                  <Link to={paths.beheer.client.getHref(c.id)} className="card-title">
                    {c.name}
                  </Link>
                  <dl className="inline-details">
                    <div>
                      <dt>{t("beheer.number")}</dt>
                      <dd>{c.clientNumber}</dd>
                    </div>
                    <div>
                      <dt>{t("beheer.birthDate")}</dt>
                      <dd>{c.birthDate ? formatDate(c.birthDate) : t("beheer.unknown")}</dd>
                    </div>
                    <div>
                      <dt>{t("beheer.placement")}</dt>
                      <dd>{c.activePlacement ?? t("beheer.none")}</dd>
                    </div>
                  </dl>
                  <ClientPeople client={c} />
                </li>
              ))}
            </ul>
          )}
          <nav className="pager" aria-label={t("common.pageOf", { page, pages })}>
            <button type="button" className="button button-secondary" disabled={page <= 1} onClick={() => update({ page: page - 1 })}>
              {t("common.previous")}
            </button>
            <span>{t("common.pageOf", { page, pages })}</span>
            <button type="button" className="button button-secondary" disabled={page >= pages} onClick={() => update({ page: page + 1 })}>
              {t("common.next")}
            </button>
          </nav>
        </>
      )}
    </main>
  );
}

/** Who was found through a relation, and how each person's access stands. */
function ClientPeople({ client }: { client: ClientSummary }) {
  const { t } = useTranslation();
  return (
    <>
      {client.matchedRelations.length > 0 && (
        <p className="found-via">
          {t("staffWork.foundVia")}:{" "}
          {client.matchedRelations.map((r) => `${r.name} (${[r.role, r.email].filter(Boolean).join(", ")})`).join("; ")}
        </p>
      )}
      {client.access.length > 0 && (
        <div className="client-access">
          <span className="muted">{t("staffWork.access")}:</span>
          <ul className="plain-list access-states">
            {client.access.map((a) => (
              <li key={`${a.name}-${a.role}`}>
                {a.name} <span className="muted">({a.role})</span>{" "}
                <span className={`badge badge-status-${a.status}`}>{t(`access.status.${a.status}`)}</span>
                {a.blockedReason && <span className="muted"> {t(`staffWork.reason.${a.blockedReason}`)}</span>}
                {a.closeRequested && <span className="badge badge-work-sluitverzoek">{t("staffWork.closeRequested")}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
