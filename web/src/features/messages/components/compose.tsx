// A new conversation: subject and message, with the crisis notice where one writes.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { PortalNamed } from "../../../components/portal-of";
import { Alert } from "../../../components/ui/alert";
import { Field } from "../../../components/ui/field";
import { ApiRequestError } from "../../../lib/api-client";
import { type Side, useWrite } from "../api/messages";

export function Compose({
  side,
  clientId,
  notice,
  onDone,
}: {
  side: Side;
  clientId: string;
  notice?: string;
  onDone: (threadId: string) => void;
}) {
  const { t } = useTranslation();
  const write = useWrite(side);
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const error = write.error instanceof ApiRequestError ? write.error : null;
  function submit(e: FormEvent) {
    e.preventDefault();
    write.mutate({ clientId, subject, body }, { onSuccess: (r) => onDone(r.id) });
  }
  return (
    <form className="panel compose" onSubmit={submit} noValidate aria-labelledby="h-compose">
      <h2 id="h-compose">
        <PortalNamed i18nKey="messages.newFor" fallback="messages.new" />
      </h2>
      {notice && <Alert tone="warning">{notice}</Alert>}
      {error && !error.fields.subject && !error.fields.body && <Alert tone="error">{error.message}</Alert>}
      <Field
        label={t("messages.subject")}
        value={subject}
        maxLength={150}
        onChange={(e) => setSubject(e.target.value)}
        error={error?.fields.subject}
      />
      <div className="field">
        <label htmlFor="compose-body">{t("messages.body")}</label>
        <textarea
          id="compose-body"
          rows={6}
          maxLength={5000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={error?.fields.body ? true : undefined}
          aria-describedby={error?.fields.body ? "compose-body-error" : undefined}
        />
        {error?.fields.body && (
          <p className="field-error" id="compose-body-error">
            {error.fields.body}
          </p>
        )}
      </div>
      <button type="submit" className="button button-primary" disabled={write.isPending}>
        {t("messages.send")}
      </button>
    </form>
  );
}
