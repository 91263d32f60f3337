// The terms of use with the "I accept" checkbox: at activation and when a new version is published.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiRequestError } from "../lib/api-client";
import { Alert } from "./ui/alert";

interface TermsFormProps {
  intro: string;
  terms: { version: number; body: string } | null;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onAccept: () => void;
}

export function TermsForm({ intro, terms, submitLabel, pending, error, onAccept }: TermsFormProps) {
  const { t } = useTranslation();
  const [accepted, setAccepted] = useState(false);
  const [missing, setMissing] = useState(false);
  const apiError = error instanceof ApiRequestError ? error : null;
  function submit(e: FormEvent) {
    e.preventDefault();
    setMissing(!accepted);
    if (accepted) onAccept();
  }
  return (
    <form onSubmit={submit} noValidate>
      <p>{intro}</p>
      {terms && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a long text scrolls inside its box, and a keyboard must reach it to scroll (WCAG 2.1.1, axe scrollable-region-focusable)
        <section className="terms-text" aria-label={t("activation.termsLabel", { version: terms.version })} tabIndex={0}>
          {terms.body}
        </section>
      )}
      {apiError && <Alert tone="error">{apiError.message}</Alert>}
      <div className="checkbox">
        <input
          id="accept-terms"
          type="checkbox"
          checked={accepted}
          onChange={(e) => setAccepted(e.target.checked)}
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
      <button type="submit" className="button button-primary button-wide" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}
