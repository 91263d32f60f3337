// The client's relations: actuele relaties (edit role and gezag, end the relation) and, after them,
// ended ones, which stay as history. Ending closes the relation's access to this portal.
import { type ClientDetail, type CreateRelation, RelationRoleSchema } from "@portaal/shared/beheer";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "../../../components/ui/alert";
import { telHref } from "../../../components/ui/phone-text";
import { paths } from "../../../config/paths";
import { ApiRequestError } from "../../../lib/api-client";
import { formatDate } from "../../../lib/format";
import { useEndRelation, useUpdateRelation } from "../api/client-records";

type Relation = ClientDetail["relations"][number];

function RelationItem({ clientId, r, canManage }: { clientId: string; r: Relation; canManage: boolean }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<"view" | "edit" | "end">("view");
  const [role, setRole] = useState<CreateRelation["role"]>(r.role);
  const [gezag, setGezag] = useState(r.gezag);
  const update = useUpdateRelation(clientId, r.id);
  const end = useEndRelation(clientId, r.id);
  const error = [update.error, end.error].find((e) => e instanceof ApiRequestError) as ApiRequestError | undefined;
  const ended = r.endDate !== null;
  const idPrefix = `relation-${r.id}`;

  function save(e: FormEvent) {
    e.preventDefault();
    update.mutate({ role, gezag, version: r.version }, { onSuccess: () => setMode("view") });
  }
  function cancel() {
    update.reset();
    end.reset();
    setRole(r.role);
    setGezag(r.gezag);
    setMode("view");
  }

  return (
    <li className={`card${ended ? " relation-ended" : ""}`}>
      <strong>{r.name}</strong> · {r.role}
      {r.gezag && <span className="badge badge-ok">{t("beheer.gezag")}</span>}
      {ended && <span className="badge badge-muted">{t("clientRecords.relationEndedOn", { date: formatDate(r.endDate ?? "") })}</span>}
      <div className="muted">
        {r.email}
        {r.email && r.phone && " · "}
        {r.phone && <a href={telHref(r.phone)}>{r.phone}</a>}
      </div>
      {r.otherClients.length > 0 && (
        <div className="muted">
          {t("beheer.alsoRelationOf")}:{" "}
          {r.otherClients.map((o, i) => (
            <span key={o.id}>
              {i > 0 && ", "}
              <Link to={paths.beheer.client.getHref(o.id)}>{o.name}</Link>
            </span>
          ))}
        </div>
      )}
      {error && <Alert tone="error">{error.message}</Alert>}
      {end.isSuccess && <Alert tone="success">{t("clientRecords.relationEnded")}</Alert>}
      {canManage && !ended && mode === "view" && (
        <div className="button-row">
          <button type="button" className="button button-secondary" onClick={() => setMode("edit")}>
            {t("clientRecords.edit")} <span className="visually-hidden">{r.name}</span>
          </button>
          <button type="button" className="button button-secondary" onClick={() => setMode("end")}>
            {t("clientRecords.endRelation")} <span className="visually-hidden">{r.name}</span>
          </button>
        </div>
      )}
      {mode === "edit" && !ended && (
        <form onSubmit={save} noValidate className="relation-edit">
          <div className="form-row">
            <div className="field">
              <label htmlFor={`${idPrefix}-role`}>{t("beheer.role")}</label>
              <select id={`${idPrefix}-role`} value={role} onChange={(e) => setRole(e.target.value as CreateRelation["role"])}>
                {RelationRoleSchema.options.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            </div>
            <div className="checkbox">
              <input id={`${idPrefix}-gezag`} type="checkbox" checked={gezag} onChange={(e) => setGezag(e.target.checked)} />
              <label htmlFor={`${idPrefix}-gezag`}>{t("beheer.gezag")}</label>
            </div>
          </div>
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={update.isPending}>
              {t("common.save")}
            </button>
            <button type="button" className="button button-secondary" onClick={cancel}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      )}
      {mode === "end" && !ended && (
        <div className="relation-end">
          <p>{t("clientRecords.endRelationConfirm", { name: r.name })}</p>
          <div className="button-row">
            <button
              type="button"
              className="button button-danger"
              disabled={end.isPending}
              onClick={() => end.mutate({ version: r.version }, { onSuccess: () => setMode("view") })}
            >
              {t("clientRecords.endRelationYes")}
            </button>
            <button type="button" className="button button-secondary" onClick={cancel}>
              {t("common.cancel")}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

export function RelationsPanel({ clientId, relations, canManage }: { clientId: string; relations: Relation[]; canManage: boolean }) {
  const { t } = useTranslation();
  const current = relations.filter((r) => r.endDate === null);
  const ended = relations.filter((r) => r.endDate !== null);
  return (
    <section className="panel" aria-labelledby="h-relations">
      <h2 id="h-relations">{t("beheer.relations")}</h2>
      {current.length === 0 ? (
        <p className="empty-state">{t("beheer.noRelations")}</p>
      ) : (
        <ul className="card-list">
          {current.map((r) => (
            <RelationItem key={r.id} clientId={clientId} r={r} canManage={canManage} />
          ))}
        </ul>
      )}
      {ended.length > 0 && (
        <>
          <h3>{t("clientRecords.endedRelations")}</h3>
          <ul className="card-list">
            {ended.map((r) => (
              <RelationItem key={r.id} clientId={clientId} r={r} canManage={canManage} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
