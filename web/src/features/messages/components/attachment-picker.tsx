// Files for a message: a file picker (on a phone it also offers the camera and photos, through `accept`)
// and a separate "Foto maken" that asks for the camera; checked again by content in the BFF.
import { ALLOWED_FILE_TYPES, MAX_FILE_BYTES } from "@portaal/shared/dossier";
import { MAX_ATTACHMENTS } from "@portaal/shared/messages";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatSize } from "../../../lib/format";

/** What the picker offers: the allowed types by extension and MIME type (images let a phone offer the camera). */
const ACCEPT = [
  "image/*",
  ".pdf",
  ".png",
  ".jpg",
  ".jpeg",
  ".webp",
  ".heic",
  ".heif",
  ".docx",
  ".xlsx",
  ...Object.keys(ALLOWED_FILE_TYPES),
].join(",");

export function AttachmentPicker({
  files,
  onChange,
  error,
}: {
  files: File[];
  onChange: (files: File[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const mb = MAX_FILE_BYTES / 1024 / 1024;

  function add(list: FileList | null) {
    const next = [...files, ...Array.from(list ?? [])];
    if (next.length > MAX_ATTACHMENTS) return setProblem(t("messageExtras.tooMany", { max: MAX_ATTACHMENTS }));
    if (next.reduce((n, f) => n + f.size, 0) > MAX_FILE_BYTES) return setProblem(t("messageExtras.tooLarge", { mb }));
    setProblem(null);
    onChange(next);
  }

  const shown = problem ?? error;
  return (
    <fieldset className="attachments-picker" aria-describedby={`${id}-hint${shown ? ` ${id}-error` : ""}`}>
      <legend>{t("messageExtras.files")}</legend>
      <p className="field-hint" id={`${id}-hint`}>
        {t("messageExtras.attachHint", { types: Object.values(ALLOWED_FILE_TYPES).join(", "), max: MAX_ATTACHMENTS, mb })}
      </p>
      <div className="button-row">
        <label htmlFor={`${id}-file`} className="button button-secondary">
          {t("messageExtras.attach")}
        </label>
        <input
          id={`${id}-file`}
          className="visually-hidden"
          type="file"
          multiple
          accept={ACCEPT}
          onChange={(e) => {
            add(e.target.files);
            e.target.value = "";
          }}
        />
        <span className="camera-only">
          <label htmlFor={`${id}-photo`} className="button button-secondary">
            {t("messageExtras.takePhoto")}
          </label>
          <input
            id={`${id}-photo`}
            className="visually-hidden"
            type="file"
            accept="image/*"
            capture="environment"
            onChange={(e) => {
              add(e.target.files);
              e.target.value = "";
            }}
          />
        </span>
      </div>
      {files.length > 0 && (
        <ul className="chosen-files">
          {files.map((f, i) => (
            <li key={`${f.name}-${f.size}-${f.lastModified}`}>
              <span>
                {f.name} <span className="muted">({formatSize(f.size)})</span>
              </span>
              <button type="button" className="button-link" onClick={() => onChange(files.filter((_, j) => j !== i))}>
                {t("messageExtras.removeFile", { name: f.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {shown && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {shown}
        </p>
      )}
    </fieldset>
  );
}
