// The secret question (for phone calls with staff; never a way to log in) and asking to close the account.
import type { AccountOverview } from "@portaal/shared/account";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import { Field } from "../../../components/ui/field";
import { ApiRequestError } from "../../../lib/api-client";
import { formatDateTime } from "../../../lib/format";
import { useAccountChange } from "../api/change-account";

export function SecretQuestionSection({ account }: { account: AccountOverview }) {
  const { t } = useTranslation();
  const save = useAccountChange<{ question: string; answer: string }>(
    () => "secret-question",
    (b) => b,
  );
  const [question, setQuestion] = useState(account.secretQuestion ?? "");
  const [answer, setAnswer] = useState("");
  const error = save.error instanceof ApiRequestError ? save.error : null;
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({ question, answer }, { onSuccess: () => setAnswer("") });
  }
  return (
    <section className="panel" aria-labelledby="h-secret">
      <h2 id="h-secret">{t("account.secretTitle")}</h2>
      <p className="muted">{t("account.secretIntro")}</p>
      {save.isSuccess && <Alert tone="success">{t("account.secretSaved")}</Alert>}
      <form onSubmit={submit} noValidate>
        <Field
          label={t("account.secretQuestion")}
          value={question}
          maxLength={120}
          onChange={(e) => setQuestion(e.target.value)}
          error={error?.fields.question}
        />
        <Field
          label={t("account.secretAnswer")}
          value={answer}
          maxLength={100}
          autoComplete="off"
          onChange={(e) => setAnswer(e.target.value)}
          error={error?.fields.answer}
        />
        <button type="submit" className="button button-secondary" disabled={save.isPending}>
          {t("common.save")}
        </button>
      </form>
    </section>
  );
}

export function CloseAccountSection({ account }: { account: AccountOverview }) {
  const { t } = useTranslation();
  const request = useAccountChange(() => "close-request");
  return (
    <section className="panel" aria-labelledby="h-close">
      <h2 id="h-close">{t("account.closeTitle")}</h2>
      {account.closeRequestedAt ? (
        <Alert tone="info">{t("account.closeRequested", { date: formatDateTime(account.closeRequestedAt) })}</Alert>
      ) : (
        <>
          <p className="muted">{t("account.closeIntro")}</p>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => window.confirm(t("account.closeConfirm")) && request.mutate()}
            disabled={request.isPending}
          >
            {t("account.closeRequest")}
          </button>
        </>
      )}
    </section>
  );
}
