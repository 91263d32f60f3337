// Change password: the current one is asked, the new one checked live against the policy.
import type { Policy } from "@portaal/shared/policy";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { PasswordRules } from "../../../components/password-rules";
import { Alert } from "../../../components/ui/alert";
import { Field } from "../../../components/ui/field";
import { ApiRequestError } from "../../../lib/api-client";
import { useAccountChange } from "../api/change-account";

export function PasswordSection({ policy, email }: { policy: Policy; email: string }) {
  const { t } = useTranslation();
  const change = useAccountChange<{ currentPassword: string; newPassword: string }>(
    () => "password",
    (b) => b,
  );
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const error = change.error instanceof ApiRequestError ? change.error : null;
  function submit(e: FormEvent) {
    e.preventDefault();
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent("");
          setNext("");
        },
      },
    );
  }
  return (
    <section className="panel" aria-labelledby="h-password">
      <h2 id="h-password">{t("account.passwordTitle")}</h2>
      <form onSubmit={submit} noValidate>
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        {change.isSuccess && <Alert tone="success">{t("account.passwordChanged")}</Alert>}
        {error && !error.fields.currentPassword && <Alert tone="error">{error.message}</Alert>}
        <Field
          label={t("account.currentPassword")}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={error?.fields.currentPassword ? error.message : undefined}
        />
        <Field
          label={t("activation.newPassword")}
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          aria-describedby="account-password-rules"
        />
        <PasswordRules policy={policy} password={next} email={email} id="account-password-rules" />
        <button type="submit" className="button button-primary" disabled={change.isPending}>
          {t("account.changePassword")}
        </button>
      </form>
    </section>
  );
}
