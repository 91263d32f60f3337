// Staff: add documents and verslagen, share each one with chosen people, see who opened it; see and keep uploads.
import type { StaffDocument, StaffDocumentList } from "@portaal/shared/dossier";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import { ErrorState } from "../../../components/ui/error-state";
import { Field } from "../../../components/ui/field";
import { Loading } from "../../../components/ui/spinner";
import { ApiRequestError } from "../../../lib/api-client";
import { formatDate, formatDateTime } from "../../../lib/format";
import {
  staffDocumentFileUrl,
  uploadFileUrl,
  useCreateDocument,
  useKeepUpload,
  useShareDocument,
  useStaffDocuments,
  useUploads,
} from "../api/documents";

export function DocumentsPanel({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const docs = useStaffDocuments(clientId);
  return (
    <section className="panel" aria-labelledby="h-documents">
      <h2 id="h-documents">{t("staffDocs.title")}</h2>
      <NewDocumentForm clientId={clientId} />
      {docs.isPending && <Loading />}
      {docs.isError && <ErrorState error={docs.error} />}
      {docs.data && (
        <ul className="card-list">
          {docs.data.documents.map((d) => (
            <StaffDocumentCard key={d.id} clientId={clientId} doc={d} people={docs.data.people} />
          ))}
        </ul>
      )}
      <UploadsList clientId={clientId} />
    </section>
  );
}

function NewDocumentForm({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<number | null>(null);
  const create = useCreateDocument(clientId, setProgress);
  const [kind, setKind] = useState<"document" | "verslag">("document");
  const error = create.error instanceof ApiRequestError ? create.error : null;
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const file = form.get("file");
    if (file instanceof File && file.size === 0) form.delete("file");
    if (!String(form.get("bodyText") ?? "").trim()) form.delete("bodyText");
    const target = e.currentTarget;
    create.mutate(form, {
      onSuccess: () => target.reset(),
      onSettled: () => setProgress(null),
    });
  }
  return (
    <details className="new-document">
      <summary>{t("staffDocs.add")}</summary>
      <form onSubmit={submit} noValidate>
        {error && <Alert tone="error">{error.message}</Alert>}
        {create.isSuccess && <Alert tone="success">{t("staffDocs.added")}</Alert>}
        <div className="form-row">
          <div className="field">
            <label htmlFor="doc-kind">{t("staffDocs.kind")}</label>
            <select id="doc-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as "document" | "verslag")}>
              <option value="document">{t("staffDocs.kindDocument")}</option>
              <option value="verslag">{t("staffDocs.kindVerslag")}</option>
            </select>
          </div>
          <Field
            label={t("staffDocs.docDate")}
            name="docDate"
            type="date"
            required
            defaultValue={new Date().toISOString().slice(0, 10)}
            error={error?.fields.docDate}
          />
        </div>
        <Field label={t("staffDocs.docTitle")} name="title" required maxLength={200} error={error?.fields.title} />
        <div className="field">
          <label htmlFor="doc-file">{t("staffDocs.file")}</label>
          <input id="doc-file" name="file" type="file" />
        </div>
        {kind === "verslag" && (
          <div className="field">
            <label htmlFor="doc-text">{t("staffDocs.text")}</label>
            <textarea id="doc-text" name="bodyText" rows={6} maxLength={50000} />
          </div>
        )}
        {progress !== null && <progress max={1} value={progress} aria-label={t("upload.busy", { percent: Math.round(progress * 100) })} />}
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {t("beheer.add")}
        </button>
      </form>
    </details>
  );
}

function StaffDocumentCard({ clientId, doc, people }: { clientId: string; doc: StaffDocument; people: StaffDocumentList["people"] }) {
  const { t } = useTranslation();
  const share = useShareDocument(clientId);
  const [chosen, setChosen] = useState<string[]>(doc.sharedWith.map((s) => s.accountId));
  const error = share.error instanceof ApiRequestError ? share.error : null;
  // After a conflict the boxes show what is shared now (someone else's change), not the stale choice.
  const current = doc.sharedWith.map((s) => s.accountId).join(",");
  const conflict = error?.status === 409;
  useEffect(() => {
    if (conflict) setChosen(current ? current.split(",") : []);
  }, [conflict, current]);
  const groupId = `share-${doc.id}`;
  return (
    <li className="card">
      <div className="card-row">
        <div>
          <strong>{doc.title}</strong>{" "}
          <span className="badge badge-muted">{doc.kind === "verslag" ? t("staffDocs.kindVerslag") : t("staffDocs.kindDocument")}</span>
          <div className="muted">
            {formatDate(doc.docDate)} · {doc.author}
          </div>
        </div>
        {doc.file && (
          <a href={staffDocumentFileUrl(clientId, doc.id)} target="_blank" rel="noreferrer">
            {t("dossier.open")} <span className="visually-hidden">{doc.title}</span>
          </a>
        )}
      </div>
      <fieldset className="share-set" aria-describedby={`${groupId}-hint`}>
        <legend>{t("staffDocs.shareWith")}</legend>
        <p id={`${groupId}-hint`} className="field-hint">
          {people.length === 0 ? t("staffDocs.nobody") : t("staffDocs.shareHint")}
        </p>
        {people.map((p) => (
          <div className="checkbox" key={p.accountId}>
            <input
              id={`${groupId}-${p.accountId}`}
              type="checkbox"
              checked={chosen.includes(p.accountId)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, p.accountId] : chosen.filter((id) => id !== p.accountId))}
            />
            <label htmlFor={`${groupId}-${p.accountId}`}>
              {p.name} ({p.role === "eigen" ? t("staffDocs.client") : p.role})
            </label>
          </div>
        ))}
        {people.length > 0 && (
          <button
            type="button"
            className="button button-secondary"
            disabled={share.isPending}
            onClick={() => share.mutate({ documentId: doc.id, accountIds: chosen, expected: doc.sharedWith.map((s) => s.accountId) })}
          >
            {t("staffDocs.saveShares")} <span className="visually-hidden">{doc.title}</span>
          </button>
        )}
        {share.isSuccess && <Alert tone="success">{t("staffDocs.sharesSaved")}</Alert>}
        {error && <Alert tone="error">{error.message}</Alert>}
      </fieldset>
      {doc.views.length > 0 && (
        <details>
          <summary>{t("staffDocs.views", { count: doc.views.length })}</summary>
          <ul className="plain-list">
            {doc.views.map((v) => (
              <li key={`${v.at}-${v.name}`}>
                {v.name} · {v.action} · {formatDateTime(v.at)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

function UploadsList({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const uploads = useUploads(clientId);
  const keep = useKeepUpload(clientId);
  return (
    <div className="uploads">
      <h3>{t("staffDocs.uploads")}</h3>
      {uploads.data?.items.length === 0 && <p className="muted">{t("staffDocs.noUploads")}</p>}
      <ul className="card-list">
        {uploads.data?.items.map((u) => (
          <li key={u.id} className="card card-row">
            <div>
              <a href={uploadFileUrl(clientId, u.id)} download={u.file.name}>
                {u.file.name}
              </a>
              <div className="muted">
                {u.uploadedBy} · {formatDateTime(u.createdAt)}
                {u.note && ` · ${u.note}`}
              </div>
            </div>
            {u.keptAt ? (
              <span className="badge badge-ok">{t("staffDocs.kept")}</span>
            ) : (
              <button type="button" className="button button-secondary" onClick={() => keep.mutate(u.id)}>
                {t("staffDocs.keep")} <span className="visually-hidden">{u.file.name}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
