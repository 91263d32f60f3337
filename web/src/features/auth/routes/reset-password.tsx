// Choosing a new password from the e-mailed link (token in the URL fragment).
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { AuthFrame } from "../../../components/auth-frame";
import { Alert } from "../../../components/ui/alert";
import { Field } from "../../../components/ui/field";
import { paths } from "../../../config/paths";
import { ApiRequestError } from "../../../lib/api-client";
import { useCompletePasswordReset } from "../api/password-reset";

export function ResetPasswordRoute() {
  const { t } = useTranslation();
  const complete = useCompletePasswordReset();
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const error = complete.error instanceof ApiRequestError ? complete.error : null;
  function submit(e: FormEvent) {
    e.preventDefault();
    setMismatch(password !== repeat);
    if (password !== repeat) return;
    complete.mutate(
      { token: window.location.hash.replace(/^#/, ""), password },
      { onSuccess: () => window.history.replaceState(null, "", paths.resetPassword.getHref()) },
    );
  }
  return (
    <AuthFrame>
      <h1>{t("reset.title")}</h1>
      {complete.isSuccess ? (
        <>
          <Alert tone="success">{t("reset.done")}</Alert>
          <Link className="button button-primary button-wide" to={paths.login.getHref()}>
            {t("login.submit")}
          </Link>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <p className="muted">{t("reset.intro")}</p>
          {error && <Alert tone="error">{error.message}</Alert>}
          <Field
            label={t("activation.newPassword")}
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              complete.reset();
            }}
          />
          <Field
            label={t("activation.repeatPassword")}
            type="password"
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(e) => {
              setRepeat(e.target.value);
              setMismatch(false);
            }}
            error={mismatch ? t("activation.mismatch") : undefined}
          />
          <button type="submit" className="button button-primary button-wide" disabled={complete.isPending}>
            {t("reset.save")}
          </button>
        </form>
      )}
    </AuthFrame>
  );
}
