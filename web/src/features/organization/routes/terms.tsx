// Organisatie → Gebruiksvoorwaarden: the versions with how many accepted each, and a new version written,
// previewed as users will see it, and published after a confirmation.
import { PublishTermsSchema, TERMS_MAX_LENGTH, type TermsVersionsResponse } from "@portaal/shared/terms-admin";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import { ErrorState } from "../../../components/ui/error-state";
import { Loading } from "../../../components/ui/spinner";
import { ApiRequestError } from "../../../lib/api-client";
import { formatDateTime } from "../../../lib/format";
import { i18n } from "../../../lib/i18n";
import { useTermsVersions } from "../api/get-terms-versions";
import { usePublishTerms } from "../api/publish-terms";
import { OrganizationPage } from "../components/organization-page";

export function TermsRoute() {
  const { t } = useTranslation();
  const versions = useTermsVersions();
  return (
    <OrganizationPage title={t("organization.parts.terms")} intro={t("orgTerms.intro")}>
      {versions.isPending && <Loading />}
      {versions.isError && <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />}
      {versions.data && (
        <>
          <VersionList data={versions.data} />
          <NewVersion data={versions.data} />
        </>
      )}
    </OrganizationPage>
  );
}

function VersionList({ data }: { data: TermsVersionsResponse }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="terms-versions" className="org-section">
      <h2 id="terms-versions">{t("orgTerms.versions")}</h2>
      <table className="table stacked-table terms-versions">
        <caption className="visually-hidden">{t("orgTerms.versions")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("orgTerms.version")}</th>
            <th scope="col">{t("orgTerms.publishedAt")}</th>
            <th scope="col">{t("orgTerms.publishedBy")}</th>
            <th scope="col">{t("orgTerms.accepted")}</th>
          </tr>
        </thead>
        <tbody>
          {data.versions.map((v, i) => (
            <tr key={v.version}>
              <td data-label={t("orgTerms.version")}>
                {v.version}
                {i === 0 && <span className="muted"> ({t("orgTerms.current")})</span>}
              </td>
              <td data-label={t("orgTerms.publishedAt")}>{formatDateTime(v.publishedAt)}</td>
              <td data-label={t("orgTerms.publishedBy")}>{v.publishedBy ?? t("orgTerms.setup")}</td>
              <td data-label={t("orgTerms.accepted")}>
                {i === 0
                  ? t("orgTerms.acceptedOf", { accepted: v.accepted, total: data.activeAccounts })
                  : t("orgTerms.acceptedCount", { count: v.accepted })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.versions.map((v) => (
        <details key={v.version} className="terms-version-text">
          <summary>{t("orgTerms.showText", { version: v.version })}</summary>
          <section className="terms-text" aria-label={t("orgTerms.versionN", { version: v.version })}>
            {v.body}
          </section>
        </details>
      ))}
    </section>
  );
}

function NewVersion({ data }: { data: TermsVersionsResponse }) {
  const { t } = useTranslation();
  const current = data.versions[0];
  const next = (current?.version ?? 0) + 1;
  const [body, setBody] = useState(current?.body ?? "");
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [published, setPublished] = useState<number | null>(null);
  const publish = usePublishTerms();
  const id = useId();
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const apiError = publish.error instanceof ApiRequestError ? publish.error : null;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  function check(): boolean {
    const parsed = PublishTermsSchema.safeParse({ body, after: current?.version ?? 0 });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? null);
      return false;
    }
    if (parsed.data.body === current?.body) {
      setError(t("orgTerms.unchanged"));
      return false;
    }
    setError(null);
    return true;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    setPublished(null);
    publish.reset();
    if (check()) setConfirming(true);
  }

  function confirm() {
    publish.mutate(
      { body, after: current?.version ?? 0 },
      {
        onSuccess: (r) => {
          setConfirming(false);
          setPreview(false);
          setPublished(r.version);
        },
        onError: () => setConfirming(false),
      },
    );
  }

  return (
    <section aria-labelledby="terms-write" className="org-section">
      <h2 id="terms-write">{t("orgTerms.writeTitle")}</h2>
      {published !== null && <Alert tone="success">{t("orgTerms.published", { version: published })}</Alert>}
      {apiError && <Alert tone="error">{apiError.message}</Alert>}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-body`}>{t("orgTerms.bodyLabel", { version: next })}</label>
          <p className="field-hint" id={`${id}-hint`}>
            {t("orgTerms.writeIntro")}
          </p>
          <textarea
            id={`${id}-body`}
            className="terms-editor"
            rows={12}
            value={body}
            maxLength={TERMS_MAX_LENGTH}
            onChange={(e) => {
              setBody(e.target.value);
              setConfirming(false);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={[`${id}-hint`, `${id}-count`, error ? `${id}-error` : ""].filter(Boolean).join(" ")}
          />
          <p className="field-hint" id={`${id}-count`}>
            {t("orgTerms.chars", { count: body.length, max: TERMS_MAX_LENGTH.toLocaleString(i18n.language === "en" ? "en-GB" : "nl-NL") })}
          </p>
          {error && (
            <p className="field-error" id={`${id}-error`}>
              {error}
            </p>
          )}
        </div>
        {preview && (
          <section aria-labelledby={`${id}-preview`} className="terms-preview">
            <h3 id={`${id}-preview`}>{t("orgTerms.previewTitle", { version: next })}</h3>
            <section className="terms-text" aria-label={t("orgTerms.versionN", { version: next })}>
              {body.trim()}
            </section>
          </section>
        )}
        {!confirming && (
          <div className="button-row">
            <button type="button" className="button button-secondary" aria-expanded={preview} onClick={() => setPreview(!preview)}>
              {preview ? t("orgTerms.hidePreview") : t("orgTerms.preview")}
            </button>
            <button type="submit" className="button button-primary">
              {t("orgTerms.publish")}
            </button>
          </div>
        )}
      </form>
      {confirming && (
        <section className="confirm-panel" aria-labelledby={`${id}-confirm`}>
          <h3 id={`${id}-confirm`} tabIndex={-1} ref={confirmRef}>
            {t("orgTerms.confirmTitle", { version: next })}
          </h3>
          <p>{t("orgTerms.confirmBody", { version: next })}</p>
          <div className="button-row">
            <button type="button" className="button button-primary" disabled={publish.isPending} onClick={confirm}>
              {t("orgTerms.confirm", { version: next })}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              {t("orgTerms.cancel")}
            </button>
          </div>
        </section>
      )}
    </section>
  );
}
