// Beheer: Aan de slag for one client: assign a questionnaire or module to the portal or one person,
// follow its status, read the answers once submitted.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { AnswersView } from "../../../components/questionnaire/answers-view";
import { Alert } from "../../../components/ui/alert";
import { ErrorState } from "../../../components/ui/error-state";
import { Pager } from "../../../components/ui/pager";
import { Loading } from "../../../components/ui/spinner";
import { paths } from "../../../config/paths";
import { ApiRequestError } from "../../../lib/api-client";
import { formatDateTime } from "../../../lib/format";
import { useAssign, useAssignablePeople, useClientAssignments, useQuestionnaireChoices, useSubmittedAnswers } from "../api/assignments";

export function AssignmentsPanel({ clientId, careWork }: { clientId: string; careWork: boolean }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useClientAssignments(clientId, page);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section className="panel" aria-labelledby="h-assignments">
      <h2 id="h-assignments">{t("nav.aan-de-slag")}</h2>
      {careWork && <AssignForm clientId={clientId} />}
      {list.isPending && <Loading />}
      {list.isError && <ErrorState error={list.error} />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <p className="empty-state">{t("modules.noneAssigned")}</p>
        ) : (
          <ul className="card-list">
            {list.data.items.map((a) => (
              <li key={a.id} className="card">
                <h3>
                  {a.title} <span className={`badge badge-assignment-${a.status}`}>{t(`modules.status.${a.status}`)}</span>
                </h3>
                <p className="muted">
                  {a.forName ? t("modules.forPerson", { name: a.forName }) : t("modules.forEveryone")} ·{" "}
                  {a.status === "ingediend"
                    ? t("modules.submittedOn", { when: formatDateTime(a.submittedAt ?? 0) })
                    : t("modules.answered", { n: a.answered, total: a.questions })}
                </p>
                {careWork && a.status === "ingediend" && (
                  <button
                    type="button"
                    className="button button-secondary"
                    aria-expanded={open === a.id}
                    onClick={() => setOpen((o) => (o === a.id ? null : a.id))}
                  >
                    {open === a.id ? t("modules.hideAnswers") : t("modules.showAnswers")}
                    <span className="visually-hidden">: {a.title}</span>
                  </button>
                )}
                {open === a.id && <Answers clientId={clientId} assignmentId={a.id} />}
              </li>
            ))}
          </ul>
        ))}
      {list.data && <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />}
    </section>
  );
}

function Answers({ clientId, assignmentId }: { clientId: string; assignmentId: string }) {
  const { t } = useTranslation();
  const detail = useSubmittedAnswers(clientId, assignmentId);
  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorState error={detail.error} />;
  return (
    <>
      {detail.data.submittedBy && <p>{t("modules.submittedBy", { name: detail.data.submittedBy })}</p>}
      <AnswersView detail={detail.data} />
    </>
  );
}

function AssignForm({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const questionnaires = useQuestionnaireChoices();
  const assignable = useAssignablePeople(clientId);
  const assign = useAssign(clientId);
  const [questionnaireId, setQuestionnaireId] = useState("");
  const [accountId, setAccountId] = useState("");
  const [done, setDone] = useState(false);
  const error = assign.error instanceof ApiRequestError ? assign.error : null;
  const people = assignable.data?.people ?? [];

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    assign.mutate({ questionnaireId, accountId: accountId || null }, { onSuccess: () => setDone(true) });
  }
  return (
    <form className="assign-form" onSubmit={submit} noValidate>
      {error && <Alert tone="error">{error.message}</Alert>}
      {done && <Alert tone="success">{t("modules.assigned")}</Alert>}
      <div className="form-row">
        <div className="field">
          <label htmlFor="assign-questionnaire">{t("modules.which")}</label>
          <select id="assign-questionnaire" value={questionnaireId} onChange={(e) => setQuestionnaireId(e.target.value)}>
            <option value="">{t("modules.choose")}</option>
            {questionnaires.data?.items.map((q) => (
              <option key={q.id} value={q.id}>
                {q.title} ({t(`modules.kind.${q.kind}`)})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="assign-person">{t("modules.forWhom")}</label>
          <select id="assign-person" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
            <option value="">{t("modules.forEveryone")}</option>
            {people.map((p) => (
              <option key={p.accountId} value={p.accountId}>
                {p.name} ({p.role})
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-primary" disabled={assign.isPending}>
          {t("modules.assign")}
        </button>
      </div>
      <p className="muted">
        <Link to={paths.beheer.questionnaires.getHref()}>{t("modules.manage")}</Link>
      </p>
    </form>
  );
}
