// Gebruikerstoegang: who has or may get access to this client's portal, and the actions on it.
import type { AccessAction, AccessPerson } from "@portaal/shared/access";
import type { MeResponse } from "@portaal/shared/auth";
import { can } from "@portaal/shared/roles";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useOutletContext } from "react-router";
import { Alert } from "../../../components/ui/alert";
import { ErrorState } from "../../../components/ui/error-state";
import { Field } from "../../../components/ui/field";
import { Loading } from "../../../components/ui/spinner";
import { ApiRequestError } from "../../../lib/api-client";
import { formatDateTime } from "../../../lib/format";
import { useAccessAction, useActivateAccess, useSecretCheck, useSecretCheckReset } from "../api/change-access";
import { useAccess } from "../api/get-access";

const ACTIONS: Record<AccessPerson["status"], AccessAction[]> = {
  geen: [],
  uitgenodigd: ["reactivate", "deactivate", "close"],
  // A dead link: only a new one (Heractiveren) lets the person in.
  "link-verlopen": ["reactivate", "deactivate", "close"],
  "link-geblokkeerd": ["reactivate", "deactivate", "close"],
  actief: ["deactivate", "reactivate", "close"],
  geblokkeerd: ["unblock", "deactivate", "close"],
  uitgeschakeld: ["reactivate", "close"],
  gesloten: ["reactivate"],
};

export function AccessPanel({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const access = useAccess(clientId);
  const activate = useActivateAccess(clientId);
  const action = useAccessAction(clientId);
  const [done, setDone] = useState<string | null>(null);
  const error = activate.error ?? action.error;

  function run(person: AccessPerson, a: AccessAction) {
    if (!person.accountId) return;
    if ((a === "close" || a === "deactivate" || a === "reactivate") && !window.confirm(t(`access.confirm.${a}`, { name: person.name })))
      return;
    setDone(null);
    action.mutate({ accountId: person.accountId, action: a }, { onSuccess: () => setDone(t(`access.done.${a}`, { name: person.name })) });
  }

  return (
    <section className="panel" aria-labelledby="h-access">
      <h2 id="h-access">{t("access.title")}</h2>
      {access.isPending && <Loading />}
      {access.isError && <ErrorState error={access.error} />}
      {error instanceof ApiRequestError && <Alert tone="error">{error.message}</Alert>}
      {done && <Alert tone="success">{done}</Alert>}
      <ul className="card-list">
        {access.data?.people.map((p) => (
          <li key={`${p.personType}-${p.personId}`} className="card access-card">
            <div className="access-head">
              <strong>{p.name}</strong> <span className="muted">· {p.role}</span>
              <span className={`badge badge-status-${p.status}`}>{t(`access.status.${p.status}`)}</span>
            </div>
            {p.blockedReason && (
              <p className="work-reason">{t("staffWork.blockedBecause", { reason: t(`staffWork.reason.${p.blockedReason}`) })}</p>
            )}
            {p.closeRequestedAt !== null && (
              <div className="close-request">
                <Alert tone="warning">
                  {t("staffWork.closeRequestNotice", { name: p.name, date: formatDateTime(p.closeRequestedAt) })}
                </Alert>
                <button type="button" className="button button-primary" disabled={action.isPending} onClick={() => run(p, "close")}>
                  {t("staffWork.closeNow")} <span className="visually-hidden">{p.name}</span>
                </button>
              </div>
            )}
            <dl className="inline-details">
              <div>
                <dt>{t("beheer.email")}</dt>
                <dd>{p.email ?? t("beheer.unknown")}</dd>
              </div>
              {p.status !== "geen" && (
                <>
                  <div>
                    <dt>{t("access.lastLogin")}</dt>
                    <dd>{p.lastLoginAt ? formatDateTime(p.lastLoginAt) : t("access.never")}</dd>
                  </div>
                  <div>
                    <dt>{t("access.secondFactor")}</dt>
                    <dd>{p.secondFactorSet ? t("common.yes") : t("common.no")}</dd>
                  </div>
                </>
              )}
            </dl>
            {p.status === "geen" && p.missing.length > 0 && (
              <div className="access-missing">
                <p className="muted">{t("access.missing")}</p>
                <ul>
                  {p.missing.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              </div>
            )}
            <div className="button-row">
              {p.status === "geen" && (
                <button
                  type="button"
                  className="button button-primary"
                  disabled={p.missing.length > 0 || activate.isPending}
                  onClick={() => {
                    setDone(null);
                    activate.mutate(
                      { personType: p.personType, personId: p.personId },
                      { onSuccess: (r) => setDone(t(r.invited ? "access.done.invited" : "access.done.portalAdded", { name: p.name })) },
                    );
                  }}
                >
                  {t("access.activate")} <span className="visually-hidden">{p.name}</span>
                </button>
              )}
              {ACTIONS[p.status].map((a) => (
                <button key={a} type="button" className="button button-secondary" disabled={action.isPending} onClick={() => run(p, a)}>
                  {t(`access.action.${a}`)} <span className="visually-hidden">{p.name}</span>
                </button>
              ))}
            </div>
            {p.accountId &&
              p.secretQuestion &&
              (p.secretCheckBlocked ? (
                <SecretBlocked clientId={clientId} accountId={p.accountId} name={p.name} />
              ) : (
                <SecretCheck clientId={clientId} accountId={p.accountId} name={p.name} question={p.secretQuestion} />
              ))}
          </li>
        ))}
      </ul>
    </section>
  );
}

function SecretCheck({ clientId, accountId, name, question }: { clientId: string; accountId: string; name: string; question: string }) {
  const { t } = useTranslation();
  const check = useSecretCheck(clientId);
  const [answer, setAnswer] = useState("");
  const error = check.error instanceof ApiRequestError ? check.error : null;
  function submit(e: FormEvent) {
    e.preventDefault();
    check.mutate({ accountId, answer });
  }
  return (
    <details className="secret-check">
      <summary>{t("access.secretCheck", { name })}</summary>
      <form onSubmit={submit} noValidate>
        <dl className="details secret-question">
          <dt>{t("staffWork.secretQuestion")}</dt>
          <dd>{question}</dd>
        </dl>
        <p className="muted">{t("staffWork.secretQuestionHint")}</p>
        <Field
          label={t("access.secretAnswer")}
          value={answer}
          onChange={(e) => setAnswer(e.target.value)}
          maxLength={200}
          autoComplete="off"
          error={error?.fields.answer}
        />
        <button type="submit" className="button button-secondary" disabled={check.isPending}>
          {t("access.check")}
        </button>
        {check.data && (
          <Alert tone={check.data.match ? "success" : "warning"}>
            {check.data.match
              ? t("access.match")
              : `${t("access.noMatch")} ${t("access.attemptsLeft", { count: check.data.attemptsLeft })}`}
          </Alert>
        )}
        {error && !error.fields.answer && <Alert tone="error">{error.message}</Alert>}
      </form>
    </details>
  );
}

/** After too many wrong answers only a beheerder lifts the block (the BFF allows nobody else). */
function SecretBlocked({ clientId, accountId, name }: { clientId: string; accountId: string; name: string }) {
  const { t } = useTranslation();
  const me = useOutletContext<MeResponse>();
  const reset = useSecretCheckReset(clientId);
  const beheerder = can(me.user.staffRole, "secret.reset");
  return (
    <div className="secret-check">
      <Alert tone="warning">
        {t("access.secretBlocked", { name })} {!beheerder && t("access.secretBlockedAskBeheer")}
      </Alert>
      {beheerder && (
        <button type="button" className="button button-secondary" disabled={reset.isPending} onClick={() => reset.mutate(accountId)}>
          {t("access.secretReset")} <span className="visually-hidden">{name}</span>
        </button>
      )}
      {reset.error instanceof ApiRequestError && <Alert tone="error">{reset.error.message}</Alert>}
    </div>
  );
}
