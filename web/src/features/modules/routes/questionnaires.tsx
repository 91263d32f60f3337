// Beheer → Vragenlijsten: the ready questionnaires and modules and the organization's own; build a new one.
import type { MeResponse } from "@portaal/shared/auth";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useOutletContext } from "react-router";
import { Alert } from "../../../components/ui/alert";
import { ErrorState } from "../../../components/ui/error-state";
import { Loading } from "../../../components/ui/spinner";
import { useQuestionnaires } from "../api/questionnaires";
import { Builder } from "../components/builder";

export function QuestionnairesRoute() {
  const { t } = useTranslation();
  const me = useOutletContext<MeResponse>();
  const list = useQuestionnaires();
  const [building, setBuilding] = useState(false);
  const [saved, setSaved] = useState(false);
  const mayBuild = me.user.staffRole !== "secretariaat";
  return (
    <main id="inhoud" className="page page-wide">
      <div className="page-head">
        <h1>{t("builder.listTitle")}</h1>
        {mayBuild && !building && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setBuilding(true);
              setSaved(false);
            }}
          >
            {t("builder.new")}
          </button>
        )}
      </div>
      <p className="muted">{t("builder.intro")}</p>
      {saved && <Alert tone="success">{t("builder.saved")}</Alert>}
      {building && (
        <Builder
          onDone={() => {
            setBuilding(false);
            setSaved(true);
          }}
        />
      )}
      {list.isPending && <Loading />}
      {list.isError && <ErrorState error={list.error} />}
      {list.data && (
        <ul className="card-list">
          {list.data.items.map((q) => (
            <li key={q.id} className="card">
              <h2>
                {q.title} <span className="badge badge-muted">{t(`modules.kind.${q.kind}`)}</span>
                {q.ready && <span className="badge badge-ok">{t("builder.ready")}</span>}
              </h2>
              {q.description && <p>{q.description}</p>}
              <p className="muted">
                {t("builder.size", {
                  pages: t("builder.pages", { count: q.pages }),
                  questions: t("builder.questions", { count: q.questions }),
                })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
