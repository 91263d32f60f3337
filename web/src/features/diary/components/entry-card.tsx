// One diary entry: read, edit in place, delete (after asking), share with or withdraw from the practitioner.
import type { DiaryEntry } from "@portaal/shared/diary";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { usePractitioner } from "../../../components/portal-of";
import { Alert } from "../../../components/ui/alert";
import { ApiRequestError } from "../../../lib/api-client";
import { formatDate, formatDateTime } from "../../../lib/format";
import { useChangeDiary } from "../api/diary";
import { EntryForm } from "./entry-form";

export function EntryCard({ clientId, entry }: { clientId: string; entry: DiaryEntry }) {
  const { t } = useTranslation();
  const practitioner = usePractitioner();
  const change = useChangeDiary(clientId);
  const [editing, setEditing] = useState(false);
  const headingId = `entry-${entry.id}`;
  const error = change.error instanceof ApiRequestError ? change.error : null;

  if (editing) {
    return (
      <li className="card diary-entry">
        <h2 id={headingId} className="diary-date">
          {t("diary.editing", { date: formatDate(entry.entryDate) })}
        </h2>
        <EntryForm
          entry={entry}
          pending={change.isPending}
          error={change.error}
          onCancel={() => setEditing(false)}
          onSave={(input) =>
            change.mutate({ kind: "update", id: entry.id, version: entry.version, input }, { onSuccess: () => setEditing(false) })
          }
        />
      </li>
    );
  }

  return (
    <li className="card diary-entry" aria-labelledby={headingId}>
      <h2 id={headingId} className="diary-date">
        {formatDate(entry.entryDate)}
        {entry.mood !== null && <span className="diary-mood">{t(`diary.moodLabel.${entry.mood}`)}</span>}
      </h2>
      {entry.tags.length > 0 && (
        <ul className="tag-list" aria-label={t("diary.tags")}>
          {entry.tags.map((tag) => (
            <li key={tag} className="tag">
              {tag}
            </li>
          ))}
        </ul>
      )}
      <p className="diary-body">{entry.body}</p>
      {entry.sharedAt !== null && (
        <p className="diary-shared">{t("diary.sharedOn", { ...practitioner, when: formatDateTime(entry.sharedAt) })}</p>
      )}
      {error && <Alert tone="error">{error.message}</Alert>}
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={() => setEditing(true)} aria-describedby={headingId}>
          {t("diary.edit")}
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={change.isPending}
          aria-describedby={headingId}
          onClick={() => change.mutate({ kind: "share", id: entry.id, shared: entry.sharedAt === null })}
        >
          {entry.sharedAt === null ? t("diary.share", practitioner) : t("diary.unshare")}
        </button>
        <button
          type="button"
          className="button button-link danger"
          disabled={change.isPending}
          aria-describedby={headingId}
          onClick={() => {
            if (window.confirm(t("diary.confirmDelete"))) change.mutate({ kind: "delete", id: entry.id });
          }}
        >
          {t("diary.delete")}
        </button>
      </div>
    </li>
  );
}
