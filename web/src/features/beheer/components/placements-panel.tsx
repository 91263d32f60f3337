// Placements and products on the client page: add, edit, and end (removing is setting an end date, so
// the history stays). Each edit carries the version it started from.
import type { ClientDetail } from "@portaal/shared/beheer";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import { Field } from "../../../components/ui/field";
import { ApiRequestError } from "../../../lib/api-client";
import { formatDate } from "../../../lib/format";
import { useCreatePlacement, useUpdatePlacement } from "../api/client-records";

type Placement = ClientDetail["placements"][number];
type Kind = Placement["kind"];

interface Values {
  kind: Kind;
  name: string;
  startDate: string;
  endDate: string;
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

function PlacementForm({
  idPrefix,
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
  onlyEnd = false,
}: {
  idPrefix: string;
  initial: Values;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (v: Values) => void;
  onCancel: () => void;
  onlyEnd?: boolean;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState(initial);
  const apiError = error instanceof ApiRequestError ? error : null;
  const set = (key: keyof Values) => (e: { target: { value: string } }) => setV((old) => ({ ...old, [key]: e.target.value }));
  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit(v);
  }
  return (
    <form onSubmit={submit} noValidate className="placement-form">
      {apiError && <Alert tone="error">{apiError.message}</Alert>}
      {!onlyEnd && (
        <>
          <div className="field">
            <label htmlFor={`${idPrefix}-kind`}>{t("clientRecords.kind")}</label>
            <select id={`${idPrefix}-kind`} value={v.kind} onChange={set("kind")}>
              <option value="plaatsing">{t("clientRecords.kinds.plaatsing")}</option>
              <option value="product">{t("clientRecords.kinds.product")}</option>
            </select>
          </div>
          <Field
            id={`${idPrefix}-name`}
            label={t("clientRecords.placementName")}
            value={v.name}
            onChange={set("name")}
            error={apiError?.fields.name}
            maxLength={100}
            autoComplete="off"
            required
          />
        </>
      )}
      <div className="form-row">
        {!onlyEnd && (
          <Field
            id={`${idPrefix}-start`}
            label={t("clientRecords.startDate")}
            type="date"
            value={v.startDate}
            onChange={set("startDate")}
            error={apiError?.fields.startDate}
            required
          />
        )}
        <Field
          id={`${idPrefix}-end`}
          label={t("clientRecords.endDate")}
          hint={onlyEnd ? t("clientRecords.endHint") : t("clientRecords.optional")}
          type="date"
          value={v.endDate}
          onChange={set("endDate")}
          error={apiError?.fields.endDate}
          required={onlyEnd}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={pending}>
          {submitLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

function PlacementItem({ clientId, p, canManage }: { clientId: string; p: Placement; canManage: boolean }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<"view" | "edit" | "end">("view");
  const update = useUpdatePlacement(clientId, p.id);
  const initial: Values = { kind: p.kind, name: p.name, startDate: p.startDate, endDate: p.endDate ?? "" };
  const save = (v: Values) =>
    update.mutate(
      { kind: v.kind, name: v.name, startDate: v.startDate, endDate: v.endDate || null, version: p.version },
      { onSuccess: () => setMode("view") },
    );
  const kindLabel = t(`clientRecords.kinds.${p.kind}`);
  return (
    <li className="placement-item">
      <div>
        <strong>{p.name}</strong> <span className="muted">({kindLabel})</span>{" "}
        <span className={`badge ${p.active ? "badge-ok" : "badge-muted"}`}>{p.active ? t("beheer.active") : t("beheer.ended")}</span>
      </div>
      <div className="muted">
        {t("beheer.start")}: {formatDate(p.startDate)}
        {p.endDate && ` · ${t("beheer.end")}: ${formatDate(p.endDate)}`}
        {p.location && ` · ${p.location}`}
      </div>
      {canManage && mode === "view" && (
        <div className="button-row">
          <button type="button" className="button button-secondary" onClick={() => setMode("edit")}>
            {t("clientRecords.edit")} <span className="visually-hidden">{p.name}</span>
          </button>
          {(!p.endDate || p.endDate >= todayIso()) && (
            <button type="button" className="button button-secondary" onClick={() => setMode("end")}>
              {t("clientRecords.endPlacement")} <span className="visually-hidden">{p.name}</span>
            </button>
          )}
        </div>
      )}
      {mode !== "view" && (
        <PlacementForm
          idPrefix={`placement-${p.id}`}
          initial={mode === "end" ? { ...initial, endDate: p.endDate ?? todayIso() } : initial}
          submitLabel={mode === "end" ? t("clientRecords.endPlacement") : t("common.save")}
          pending={update.isPending}
          error={update.error}
          onSubmit={save}
          onCancel={() => {
            update.reset();
            setMode("view");
          }}
          onlyEnd={mode === "end"}
        />
      )}
    </li>
  );
}

export function PlacementsPanel({ clientId, placements, canManage }: { clientId: string; placements: Placement[]; canManage: boolean }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const create = useCreatePlacement(clientId);
  return (
    <section className="panel" aria-labelledby="h-placements">
      <h2 id="h-placements">{t("beheer.placements")}</h2>
      {placements.length === 0 ? (
        <p className="empty-state">{t("clientRecords.noPlacements")}</p>
      ) : (
        <ul className="plain-list placement-list">
          {placements.map((p) => (
            <PlacementItem key={p.id} clientId={clientId} p={p} canManage={canManage} />
          ))}
        </ul>
      )}
      {canManage &&
        (adding ? (
          <>
            <h3>{t("clientRecords.addPlacement")}</h3>
            <PlacementForm
              idPrefix="new-placement"
              initial={{ kind: "plaatsing", name: "", startDate: todayIso(), endDate: "" }}
              submitLabel={t("beheer.add")}
              pending={create.isPending}
              error={create.error}
              onSubmit={(v) =>
                create.mutate(
                  { kind: v.kind, name: v.name, startDate: v.startDate, endDate: v.endDate || null },
                  { onSuccess: () => setAdding(false) },
                )
              }
              onCancel={() => {
                create.reset();
                setAdding(false);
              }}
            />
          </>
        ) : (
          <button type="button" className="button button-secondary" onClick={() => setAdding(true)}>
            {t("clientRecords.addPlacement")}
          </button>
        ))}
    </section>
  );
}
