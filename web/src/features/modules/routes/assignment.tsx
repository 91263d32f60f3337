// Working through a questionnaire or module: one page at a time, every answer saved as one goes
// (leaving and coming back resumes, a reload loses nothing), required questions checked, then submitted.
import { type AnswerValue, type AssignmentDetail, isAnswered, missingRequired } from "@portaal/shared/modules";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { PortalOf, useCurrentPortal, usePractitioner } from "../../../components/portal-of";
import { AnswersView } from "../../../components/questionnaire/answers-view";
import { QuestionField } from "../../../components/questionnaire/question-field";
import { Alert } from "../../../components/ui/alert";
import { ErrorState } from "../../../components/ui/error-state";
import { Loading } from "../../../components/ui/spinner";
import { paths } from "../../../config/paths";
import { ApiRequestError } from "../../../lib/api-client";
import { formatDateTime } from "../../../lib/format";
import { saveAnswers, saveAnswersOnLeave, useAssignment, useSubmit } from "../api/modules";

type SaveState = { kind: "idle" } | { kind: "saving" } | { kind: "saved"; at: number } | { kind: "error"; message: string };

export function AssignmentRoute() {
  const { t } = useTranslation();
  const { clientId = "", assignmentId = "" } = useParams();
  const assignment = useAssignment(clientId, assignmentId);
  return (
    <main id="inhoud" className="page">
      <p>
        <Link to={paths.portal.section.getHref(clientId, "aan-de-slag")}>← {t("modules.back")}</Link>
      </p>
      <PortalOf />
      {assignment.isPending && <Loading />}
      {assignment.isError && <ErrorState error={assignment.error} />}
      {assignment.data &&
        (assignment.data.status === "ingediend" ? (
          <>
            <h1>{assignment.data.title}</h1>
            <Alert tone="success">{t("modules.submittedOn", { when: formatDateTime(assignment.data.submittedAt ?? 0) })}</Alert>
            <AnswersView detail={assignment.data} />
          </>
        ) : (
          <Filler key={assignment.data.id} clientId={clientId} detail={assignment.data} />
        ))}
    </main>
  );
}

function firstOpenPage(detail: AssignmentDetail): number {
  const i = detail.definition.pages.findIndex((p) => p.questions.some((q) => !isAnswered(detail.answers[q.id])));
  return Math.max(0, i);
}

function Filler({ clientId, detail }: { clientId: string; detail: AssignmentDetail }) {
  const { t } = useTranslation();
  const portal = useCurrentPortal();
  const practitioner = usePractitioner();
  const pages = detail.definition.pages;
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>(detail.answers);
  const [pageIndex, setPageIndex] = useState(() => firstOpenPage(detail));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [save, setSave] = useState<SaveState>({ kind: "idle" });
  const dirty = useRef<Record<string, AnswerValue>>({});
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const submit = useSubmit(clientId, detail.id);
  const page = pages[pageIndex] ?? pages[0];

  /** Sends what changed since the last save; resolves to whether everything is stored. */
  const flush = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    const batch = dirty.current;
    if (Object.keys(batch).length === 0) return true;
    dirty.current = {};
    setSave({ kind: "saving" });
    const run = saveAnswers(clientId, detail.id, batch)
      .then((r) => {
        setSave({ kind: "saved", at: r.savedAt });
        setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k in batch))));
        return true;
      })
      .catch((err: unknown) => {
        const fields = err instanceof ApiRequestError ? err.fields : {};
        // Keep what did not reach the server (except answers it refused) for the next attempt.
        const retry = Object.fromEntries(Object.entries(batch).filter(([k]) => !(k in fields)));
        dirty.current = { ...retry, ...dirty.current };
        setErrors((e) => ({ ...e, ...fields }));
        setSave({ kind: "error", message: err instanceof ApiRequestError ? err.message : t("modules.notSaved") });
        return false;
      })
      .finally(() => {
        inFlight.current = null;
      });
    inFlight.current = run;
    return run;
  }, [clientId, detail.id, t]);

  function change(questionId: string, value: AnswerValue) {
    setAnswers((a) => ({ ...a, [questionId]: value }));
    dirty.current[questionId] = value;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), 600);
  }

  // Leaving the page (closing the tab, reloading, going elsewhere in the portal) still saves.
  useEffect(() => {
    const leave = () => {
      if (Object.keys(dirty.current).length === 0) return;
      saveAnswersOnLeave(clientId, detail.id, dirty.current);
      dirty.current = {};
    };
    const hidden = () => document.visibilityState === "hidden" && leave();
    window.addEventListener("pagehide", leave);
    document.addEventListener("visibilitychange", hidden);
    return () => {
      window.removeEventListener("pagehide", leave);
      document.removeEventListener("visibilitychange", hidden);
      clearTimeout(timer.current);
      leave();
    };
  }, [clientId, detail.id]);

  async function go(to: number) {
    await flush();
    setPageIndex(to);
    requestAnimationFrame(() => heading.current?.focus());
  }

  async function send() {
    if (!(await flush())) return;
    const missing = missingRequired(detail.definition, answers);
    const fromServer = (err: unknown) => (err instanceof ApiRequestError ? err.fields : {});
    const show = (m: Record<string, string>) => {
      setErrors(m);
      const first = pages.findIndex((p) => p.questions.some((q) => q.id in m));
      if (first >= 0) void go(first);
    };
    if (Object.keys(missing).length > 0) return show(missing);
    submit.mutate(undefined, { onError: (err) => show(fromServer(err)) });
  }

  const last = pageIndex === pages.length - 1;
  const pageErrors = page ? page.questions.filter((q) => errors[q.id]).length : 0;
  return (
    <>
      <h1>{detail.title}</h1>
      {detail.description && <p className="muted">{detail.description}</p>}
      {/* A parent answers questions written to "u": say whose answers these are. */}
      {portal && portal.relation !== "eigen" && <p className="about-whom">{t("modules.aboutWhom", { name: portal.name })}</p>}
      <div className="module-progress">
        <span>{t("modules.pageOf", { n: pageIndex + 1, total: pages.length })}</span>
        <progress max={pages.length} value={pageIndex + 1} aria-label={t("modules.progress")} />
        <span className="save-state" role="status">
          {save.kind === "saving" && t("modules.saving")}
          {save.kind === "saved" && t("modules.savedAt", { when: formatDateTime(save.at) })}
        </span>
      </div>
      {save.kind === "error" && <Alert tone="error">{save.message}</Alert>}
      {submit.error instanceof ApiRequestError && Object.keys(submit.error.fields).length === 0 && (
        <Alert tone="error">{submit.error.message}</Alert>
      )}
      {page && (
        <section className="panel module-page" aria-labelledby="h-module-page">
          <h2 id="h-module-page" ref={heading} tabIndex={-1}>
            {page.title}
          </h2>
          {page.text && <p className="module-text">{page.text}</p>}
          {pageErrors > 0 && <Alert tone="error">{t("modules.fixErrors", { count: pageErrors })}</Alert>}
          {page.questions.map((q) => (
            <QuestionField key={q.id} question={q} value={answers[q.id]} error={errors[q.id]} onChange={(v) => change(q.id, v)} />
          ))}
        </section>
      )}
      {last && <p className="muted">{t("modules.submitNotice", practitioner)}</p>}
      <div className="button-row module-nav">
        {pageIndex > 0 && (
          <button type="button" className="button button-secondary" onClick={() => void go(pageIndex - 1)}>
            {t("common.previous")}
          </button>
        )}
        {last ? (
          <button type="button" className="button button-primary" disabled={submit.isPending} onClick={() => void send()}>
            {t("modules.submit")}
          </button>
        ) : (
          <button type="button" className="button button-primary" onClick={() => void go(pageIndex + 1)}>
            {t("common.next")}
          </button>
        )}
      </div>
    </>
  );
}
