// Beheer: the portal people who take part in a conversation, and adding someone of the portal to it (they
// then read the whole conversation and get an e-mail without its content).
import type { PortalPerson } from "@portaal/shared/messages";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import { ApiRequestError } from "../../../lib/api-client";
import { useAddParticipant, usePortalPeople } from "../api/messages";
import { personRole } from "./participant-picker";

export function ThreadParticipants({
  clientId,
  threadId,
  participants,
}: {
  clientId: string;
  threadId: string;
  participants: PortalPerson[];
}) {
  const { t } = useTranslation();
  const people = usePortalPeople("beheer", clientId);
  const add = useAddParticipant(clientId, threadId);
  const [choice, setChoice] = useState("");
  const selectId = useId();
  const error = add.error instanceof ApiRequestError ? add.error : null;
  const taking = new Set(participants.map((p) => p.id));
  const others = (people.data?.items ?? []).filter((p) => !taking.has(p.id));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!choice) return;
    add.mutate(choice, { onSuccess: () => setChoice("") });
  }

  return (
    <section className="thread-participants" aria-labelledby={`${selectId}-h`}>
      <h3 id={`${selectId}-h`}>{t("messageExtras.participants.title")}</h3>
      {participants.length === 0 ? (
        <p className="muted">{t("messageExtras.participants.none")}</p>
      ) : (
        <ul className="plain-list">
          {participants.map((p) => (
            <li key={p.id}>
              {p.name} ({personRole(t, p.role)})
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <form className="participant-add" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={selectId}>{t("messageExtras.participants.add")}</label>
            <select
              id={selectId}
              value={choice}
              onChange={(e) => setChoice(e.target.value)}
              aria-describedby={`${selectId}-hint${error ? ` ${selectId}-error` : ""}`}
            >
              <option value="">{t("messageExtras.participants.choose")}</option>
              {others.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({personRole(t, p.role)})
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button-secondary" disabled={add.isPending || !choice}>
            {t("messageExtras.participants.addButton")}
          </button>
          <p className="field-hint participant-add-note" id={`${selectId}-hint`}>
            {t("messageExtras.participants.addHint")}
          </p>
          {error && (
            <p className="field-error participant-add-note" id={`${selectId}-error`} role="alert">
              {error.fields.accountId ?? error.message}
            </p>
          )}
        </form>
      )}
      <div aria-live="polite">{add.isSuccess && <Alert tone="success">{t("messageExtras.participants.added")}</Alert>}</div>
    </section>
  );
}
