// Setting up an authenticator app: scan the QR code (or type the key), then confirm with a code.
import type { TotpSetupResponse } from "@portaal/shared/activation";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiRequestError } from "../lib/api-client";
import { Alert } from "./ui/alert";
import { Field } from "./ui/field";

export function TotpSetup({
  setup,
  onConfirm,
  pending,
  error,
}: {
  setup: TotpSetupResponse;
  onConfirm: (code: string) => void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState("");
  // Typing a new code clears the previous answer's error; the next failed attempt is a new error object.
  const [editedAfter, setEditedAfter] = useState<unknown>(null);
  const apiError = error instanceof ApiRequestError && error !== editedAfter ? error : null;
  const qrSrc = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qrSvg)}`;
  function submit(e: FormEvent) {
    e.preventDefault();
    onConfirm(code.replace(/\s/g, ""));
  }
  return (
    <form onSubmit={submit} noValidate>
      <ol className="instructions">
        <li>{t("totp.step1")}</li>
        <li>{t("totp.step2")}</li>
      </ol>
      <img className="qr" src={qrSrc} alt={t("totp.qrAlt")} width={200} height={200} />
      {/* On the phone that holds the app, a QR code cannot be scanned: the otpauth:// link opens the app itself. */}
      <p className="totp-open">
        <span className="muted">{t("totp.onThisPhone")}</span>
        <a className="button button-secondary" href={setup.uri}>
          {t("totp.openInApp")}
        </a>
      </p>
      <p>{t("totp.manual")}</p>
      <p className="secret-text" data-testid="totp-secret">
        {setup.secret.replace(/(.{4})/g, "$1 ").trim()}
      </p>
      <p>{t("totp.step3")}</p>
      {apiError && !apiError.fields.code && <Alert tone="error">{apiError.message}</Alert>}
      <Field
        label={t("login.code")}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        value={code}
        onChange={(e) => {
          setCode(e.target.value);
          setEditedAfter(error);
        }}
        error={apiError?.fields.code ? apiError.message : undefined}
      />
      <button type="submit" className="button button-primary button-wide" disabled={pending}>
        {t("totp.confirm")}
      </button>
    </form>
  );
}
