// One staff member opened from the list: role, the actions their state allows, and their care team.
import type { StaffAction, StaffDetail, StaffSummary } from "@portaal/shared/staff";
import { StaffRoleInputSchema } from "@portaal/shared/staff";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import { ErrorState } from "../../../components/ui/error-state";
import { Loading } from "../../../components/ui/spinner";
import { ApiRequestError } from "../../../lib/api-client";
import { useAddToCareTeam, useChangeStaffRole, useRemoveFromCareTeam, useStaffAction } from "../api/change-staff";
import { useFindClients } from "../api/find-clients";
import { useStaffMember } from "../api/get-staff";

type Role = StaffSummary["role"];

/** What each state allows; the BFF checks the same and refuses the rest with a sentence. */
const ACTIONS: Record<StaffDetail["status"], StaffAction[]> = {
  uitgenodigd: ["resend-invitation", "deactivate"],
  actief: ["reset-second-factor", "deactivate"],
  geblokkeerd: ["unblock", "reset-second-factor", "deactivate"],
  gedeactiveerd: ["reactivate"],
};

export function StaffMemberPanel({ staffId }: { staffId: string }) {
  const { t } = useTranslation();
  const member = useStaffMember(staffId);
  const action = useStaffAction(staffId);
  const changeRole = useChangeStaffRole(staffId);
  const [done, setDone] = useState<string | null>(null);
  const error = action.error ?? changeRole.error;
  const staff = member.data?.staff;

  if (member.isPending) return <Loading />;
  if (member.isError || !staff) return <ErrorState error={member.error} onRetry={() => void member.refetch()} />;

  function run(s: StaffDetail, a: StaffAction) {
    if (!window.confirm(t(`orgStaff.confirm.${a}`, { name: s.name }))) return;
    setDone(null);
    changeRole.reset();
    action.mutate({ action: a, version: s.version }, { onSuccess: () => setDone(t(`orgStaff.done.${a}`, { name: s.name })) });
  }

  return (
    <div className="staff-panel" id={`staff-panel-${staffId}`}>
      {error instanceof ApiRequestError && <Alert tone="error">{error.message}</Alert>}
      {done && <Alert tone="success">{done}</Alert>}
      <form
        className="form-row staff-role"
        onSubmit={(e) => {
          e.preventDefault();
          const role = String(new FormData(e.currentTarget).get("role")) as Role;
          setDone(null);
          action.reset();
          changeRole.mutate(
            { role, version: staff.version },
            { onSuccess: () => setDone(t("orgStaff.roleChanged", { name: staff.name, role: t(`orgStaff.roles.${role}`) })) },
          );
        }}
      >
        <div className="field">
          <label htmlFor={`role-${staffId}`}>{t("orgStaff.role")}</label>
          <select id={`role-${staffId}`} name="role" defaultValue={staff.role} key={`${staff.role}-${staff.version}`}>
            {StaffRoleInputSchema.options.map((r) => (
              <option key={r} value={r}>
                {t(`orgStaff.roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-secondary" disabled={changeRole.isPending || staff.isSelf}>
          {t("orgStaff.changeRole")}
        </button>
      </form>
      <h3>{t("orgStaff.actionsTitle")}</h3>
      {!staff.secondFactorSet && staff.status !== "uitgenodigd" && <p className="muted">{t("orgStaff.noFactor")}</p>}
      {staff.isSelf && <p className="muted">{t("orgStaff.selfNote")}</p>}
      <div className="button-row">
        {(staff.isSelf ? [] : ACTIONS[staff.status]).map((a) => (
          <button
            key={a}
            type="button"
            className={a === "deactivate" ? "button button-danger" : "button button-secondary"}
            disabled={action.isPending}
            onClick={() => run(staff, a)}
          >
            {t(`orgStaff.actions.${a}`)} <span className="visually-hidden">{staff.name}</span>
          </button>
        ))}
      </div>
      <CareTeam staff={staff} />
    </div>
  );
}

function CareTeam({ staff }: { staff: StaffDetail }) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const add = useAddToCareTeam(staff.id);
  const remove = useRemoveFromCareTeam(staff.id);
  const found = useFindClients(q.trim());
  const error = add.error ?? remove.error;
  const inTeam = new Set(staff.careTeam.map((c) => c.id));
  const isCareRole = staff.role === "begeleider" || staff.role === "behandelaar";

  return (
    <section className="staff-care" aria-labelledby={`h-care-${staff.id}`}>
      <h3 id={`h-care-${staff.id}`}>{t("orgStaff.care.title")}</h3>
      {!isCareRole ? (
        <p className="muted">{t("orgStaff.care.notCareRole")}</p>
      ) : (
        <>
          {error instanceof ApiRequestError && <Alert tone="error">{error.message}</Alert>}
          {done && <Alert tone="success">{done}</Alert>}
          <div className="field">
            <label htmlFor={`care-search-${staff.id}`}>{t("orgStaff.care.searchLabel")}</label>
            <p className="field-hint" id={`care-hint-${staff.id}`}>
              {t("orgStaff.care.searchHint")}
            </p>
            <input
              id={`care-search-${staff.id}`}
              type="search"
              value={q}
              maxLength={100}
              aria-describedby={`care-hint-${staff.id}`}
              onChange={(e) => setQ(e.target.value)}
            />
          </div>
          {q.trim().length >= 2 && found.data && (
            <ul className="plain-list care-list care-results" aria-live="polite">
              {found.data.items.length === 0 && <li className="muted">{t("orgStaff.care.noClients")}</li>}
              {found.data.items.map((c) => (
                <li key={c.id}>
                  <span>
                    {c.name} <span className="muted">({c.clientNumber})</span>
                  </span>
                  {inTeam.has(c.id) ? (
                    <span className="muted">{t("orgStaff.care.inTeam")}</span>
                  ) : (
                    <button
                      type="button"
                      className="button button-primary"
                      disabled={add.isPending}
                      onClick={() => {
                        setDone(null);
                        remove.reset();
                        add.mutate(c.id, {
                          onSuccess: () => {
                            setDone(t("orgStaff.care.added", { client: c.name, name: staff.name }));
                            setQ("");
                          },
                        });
                      }}
                    >
                      {t("orgStaff.care.add")} <span className="visually-hidden">{c.name}</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {staff.careTeam.length === 0 ? (
            <p className="muted">{t("orgStaff.care.none", { name: staff.name })}</p>
          ) : (
            <ul className="plain-list care-list">
              {staff.careTeam.map((c) => (
                <li key={c.id}>
                  <span>
                    {c.name} <span className="muted">({c.clientNumber})</span>
                  </span>
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={remove.isPending}
                    onClick={() => {
                      setDone(null);
                      add.reset();
                      remove.mutate(c.id, { onSuccess: () => setDone(t("orgStaff.care.removed", { client: c.name, name: staff.name })) });
                    }}
                  >
                    {t("orgStaff.care.remove")} <span className="visually-hidden">{c.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
