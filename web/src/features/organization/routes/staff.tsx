// Medewerkers: the organization's staff with search, filters and paging (all in the URL), an invitation
// form, and per staff member the panel to manage role, access and care team (?medewerker=<id>).
import { StaffRoleInputSchema, type StaffStatus, StaffStatusSchema, type StaffSummary } from "@portaal/shared/staff";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { Alert } from "../../../components/ui/alert";
import { ErrorState } from "../../../components/ui/error-state";
import { Field } from "../../../components/ui/field";
import { Loading } from "../../../components/ui/spinner";
import { ApiRequestError } from "../../../lib/api-client";
import { formatDateTime } from "../../../lib/format";
import { useInviteStaff } from "../api/change-staff";
import { useStaffList } from "../api/get-staff";
import { OrganizationPage } from "../components/organization-page";
import { StaffMemberPanel } from "../components/staff-member-panel";

const PAGE_SIZE = 20;
type Role = StaffSummary["role"];

export function StaffRoute() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const status = StaffStatusSchema.safeParse(params.get("status")).data;
  const role = StaffRoleInputSchema.safeParse(params.get("rol")).data;
  const page = Math.max(1, Number(params.get("pagina")) || 1);
  const open = params.get("medewerker");
  const list = useStaffList({ q: q || undefined, status, role, page, pageSize: PAGE_SIZE });
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;

  function update(next: { q?: string; status?: StaffStatus | ""; role?: Role | ""; page?: number; open?: string | null }) {
    const p = new URLSearchParams();
    const set = (k: string, v: string | undefined | null) => v && p.set(k, v);
    set("q", next.q ?? q);
    set("status", next.status ?? status);
    set("rol", next.role ?? role);
    if ((next.page ?? page) > 1) p.set("pagina", String(next.page ?? page));
    set("medewerker", next.open === undefined ? open : next.open);
    setParams(p, { replace: true });
  }

  return (
    <OrganizationPage title={t("organization.parts.staff")} intro={t("orgStaff.intro")}>
      <InviteStaff />
      <form
        className="search-bar"
        onSubmit={(e) => {
          e.preventDefault();
          update({ q: String(new FormData(e.currentTarget).get("q") ?? "").trim(), page: 1, open: null });
        }}
      >
        <label htmlFor="staff-search">{t("orgStaff.search.label")}</label>
        <div className="search-row">
          <input id="staff-search" name="q" type="search" defaultValue={q} maxLength={100} />
          <button type="submit" className="button button-primary">
            {t("common.search")}
          </button>
        </div>
      </form>
      <div className="form-row staff-filters">
        <div className="field">
          <label htmlFor="staff-status">{t("orgStaff.search.status")}</label>
          <select id="staff-status" value={status ?? ""} onChange={(e) => update({ status: e.target.value as StaffStatus | "", page: 1 })}>
            <option value="">{t("orgStaff.search.all")}</option>
            {StaffStatusSchema.options.map((s) => (
              <option key={s} value={s}>
                {t(`orgStaff.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="staff-role">{t("orgStaff.search.role")}</label>
          <select id="staff-role" value={role ?? ""} onChange={(e) => update({ role: e.target.value as Role | "", page: 1 })}>
            <option value="">{t("orgStaff.search.all")}</option>
            {StaffRoleInputSchema.options.map((r) => (
              <option key={r} value={r}>
                {t(`orgStaff.roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {list.isPending && <Loading />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <>
          <p className="muted" aria-live="polite">
            {t("orgStaff.total", { count: list.data.total })}
          </p>
          {list.data.items.length === 0 ? (
            <p className="empty-state">{t("orgStaff.noResults")}</p>
          ) : (
            <ul className="card-list staff-list">
              {list.data.items.map((s) => (
                <li key={s.id} className="card">
                  <StaffCard staff={s} />
                  <button
                    type="button"
                    className="button button-secondary"
                    aria-expanded={open === s.id}
                    aria-controls={open === s.id ? `staff-panel-${s.id}` : undefined}
                    onClick={() => update({ open: open === s.id ? null : s.id })}
                  >
                    {open === s.id ? t("orgStaff.hide") : t("orgStaff.manage")} <span className="visually-hidden">{s.name}</span>
                  </button>
                  {open === s.id && <StaffMemberPanel staffId={s.id} />}
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
    </OrganizationPage>
  );
}

function StaffCard({ staff: s }: { staff: StaffSummary }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="access-head">
        <strong className="card-title">{s.name}</strong>
        {s.isSelf && <span className="muted"> ({t("orgStaff.you")})</span>}
        <span className={`badge badge-status-${s.status === "gedeactiveerd" ? "uitgeschakeld" : s.status}`}>
          {t(`orgStaff.status.${s.status}`)}
        </span>
      </div>
      {s.blockedReason && (
        <p className="work-reason">{t("orgStaff.blockedBecause", { reason: t(`staffWork.reason.${s.blockedReason}`) })}</p>
      )}
      {s.factorResetPending ? (
        <p className="work-reason">{t("orgStaff.factorResetPending")}</p>
      ) : (
        s.invitationExpired && <p className="work-reason">{t("orgStaff.invitationExpired")}</p>
      )}
      <dl className="inline-details">
        <div>
          <dt>{t("orgStaff.invite.email")}</dt>
          <dd>{s.email}</dd>
        </div>
        <div>
          <dt>{t("orgStaff.role")}</dt>
          <dd>{t(`orgStaff.roles.${s.role}`)}</dd>
        </div>
        <div>
          <dt>{t("orgStaff.lastLogin")}</dt>
          <dd>{s.lastLoginAt ? formatDateTime(s.lastLoginAt) : t("orgStaff.never")}</dd>
        </div>
        {(s.role === "begeleider" || s.role === "behandelaar") && (
          <div>
            <dt>{t("orgStaff.careTeamSize")}</dt>
            <dd>{s.careTeamSize}</dd>
          </div>
        )}
      </dl>
    </>
  );
}

function InviteStaff() {
  const { t } = useTranslation();
  const invite = useInviteStaff();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const error = invite.error instanceof ApiRequestError ? invite.error : null;

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const body = {
      name: String(data.get("name") ?? ""),
      email: String(data.get("email") ?? ""),
      role: String(data.get("role") ?? "") as Role,
    };
    setDone(null);
    invite.mutate(body, {
      onSuccess: (r) => {
        setDone(t("orgStaff.invite.done", { email: r.staff.email }));
        form.reset();
        setOpen(false);
      },
    });
  }

  return (
    <section className="panel" aria-labelledby="h-invite">
      <h2 id="h-invite">{t("orgStaff.invite.title")}</h2>
      {done && <Alert tone="success">{done}</Alert>}
      {!open ? (
        <button type="button" className="button button-primary" onClick={() => setOpen(true)}>
          {t("orgStaff.invite.open")}
        </button>
      ) : (
        <form onSubmit={submit} noValidate>
          <p className="muted">{t("orgStaff.invite.hint")}</p>
          {error && <Alert tone="error">{error.message}</Alert>}
          <Field label={t("orgStaff.invite.name")} name="name" autoComplete="off" maxLength={120} required error={error?.fields?.name} />
          <Field
            label={t("orgStaff.invite.email")}
            name="email"
            type="email"
            autoComplete="off"
            maxLength={254}
            required
            error={error?.fields?.email}
          />
          <div className="field">
            <label htmlFor="invite-role">{t("orgStaff.invite.role")}</label>
            <select id="invite-role" name="role" defaultValue="begeleider">
              {StaffRoleInputSchema.options.map((r) => (
                <option key={r} value={r}>
                  {t(`orgStaff.roles.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={invite.isPending}>
              {t("orgStaff.invite.submit")}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                invite.reset();
                setOpen(false);
              }}
            >
              {t("orgStaff.invite.cancel")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
