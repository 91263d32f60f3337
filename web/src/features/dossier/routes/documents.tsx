// Dossier or Verslagen of one client's portal: what is shared with this user, newest first, searchable,
// with a preview (PDF, image, text) and a download with the original name.
import type { DocumentDetail, DocumentItem, DocumentKind } from "@portaal/shared/dossier";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { PortalOf } from "../../../components/portal-of";
import { ErrorState } from "../../../components/ui/error-state";
import { Loading } from "../../../components/ui/spinner";
import { paths } from "../../../config/paths";
import { formatDate } from "../../../lib/format";
import { documentFileUrl, useDocument } from "../api/get-document";
import { useDocuments } from "../api/get-documents";
import { PdfPreview } from "../components/pdf-preview";
import { UploadPanel } from "../components/upload-panel";

function sizeLabel(bytes: number): string {
  return bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

export function DossierRoute() {
  return <DocumentsRoute kind="document" />;
}

export function VerslagenRoute() {
  return <DocumentsRoute kind="verslag" />;
}

function DocumentsRoute({ kind }: { kind: DocumentKind }) {
  const { t } = useTranslation();
  const { clientId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const page = Math.max(1, Number(params.get("pagina")) || 1);
  const docs = useDocuments(clientId, kind, q, page);
  const [open, setOpen] = useState<string | null>(null);
  const pages = docs.data ? Math.max(1, Math.ceil(docs.data.total / docs.data.pageSize)) : 1;
  const title = kind === "document" ? t("nav.dossier") : t("nav.verslagen");

  return (
    <main id="inhoud" className="page">
      <PortalOf />
      <h1>{title}</h1>
      <p className="muted">{t("dossier.intro")}</p>
      <form
        className="search-bar"
        onSubmit={(e) => {
          e.preventDefault();
          const value = String(new FormData(e.currentTarget).get("q") ?? "").trim();
          setParams(value ? { q: value } : {});
        }}
      >
        <label htmlFor="doc-search">{t("dossier.search")}</label>
        <div className="search-row">
          <input id="doc-search" name="q" type="search" defaultValue={q} maxLength={100} />
          <button type="submit" className="button button-primary">
            {t("common.search")}
          </button>
        </div>
      </form>
      {docs.isPending && <Loading />}
      {docs.isError && <ErrorState error={docs.error} onRetry={() => void docs.refetch()} />}
      {docs.data &&
        (docs.data.items.length === 0 ? (
          <p className="empty-state">{q ? t("dossier.noResults") : t("dossier.empty")}</p>
        ) : (
          <ul className="card-list">
            {docs.data.items.map((d) => (
              <DocumentCard
                key={d.id}
                clientId={clientId}
                doc={d}
                open={open === d.id}
                onToggle={() => setOpen(open === d.id ? null : d.id)}
              />
            ))}
          </ul>
        ))}
      {docs.data && pages > 1 && (
        <nav className="pager" aria-label={t("common.pageOf", { page, pages })}>
          <button
            type="button"
            className="button button-secondary"
            disabled={page <= 1}
            onClick={() => setParams({ ...(q ? { q } : {}), pagina: String(page - 1) })}
          >
            {t("common.previous")}
          </button>
          <span>{t("common.pageOf", { page, pages })}</span>
          <button
            type="button"
            className="button button-secondary"
            disabled={page >= pages}
            onClick={() => setParams({ ...(q ? { q } : {}), pagina: String(page + 1) })}
          >
            {t("common.next")}
          </button>
        </nav>
      )}
      {kind === "document" && <UploadPanel clientId={clientId} />}
      <p>
        <Link to={paths.portal.accessLog.getHref(clientId)}>{t("dossier.whoViewed")}</Link>
      </p>
    </main>
  );
}

function DocumentCard({ clientId, doc, open, onToggle }: { clientId: string; doc: DocumentItem; open: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const detail = useDocument(clientId, open ? doc.id : null);
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) region.current?.focus();
  }, [open]);
  return (
    <li className="card">
      <div className="card-row">
        <div>
          <h2 className="card-title doc-title">{doc.title}</h2>
          <div className="muted">
            {formatDate(doc.docDate)} · {doc.author}
            {doc.file && ` · ${sizeLabel(doc.file.size)}`}
          </div>
        </div>
        <div className="button-row">
          <button type="button" className="button button-secondary" aria-expanded={open} onClick={onToggle}>
            {open ? t("dossier.close") : t("dossier.open")} <span className="visually-hidden">{doc.title}</span>
          </button>
          {doc.file && (
            <a className="button button-secondary" href={documentFileUrl(clientId, doc.id, true)} download={doc.file.name}>
              {t("dossier.download")} <span className="visually-hidden">{doc.title}</span>
            </a>
          )}
        </div>
      </div>
      {open && (
        <section className="doc-preview" ref={region} tabIndex={-1} aria-label={t("dossier.preview", { title: doc.title })}>
          {detail.isPending && <Loading />}
          {detail.isError && <ErrorState error={detail.error} />}
          {detail.data && <PreviewBody clientId={clientId} doc={detail.data} />}
        </section>
      )}
    </li>
  );
}

/** Every shared item shows something: its text, its PDF or image, or why not (and the download is beside it). */
function PreviewBody({ clientId, doc }: { clientId: string; doc: DocumentDetail }) {
  const { t } = useTranslation();
  const [imageFailed, setImageFailed] = useState(false);
  const mime = doc.file?.mime ?? "";
  return (
    <>
      {doc.bodyText && <p className="doc-text">{doc.bodyText}</p>}
      {mime === "application/pdf" && <PdfPreview url={documentFileUrl(clientId, doc.id)} />}
      {mime.startsWith("image/") &&
        (imageFailed ? (
          <p className="muted">{t("dossier.previewFailed")}</p>
        ) : (
          <img className="doc-image" src={documentFileUrl(clientId, doc.id)} alt={doc.title} onError={() => setImageFailed(true)} />
        ))}
      {doc.file && mime !== "application/pdf" && !mime.startsWith("image/") && <p className="muted">{t("dossier.noPreview")}</p>}
      {!doc.file && !doc.bodyText && <p className="muted">{t("dossier.noContent")}</p>}
    </>
  );
}
