// Writing or editing a diary entry: the day, a mood (optional), a few labels and the text.
import type { DiaryEntry, DiaryInput } from "@portaal/shared/diary";
import { MAX_TAGS, MOODS } from "@portaal/shared/diary";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import { Field } from "../../../components/ui/field";
import { ApiRequestError } from "../../../lib/api-client";

/** Today in the Netherlands, as YYYY-MM-DD. */
function today(): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam" }).format(new Date());
}

export function EntryForm({
  entry,
  pending,
  error,
  onSave,
  onCancel,
}: {
  entry?: DiaryEntry;
  pending: boolean;
  error: unknown;
  onSave: (input: DiaryInput, done: () => void) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [entryDate, setEntryDate] = useState(entry?.entryDate ?? today());
  const [mood, setMood] = useState<number | null>(entry?.mood ?? null);
  const [tags, setTags] = useState(entry?.tags.join(", ") ?? "");
  const [body, setBody] = useState(entry?.body ?? "");
  const apiError = error instanceof ApiRequestError ? error : null;
  const prefix = entry ? `edit-${entry.id}` : "new";

  function submit(e: FormEvent) {
    e.preventDefault();
    const list = tags
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    onSave({ entryDate, mood, tags: list, body }, () => {
      if (!entry) {
        setBody("");
        setTags("");
        setMood(null);
      }
    });
  }

  return (
    <form className="diary-form" onSubmit={submit} noValidate>
      {apiError && Object.keys(apiError.fields).length === 0 && <Alert tone="error">{apiError.message}</Alert>}
      <Field
        id={`${prefix}-date`}
        type="date"
        label={t("diary.date")}
        value={entryDate}
        max={today()}
        onChange={(e) => setEntryDate(e.target.value)}
        error={apiError?.fields.entryDate}
      />
      <fieldset className="mood-picker" aria-describedby={apiError?.fields.mood ? `${prefix}-mood-error` : undefined}>
        <legend>{t("diary.mood")}</legend>
        {MOODS.map((m) => (
          <label key={m} className="mood-option">
            <input type="radio" name={`${prefix}-mood`} value={m} checked={mood === m} onChange={() => setMood(m)} />
            <span>{t(`diary.moodLabel.${m}`)}</span>
          </label>
        ))}
        <label className="mood-option">
          <input type="radio" name={`${prefix}-mood`} value="" checked={mood === null} onChange={() => setMood(null)} />
          <span>{t("diary.noMood")}</span>
        </label>
        {apiError?.fields.mood && (
          <p className="field-error" id={`${prefix}-mood-error`}>
            {apiError.fields.mood}
          </p>
        )}
      </fieldset>
      <Field
        id={`${prefix}-tags`}
        label={t("diary.tags")}
        hint={t("diary.tagsHint", { max: MAX_TAGS })}
        value={tags}
        maxLength={MAX_TAGS * 32}
        onChange={(e) => setTags(e.target.value)}
        error={apiError?.fields.tags ?? Object.entries(apiError?.fields ?? {}).find(([k]) => k.startsWith("tags."))?.[1]}
      />
      <div className="field">
        <label htmlFor={`${prefix}-body`}>{t("diary.body")}</label>
        <textarea
          id={`${prefix}-body`}
          rows={6}
          maxLength={10_000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={apiError?.fields.body ? true : undefined}
          aria-describedby={apiError?.fields.body ? `${prefix}-body-error` : undefined}
        />
        {apiError?.fields.body && (
          <p className="field-error" id={`${prefix}-body-error`}>
            {apiError.fields.body}
          </p>
        )}
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={pending}>
          {t("diary.save")}
        </button>
        {onCancel && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
