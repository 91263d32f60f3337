// A submitted questionnaire read back: each page's questions with the answers given.
import type { AssignmentDetail } from "@portaal/shared/modules";
import { useTranslation } from "react-i18next";
import { answerText } from "./question-field";

export function AnswersView({ detail }: { detail: Pick<AssignmentDetail, "definition" | "answers"> }) {
  const { t } = useTranslation();
  return (
    <div className="answers-view">
      {detail.definition.pages.map((p) => (
        <section key={p.id} className="panel" aria-label={p.title}>
          <h2>{p.title}</h2>
          <dl className="answers">
            {p.questions.map((q) => (
              <div key={q.id}>
                <dt>{q.label}</dt>
                <dd>{answerText(q, detail.answers[q.id], t("modules.noAnswer"))}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
