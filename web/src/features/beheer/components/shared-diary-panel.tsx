// Beheer: diary entries the client or a relation chose to share; the rest of the diary stays private.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../../components/ui/error-state";
import { Pager } from "../../../components/ui/pager";
import { Loading } from "../../../components/ui/spinner";
import { formatDate, formatDateTime } from "../../../lib/format";
import { useSharedDiary } from "../api/shared-diary";

export function SharedDiaryPanel({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const diary = useSharedDiary(clientId, page);
  return (
    <section className="panel" aria-labelledby="h-shared-diary">
      <h2 id="h-shared-diary">{t("diary.sharedTitle")}</h2>
      <p className="muted">{t("diary.sharedIntro")}</p>
      {diary.isPending && <Loading />}
      {diary.isError && <ErrorState error={diary.error} />}
      {diary.data &&
        (diary.data.items.length === 0 ? (
          <p className="empty-state">{t("diary.noneShared")}</p>
        ) : (
          <>
            <ul className="card-list">
              {diary.data.items.map((e) => (
                <li key={e.id} className="card diary-entry">
                  <h3 className="diary-date">
                    {formatDate(e.entryDate)} · {e.author}
                    {e.mood !== null && <span className="diary-mood">{t(`diary.moodLabel.${e.mood}`)}</span>}
                  </h3>
                  {e.tags.length > 0 && <p className="muted">{e.tags.join(", ")}</p>}
                  <p className="diary-body">{e.body}</p>
                  {e.sharedAt !== null && <p className="diary-shared">{t("diary.sharedAt", { when: formatDateTime(e.sharedAt) })}</p>}
                </li>
              ))}
            </ul>
            <Pager page={diary.data.page} pageSize={diary.data.pageSize} total={diary.data.total} onPage={setPage} />
          </>
        ))}
    </section>
  );
}
