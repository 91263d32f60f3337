// A new version of the terms of use: read and accept before going on (asked once per version).
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import { ApiRequestError } from "../../../lib/api-client";
import { useAcceptTerms } from "../api/accept-terms";

export function TermsGate({ terms, organizationName }: { terms: { version: number; body: string }; organizationName: string }) {
  const { t } = useTranslation();
  const accept = useAcceptTerms();
  const [checked, setChecked] = useState(false);
  const [missing, setMissing] = useState(false);
  const error = accept.error instanceof ApiRequestError ? accept.error : null;
  function submit(e: FormEvent) {
    e.preventDefault();
    setMissing(!checked);
    if (checked) accept.mutate(terms.version);
  }
  return (
    <main id="inhoud" className="auth-page">
      <form className="auth-card" onSubmit={submit} noValidate>
        <p className="auth-org">{organizationName}</p>
        <h1>{t("activation.stepName.terms")}</h1>
        <p>{t("terms.newVersion", { version: terms.version })}</p>
        <section className="terms-text" aria-label={t("activation.termsLabel", { version: terms.version })}>
          {terms.body}
        </section>
        {error && <Alert tone="error">{error.message}</Alert>}
        <div className="checkbox">
          <input
            id="accept-terms"
            type="checkbox"
            checked={checked}
            onChange={(e) => setChecked(e.target.checked)}
            aria-invalid={missing || undefined}
            aria-describedby={missing ? "accept-error" : undefined}
          />
          <label htmlFor="accept-terms">{t("activation.accept")}</label>
          {missing && (
            <p id="accept-error" className="field-error">
              {t("activation.acceptRequired")}
            </p>
          )}
        </div>
        <button type="submit" className="button button-primary button-wide" disabled={accept.isPending}>
          {t("terms.continue")}
        </button>
      </form>
    </main>
  );
}
