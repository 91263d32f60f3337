// Mijn uploads: what this person uploaded here, whether staff kept it, and removing what is not kept yet.
import type { MyUpload } from "@portaal/shared/dossier";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import { ErrorState } from "../../../components/ui/error-state";
import { Loading } from "../../../components/ui/spinner";
import { ApiRequestError } from "../../../lib/api-client";
import { formatDateTime, formatSize } from "../../../lib/format";
import { useMyUploads, useRemoveUpload } from "../api/my-uploads";

export function MyUploads({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const list = useMyUploads(clientId);
  const remove = useRemoveUpload(clientId);
  const [removed, setRemoved] = useState<string | null>(null);

  function onRemove(u: MyUpload) {
    setRemoved(null);
    if (!window.confirm(t("myUploads.confirmRemove", { name: u.file.name }))) return;
    remove.mutate(u.id, { onSuccess: () => setRemoved(t("myUploads.removed", { name: u.file.name })) });
  }

  return (
    <section className="my-uploads" aria-labelledby="h-my-uploads">
      <h3 id="h-my-uploads">{t("myUploads.title")}</h3>
      <p className="muted">{t("myUploads.intro")}</p>
      <div aria-live="polite">
        {removed && <Alert tone="success">{removed}</Alert>}
        {remove.error && <Alert tone="error">{remove.error instanceof ApiRequestError ? remove.error.message : t("common.error")}</Alert>}
      </div>
      {list.isPending && <Loading />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <p className="empty-state">{t("myUploads.empty")}</p>
        ) : (
          <ul className="card-list" aria-label={t("myUploads.title")}>
            {list.data.items.map((u) => (
              <li key={u.id} className="card my-upload">
                <div className="card-row">
                  <span className="card-title">{u.file.name}</span>
                  <span className={`badge ${u.keptAt ? "badge-ok" : "badge-muted"}`}>
                    {u.keptAt ? t("myUploads.kept") : t("myUploads.notKept")}
                  </span>
                </div>
                <p className="muted">
                  {t("myUploads.uploadedOn", { date: formatDateTime(u.createdAt) })} · {formatSize(u.file.size)}
                </p>
                {u.note && <p>{u.note}</p>}
                {u.keptAt ? (
                  <p className="muted">{t("myUploads.keptNote")}</p>
                ) : (
                  <button type="button" className="button button-secondary" disabled={remove.isPending} onClick={() => onRemove(u)}>
                    {t("myUploads.remove")}
                    <span className="visually-hidden"> {u.file.name}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
