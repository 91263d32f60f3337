// Aan de slag: the questionnaires and modules waiting in this portal, with how far one got.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { PortalOf, usePractitioner } from "../../../components/portal-of";
import { ErrorState } from "../../../components/ui/error-state";
import { Pager } from "../../../components/ui/pager";
import { Loading } from "../../../components/ui/spinner";
import { paths } from "../../../config/paths";
import { formatDateTime } from "../../../lib/format";
import { useAssignments } from "../api/modules";

export function AssignmentsRoute() {
  const { t } = useTranslation();
  const practitioner = usePractitioner();
  const { clientId = "" } = useParams();
  const [page, setPage] = useState(1);
  const list = useAssignments(clientId, page);
  return (
    <main id="inhoud" className="page">
      <PortalOf />
      <h1>{t("nav.aan-de-slag")}</h1>
      <p className="muted">{t("modules.intro", practitioner)}</p>
      {list.isPending && <Loading />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <p className="empty-state">{t("modules.none")}</p>
        ) : (
          <ul className="card-list">
            {list.data.items.map((a) => (
              <li key={a.id} className="card assignment-card">
                <h2>
                  {a.title} <span className="badge badge-muted">{t(`modules.kind.${a.kind}`)}</span>
                  <span className={`badge badge-assignment-${a.status}`}>{t(`modules.status.${a.status}`)}</span>
                </h2>
                <p className="muted">
                  {a.status === "ingediend"
                    ? t("modules.submittedOn", { when: formatDateTime(a.submittedAt ?? 0) })
                    : t("modules.answered", { n: a.answered, total: a.questions })}
                  {a.forName ? ` · ${t("modules.forPerson", { name: a.forName })}` : ""}
                </p>
                <Link className="button button-primary" to={paths.portal.assignment.getHref(clientId, a.id)}>
                  {t(a.status === "ingediend" ? "modules.view" : a.status === "bezig" ? "modules.continue" : "modules.start")}
                  <span className="visually-hidden">: {a.title}</span>
                </Link>
              </li>
            ))}
          </ul>
        ))}
      {list.data && <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />}
    </main>
  );
}
