// Forgotten password: ask for a reset link by e-mail. The answer is the same whether the address is known or not.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { AuthFrame } from "../../../components/auth-frame";
import { Alert } from "../../../components/ui/alert";
import { Field } from "../../../components/ui/field";
import { paths } from "../../../config/paths";
import { ApiRequestError } from "../../../lib/api-client";
import { useRequestPasswordReset } from "../api/password-reset";

export function ForgotPasswordRoute() {
  const { t } = useTranslation();
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState("");
  const error = request.error instanceof ApiRequestError ? request.error : null;
  function submit(e: FormEvent) {
    e.preventDefault();
    request.mutate(email);
  }
  return (
    <AuthFrame>
      <h1>{t("reset.forgotTitle")}</h1>
      {request.data ? (
        <Alert tone="success">{request.data.message}</Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <p className="muted">{t("reset.forgotIntro")}</p>
          {error && !error.fields.email && <Alert tone="error">{error.message}</Alert>}
          <Field
            label={t("login.email")}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => {
              setEmail(e.target.value);
              request.reset();
            }}
            error={error?.fields.email}
          />
          <button type="submit" className="button button-primary button-wide" disabled={request.isPending}>
            {t("reset.send")}
          </button>
        </form>
      )}
      <p>
        <Link to={paths.login.getHref()}>{t("login.back")}</Link>
      </p>
    </AuthFrame>
  );
}
