// One question, by its type: short or long text, one choice, several choices, a 0–10 scale, a date.
// Read-only shows the answer as text (for submitted work and for staff).
import { type AnswerValue, LONG_MAX, type Question, SHORT_MAX } from "@portaal/shared/modules";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../lib/format";

export function answerText(q: Question, value: AnswerValue | undefined, none: string): string {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return none;
  if (Array.isArray(value)) return value.join(", ");
  if (q.type === "datum" && typeof value === "string") return formatDate(value);
  return String(value);
}

export function QuestionField({
  question: q,
  value,
  error,
  onChange,
}: {
  question: Question;
  value: AnswerValue | undefined;
  error?: string | undefined;
  onChange: (value: AnswerValue) => void;
}) {
  const { t } = useTranslation();
  const id = `q-${q.id}`;
  const describedBy = [q.help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const label = (
    <>
      {q.label}
      {q.required ? <span className="required"> ({t("modules.required")})</span> : null}
    </>
  );
  const help = q.help ? (
    <p className="field-hint" id={`${id}-help`}>
      {q.help}
    </p>
  ) : null;
  const err = error ? (
    <p className="field-error" id={`${id}-error`}>
      {error}
    </p>
  ) : null;

  if (q.type === "keuze" || q.type === "meerkeuze" || q.type === "schaal") {
    const options = q.type === "schaal" ? Array.from({ length: 11 }, (_, i) => String(i)) : (q.options ?? []);
    const chosen = Array.isArray(value) ? value : value === null || value === undefined ? [] : [String(value)];
    const toggle = (option: string, on: boolean) => {
      if (q.type === "meerkeuze") onChange(on ? [...chosen.filter((c) => c !== option), option] : chosen.filter((c) => c !== option));
      else onChange(q.type === "schaal" ? Number(option) : option);
    };
    return (
      <fieldset className={`question question-${q.type}`} aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
        <legend>{label}</legend>
        {help}
        {q.type === "schaal" && (
          <p className="muted scale-ends" aria-hidden="true">
            <span>0</span>
            <span>10</span>
          </p>
        )}
        <div className={q.type === "schaal" ? "scale" : "choices"}>
          {options.map((option) => (
            <label key={option} className="choice">
              <input
                type={q.type === "meerkeuze" ? "checkbox" : "radio"}
                name={id}
                value={option}
                checked={chosen.includes(option)}
                onChange={(e) => toggle(option, e.target.checked)}
              />
              <span>{option}</span>
            </label>
          ))}
        </div>
        {err}
      </fieldset>
    );
  }

  const common = {
    id,
    "aria-describedby": describedBy,
    "aria-invalid": error ? true : undefined,
    value: typeof value === "string" ? value : "",
  };
  return (
    <div className="field question">
      <label htmlFor={id}>{label}</label>
      {help}
      {q.type === "lang" ? (
        <textarea {...common} rows={5} maxLength={LONG_MAX} onChange={(e) => onChange(e.target.value)} />
      ) : q.type === "datum" ? (
        <input {...common} type="date" onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type="text" maxLength={SHORT_MAX} onChange={(e) => onChange(e.target.value)} />
      )}
      {err}
    </div>
  );
}
