// Building a questionnaire or module: pages with a title and text, each with questions of six types.
// Errors from the BFF are listed on top with where they are, and marked at the field.
import { QUESTION_TYPES, type QuestionnaireInput, type QuestionType } from "@portaal/shared/modules";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import { Field } from "../../../components/ui/field";
import { ApiRequestError } from "../../../lib/api-client";
import { useCreateQuestionnaire } from "../api/questionnaires";

interface DraftQuestion {
  id: string;
  type: QuestionType;
  label: string;
  required: boolean;
  options: string;
}
interface DraftPage {
  id: string;
  title: string;
  text: string;
  questions: DraftQuestion[];
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}${Date.now().toString(36)}-${(counter++).toString(36)}`;
const newQuestion = (): DraftQuestion => ({ id: nextId("v"), type: "kort", label: "", required: false, options: "" });
const newPage = (): DraftPage => ({ id: nextId("p"), title: "", text: "", questions: [newQuestion()] });

export function Builder({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateQuestionnaire();
  const [kind, setKind] = useState<"vragenlijst" | "module">("vragenlijst");
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [pages, setPages] = useState<DraftPage[]>([newPage()]);
  const error = create.error instanceof ApiRequestError ? create.error : null;
  const fields = error?.fields ?? {};
  const at = (path: string) => fields[path];

  const setPage = (i: number, change: Partial<DraftPage>) => setPages((ps) => ps.map((p, j) => (j === i ? { ...p, ...change } : p)));
  const setQuestion = (i: number, k: number, change: Partial<DraftQuestion>) =>
    setPage(i, { questions: (pages[i]?.questions ?? []).map((q, j) => (j === k ? { ...q, ...change } : q)) });

  function where(path: string): string {
    const m = /^definition\.pages\.(\d+)(?:\.questions\.(\d+))?/.exec(path);
    if (!m) return "";
    const page = t("builder.pageN", { n: Number(m[1]) + 1 });
    return m[2] === undefined ? `${page}: ` : `${page}, ${t("builder.questionN", { n: Number(m[2]) + 1 })}: `;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const input: QuestionnaireInput = {
      kind,
      title,
      description,
      definition: {
        pages: pages.map((p) => ({
          id: p.id,
          title: p.title,
          text: p.text,
          questions: p.questions.map((q) => ({
            id: q.id,
            type: q.type,
            label: q.label,
            required: q.required,
            ...(q.type === "keuze" || q.type === "meerkeuze"
              ? {
                  options: q.options
                    .split("\n")
                    .map((o) => o.trim())
                    .filter(Boolean),
                }
              : {}),
          })),
        })),
      },
    };
    create.mutate(input, { onSuccess: onDone });
  }

  return (
    <form className="panel builder" onSubmit={submit} noValidate aria-labelledby="h-builder">
      <h2 id="h-builder">{t("builder.title")}</h2>
      {error && (
        <Alert tone="error">
          <p>{t("builder.errors")}</p>
          <ul>
            {Object.entries(fields).map(([path, message]) => (
              <li key={path}>
                {where(path)}
                {message}
              </li>
            ))}
            {Object.keys(fields).length === 0 && <li>{error.message}</li>}
          </ul>
        </Alert>
      )}
      <fieldset className="radio-row">
        <legend>{t("builder.kind")}</legend>
        {(["vragenlijst", "module"] as const).map((k) => (
          <label key={k} className="choice">
            <input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} /> {t(`modules.kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <Field label={t("builder.name")} value={title} maxLength={150} onChange={(e) => setTitle(e.target.value)} error={at("title")} />
      <div className="field">
        <label htmlFor="builder-description">{t("builder.description")}</label>
        <textarea id="builder-description" rows={2} maxLength={1000} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      {pages.map((p, i) => (
        <fieldset key={p.id} className="builder-page">
          <legend>{t("builder.pageN", { n: i + 1 })}</legend>
          <Field
            id={`${p.id}-title`}
            label={t("builder.pageTitle")}
            value={p.title}
            maxLength={150}
            onChange={(e) => setPage(i, { title: e.target.value })}
            error={at(`definition.pages.${i}.title`)}
          />
          <div className="field">
            <label htmlFor={`${p.id}-text`}>{t("builder.pageText")}</label>
            <textarea id={`${p.id}-text`} rows={3} maxLength={5000} value={p.text} onChange={(e) => setPage(i, { text: e.target.value })} />
          </div>
          {p.questions.map((q, k) => (
            <fieldset key={q.id} className="builder-question">
              <legend>{t("builder.questionN", { n: k + 1 })}</legend>
              <div className="form-row">
                <div className="field">
                  <label htmlFor={`${q.id}-type`}>{t("builder.type")}</label>
                  <select id={`${q.id}-type`} value={q.type} onChange={(e) => setQuestion(i, k, { type: e.target.value as QuestionType })}>
                    {QUESTION_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {t(`builder.types.${type}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <label className="checkbox">
                  <input type="checkbox" checked={q.required} onChange={(e) => setQuestion(i, k, { required: e.target.checked })} />
                  {t("builder.required")}
                </label>
              </div>
              <Field
                id={`${q.id}-label`}
                label={t("builder.question")}
                value={q.label}
                maxLength={300}
                onChange={(e) => setQuestion(i, k, { label: e.target.value })}
                error={at(`definition.pages.${i}.questions.${k}.label`)}
              />
              {(q.type === "keuze" || q.type === "meerkeuze") && (
                <div className="field">
                  <label htmlFor={`${q.id}-options`}>{t("builder.options")}</label>
                  <textarea
                    id={`${q.id}-options`}
                    rows={4}
                    value={q.options}
                    onChange={(e) => setQuestion(i, k, { options: e.target.value })}
                    aria-invalid={at(`definition.pages.${i}.questions.${k}.options`) ? true : undefined}
                  />
                  {at(`definition.pages.${i}.questions.${k}.options`) && (
                    <p className="field-error">{at(`definition.pages.${i}.questions.${k}.options`)}</p>
                  )}
                </div>
              )}
              {p.questions.length > 1 && (
                <button
                  type="button"
                  className="button button-link danger"
                  onClick={() => setPage(i, { questions: p.questions.filter((_, j) => j !== k) })}
                >
                  {t("builder.removeQuestion", { n: k + 1 })}
                </button>
              )}
            </fieldset>
          ))}
          <div className="button-row">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setPage(i, { questions: [...p.questions, newQuestion()] })}
            >
              {t("builder.addQuestion")}
            </button>
            {pages.length > 1 && (
              <button type="button" className="button button-link danger" onClick={() => setPages((ps) => ps.filter((_, j) => j !== i))}>
                {t("builder.removePage", { n: i + 1 })}
              </button>
            )}
          </div>
        </fieldset>
      ))}
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={() => setPages((ps) => [...ps, newPage()])}>
          {t("builder.addPage")}
        </button>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {t("builder.save")}
        </button>
      </div>
    </form>
  );
}
