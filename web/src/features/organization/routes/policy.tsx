// Organisatie → Beveiligingsbeleid: a form generated from the one definition in shared (the policy's zod
// schema and POLICY_SETTINGS), so a new setting shows up here with its label and its reason at once.
// Every setting weaker than `aanbevolen` says so, and why, in one sentence.
import type { PolicyResponse } from "@portaal/shared/organization-settings";
import {
  describeTotpWindow,
  POLICY_SETTINGS,
  type Policy,
  type PolicyKey,
  PolicySchema,
  PRESETS,
  type Preset,
} from "@portaal/shared/policy";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ErrorState } from "../../../components/ui/error-state";
import { Loading } from "../../../components/ui/spinner";
import { ApiRequestError } from "../../../lib/api-client";
import { useOrganizationPolicy } from "../api/get-policy";
import { useUpdatePolicy } from "../api/update-policy";
import { OrganizationPage } from "../components/organization-page";
import { SaveFeedback } from "../components/save-feedback";

type Schema = z.ZodType & { def: { type: string; innerType?: Schema; shape?: Record<string, Schema>; entries?: Record<string, string> } };

/** The schema under defaults and nullables, and whether null is allowed. */
function unwrap(schema: Schema): { inner: Schema; nullable: boolean } {
  let s = schema;
  let nullable = false;
  while ((s.def.type === "default" || s.def.type === "nullable" || s.def.type === "optional") && s.def.innerType) {
    if (s.def.type === "nullable") nullable = true;
    s = s.def.innerType;
  }
  return { inner: s, nullable };
}

function bounds(schema: Schema): { min?: number; max?: number } {
  const n = schema as unknown as { minValue?: number | null; maxValue?: number | null };
  return { min: n.minValue ?? undefined, max: n.maxValue ?? undefined };
}

/** How a value reads in a sentence ("aan", "12", "1, 5, 15"). */
function show(value: unknown, options?: Record<string, string>): string {
  if (typeof value === "boolean") return value ? "aan" : "uit";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "geen (meteen blokkeren)";
  if (value === null) return "geen";
  if (typeof value === "string" && options?.[value]) return options[value];
  if (typeof value === "object") {
    const p = value as Policy["password"];
    return `minstens ${p.minLength} tekens`;
  }
  return String(value);
}

export function PolicyRoute() {
  const { t } = useTranslation();
  const current = useOrganizationPolicy();
  const [formKey, setFormKey] = useState(0);
  return (
    <OrganizationPage title={t("organization.parts.policy")} intro={t("orgPolicy.intro")}>
      {current.isPending && <Loading />}
      {current.isError && <ErrorState error={current.error} onRetry={() => void current.refetch()} />}
      {current.data && (
        <PolicyForm
          key={formKey}
          data={current.data}
          onReload={() =>
            void current.refetch().then(() => {
              setFormKey((k) => k + 1);
            })
          }
        />
      )}
    </OrganizationPage>
  );
}

function PolicyForm({ data, onReload }: { data: PolicyResponse; onReload: () => void }) {
  const { t } = useTranslation();
  const save = useUpdatePolicy();
  const [policy, setPolicy] = useState<Policy>(data.policy);
  const [version, setVersion] = useState(data.version);
  const error = save.error instanceof ApiRequestError ? save.error : null;
  const shape = PolicySchema.shape as unknown as Record<PolicyKey, Schema>;
  const keys = Object.keys(POLICY_SETTINGS) as PolicyKey[];
  const weaker = keys.filter((k) => POLICY_SETTINGS[k].weaker(policy, PRESETS.aanbevolen));

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({ version, policy }, { onSuccess: (saved) => setVersion(saved.version) });
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t("orgPolicy.formLabel")}>
      <div className="panel">
        <p>{weaker.length === 0 ? t("orgPolicy.noneWeaker") : t("orgPolicy.someWeaker", { count: weaker.length })}</p>
        <div className="button-row">
          <span className="muted">{t("orgPolicy.fillFrom")}</span>
          {(["aanbevolen", "zorg", "ggz"] as Preset[]).map((p) => (
            <button key={p} type="button" className="button button-secondary" onClick={() => setPolicy(PRESETS[p])}>
              {t(`orgPolicy.preset.${p}`)}
            </button>
          ))}
        </div>
      </div>
      {keys.map((key) => (
        <Setting
          key={key}
          name={key}
          schema={shape[key]}
          value={policy[key]}
          policy={policy}
          error={Object.entries(error?.fields ?? {}).find(([path]) => path === `policy.${key}` || path.startsWith(`policy.${key}.`))?.[1]}
          onChange={(v) => setPolicy((p) => ({ ...p, [key]: v }))}
        />
      ))}
      <SaveFeedback
        error={error}
        saved={save.isSuccess}
        pending={save.isPending}
        savedText={t("orgPolicy.saved")}
        saveText={t("orgPolicy.save")}
        onReload={onReload}
      />
    </form>
  );
}

function Setting({
  name,
  schema,
  value,
  policy,
  error,
  onChange,
}: {
  name: PolicyKey;
  schema: Schema;
  value: unknown;
  policy: Policy;
  error?: string;
  onChange: (v: unknown) => void;
}) {
  const { t } = useTranslation();
  const def = POLICY_SETTINGS[name];
  const weaker = def.weaker(policy, PRESETS.aanbevolen);
  const { inner } = unwrap(schema);
  const id = `policy-${name}`;
  const describedBy = [`${id}-help`, weaker ? `${id}-weaker` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <fieldset className={`panel policy-setting${weaker ? " is-weaker" : ""}`}>
      <legend>{def.label}</legend>
      <p className="field-hint" id={`${id}-help`}>
        {def.help}
      </p>
      {inner.def.type === "object" && inner.def.shape ? (
        Object.entries(inner.def.shape).map(([field, fieldSchema]) => (
          <Input
            key={field}
            id={`${id}-${field}`}
            label={def.fields?.[field]?.label ?? field}
            hint={def.fields?.[field]?.help}
            schema={fieldSchema}
            value={(value as Record<string, unknown>)[field]}
            onChange={(v) => onChange({ ...(value as Record<string, unknown>), [field]: v })}
          />
        ))
      ) : (
        <Input
          id={id}
          label={def.label}
          hideLabel
          schema={schema}
          value={value}
          options={def.options}
          describedBy={describedBy}
          unit={def.unit}
          onChange={onChange}
        />
      )}
      {name === "totpPastSteps" && <p className="muted">{describeTotpWindow(policy)}</p>}
      {weaker && (
        <div className="weaker" id={`${id}-weaker`}>
          <strong>{t("orgPolicy.weaker", { value: show(PRESETS.aanbevolen[name], def.options) })}</strong> {def.whyWeaker}
        </div>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function Input({
  id,
  label,
  hideLabel,
  hint,
  schema,
  value,
  options,
  describedBy,
  unit,
  onChange,
}: {
  id: string;
  label: string;
  hideLabel?: boolean;
  hint?: string;
  schema: Schema;
  value: unknown;
  options?: Record<string, string>;
  describedBy?: string;
  unit?: string;
  onChange: (v: unknown) => void;
}) {
  const { inner, nullable } = unwrap(schema);
  const labelEl = (
    <label htmlFor={id} className={hideLabel ? "visually-hidden" : undefined}>
      {label}
      {unit && hideLabel ? ` (${unit})` : ""}
    </label>
  );
  const hintEl = hint ? (
    <p className="field-hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
  const aria = [describedBy, hint ? `${id}-hint` : ""].filter(Boolean).join(" ") || undefined;
  switch (inner.def.type) {
    case "boolean":
      return (
        <div className="checkbox">
          <input id={id} type="checkbox" checked={value === true} aria-describedby={aria} onChange={(e) => onChange(e.target.checked)} />
          <label htmlFor={id}>{hideLabel ? "Aan" : label}</label>
          {hintEl}
        </div>
      );
    case "enum":
      return (
        <div className="field">
          {labelEl}
          <select id={id} value={String(value)} aria-describedby={aria} onChange={(e) => onChange(e.target.value)}>
            {Object.keys(inner.def.entries ?? {}).map((o) => (
              <option key={o} value={o}>
                {options?.[o] ?? o}
              </option>
            ))}
          </select>
        </div>
      );
    case "number": {
      const { min, max } = bounds(inner);
      return (
        <div className="field field-number">
          {labelEl}
          {hintEl}
          <input
            id={id}
            type="number"
            inputMode="numeric"
            min={min}
            max={max}
            step={1}
            value={typeof value === "number" && !Number.isNaN(value) ? value : ""}
            aria-describedby={aria}
            onChange={(e) => onChange(e.target.value === "" ? Number.NaN : Number(e.target.value))}
          />
        </div>
      );
    }
    case "array":
      return (
        <div className="field">
          {labelEl}
          {hintEl}
          <NumberListInput id={id} value={value as number[]} describedBy={aria} onChange={onChange} />
        </div>
      );
    default:
      // Text, empty meaning "none" where the schema allows null (the required special characters).
      return (
        <div className="field">
          {labelEl}
          {hintEl}
          <input
            id={id}
            type="text"
            value={typeof value === "string" ? value : ""}
            spellCheck={false}
            aria-describedby={aria}
            onChange={(e) => onChange(e.target.value === "" && nullable ? null : e.target.value)}
          />
        </div>
      );
  }
}

/** A list of whole numbers typed as "1, 5, 15": the text is kept while typing, the numbers go up. */
function NumberListInput({
  id,
  value,
  describedBy,
  onChange,
}: {
  id: string;
  value: number[];
  describedBy?: string;
  onChange: (v: unknown) => void;
}) {
  const [text, setText] = useState(value.join(", "));
  const parse = (s: string) =>
    s
      .split(/[,;\s]+/)
      .filter(Boolean)
      .map(Number);
  // Filled from outside (a preset): show the new list.
  const shown = parse(text).join(",") === value.join(",") ? text : value.join(", ");
  return (
    <input
      id={id}
      type="text"
      inputMode="numeric"
      value={shown}
      aria-describedby={describedBy}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parse(e.target.value));
      }}
    />
  );
}
