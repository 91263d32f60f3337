// Dagboek: the person's own diary in this portal. Private: staff see an entry only when it is shared.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { PortalOf, usePractitioner } from "../../../components/portal-of";
import { Alert } from "../../../components/ui/alert";
import { ErrorState } from "../../../components/ui/error-state";
import { Pager } from "../../../components/ui/pager";
import { Loading } from "../../../components/ui/spinner";
import { useChangeDiary, useDiary } from "../api/diary";
import { EntryCard } from "../components/entry-card";
import { EntryForm } from "../components/entry-form";

export function DiaryRoute() {
  const { t } = useTranslation();
  const practitioner = usePractitioner();
  const { clientId = "" } = useParams();
  const [page, setPage] = useState(1);
  const diary = useDiary(clientId, page);
  const create = useChangeDiary(clientId);
  const [saved, setSaved] = useState(false);

  return (
    <main id="inhoud" className="page">
      <PortalOf />
      <h1>{t("nav.dagboek")}</h1>
      <Alert tone="info">{t("diary.private", practitioner)}</Alert>
      <section className="panel" aria-labelledby="h-new-entry">
        <h2 id="h-new-entry">{t("diary.new")}</h2>
        {saved && <Alert tone="success">{t("diary.saved")}</Alert>}
        <EntryForm
          pending={create.isPending}
          error={create.error}
          onSave={(input, done) => {
            setSaved(false);
            create.mutate(
              { kind: "create", input },
              {
                onSuccess: () => {
                  done();
                  setSaved(true);
                  setPage(1);
                },
              },
            );
          }}
        />
      </section>
      {diary.isPending && <Loading />}
      {diary.isError && <ErrorState error={diary.error} onRetry={() => void diary.refetch()} />}
      {diary.data &&
        (diary.data.items.length === 0 ? (
          <p className="empty-state">{t("diary.empty")}</p>
        ) : (
          <>
            <ul className="card-list diary-list" aria-label={t("diary.entries")}>
              {diary.data.items.map((entry) => (
                <EntryCard key={`${entry.id}-${entry.version}`} clientId={clientId} entry={entry} />
              ))}
            </ul>
            <Pager page={diary.data.page} pageSize={diary.data.pageSize} total={diary.data.total} onPage={setPage} />
          </>
        ))}
    </main>
  );
}
