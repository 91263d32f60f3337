// Upload into the client's dossier: drag and drop or the file picker, with a progress bar.
import { ALLOWED_FILE_TYPES, MAX_FILE_BYTES } from "@portaal/shared/dossier";
import { useQueryClient } from "@tanstack/react-query";
import { type DragEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { PortalNamed } from "../../../components/portal-of";
import { Alert } from "../../../components/ui/alert";
import { ApiRequestError } from "../../../lib/api-client";
import { uploadWithProgress } from "../../../lib/upload";
import { MyUploads } from "./my-uploads";

export function UploadPanel({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const inputId = useId();
  const qc = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  async function upload(file: File) {
    setDone(null);
    setError(null);
    if (file.size > MAX_FILE_BYTES) {
      setError(t("upload.tooLarge", { mb: MAX_FILE_BYTES / 1024 / 1024 }));
      return;
    }
    const form = new FormData();
    form.set("file", file);
    setProgress(0);
    try {
      await uploadWithProgress(`/api/portal/${encodeURIComponent(clientId)}/uploads`, form, setProgress);
      setDone(t("upload.done", { name: file.name }));
      void qc.invalidateQueries({ queryKey: ["portal", clientId] });
    } catch (e) {
      setError(e instanceof ApiRequestError ? e.message : t("common.error"));
    } finally {
      setProgress(null);
    }
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void upload(file);
  }

  return (
    <section className="panel" aria-labelledby="h-upload">
      <h2 id="h-upload">
        <PortalNamed i18nKey="upload.titleFor" fallback="upload.title" />
      </h2>
      <fieldset
        className={`dropzone${dragging ? " dropzone-active" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <legend className="visually-hidden">{t("upload.title")}</legend>
        <p>{t("upload.hint", { types: Object.values(ALLOWED_FILE_TYPES).join(", "), mb: MAX_FILE_BYTES / 1024 / 1024 })}</p>
        <label htmlFor={inputId} className="button button-secondary">
          {t("upload.choose")}
        </label>
        <input
          id={inputId}
          className="visually-hidden"
          type="file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void upload(file);
            e.target.value = "";
          }}
        />
      </fieldset>
      {progress !== null && (
        <div className="upload-progress">
          <label htmlFor={`${inputId}-progress`}>{t("upload.busy", { percent: Math.round(progress * 100) })}</label>
          <progress id={`${inputId}-progress`} max={1} value={progress} />
        </div>
      )}
      {done && <Alert tone="success">{done}</Alert>}
      {error && <Alert tone="error">{error}</Alert>}
      <MyUploads clientId={clientId} />
    </section>
  );
}
