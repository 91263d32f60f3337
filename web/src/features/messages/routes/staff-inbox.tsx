// Beheer → Berichten: the threads of every client this staff member may see, filtered by unread or by
// client; a client filter also allows starting a conversation with that client's portal.
import type { ThreadSummary } from "@portaal/shared/messages";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { ErrorState } from "../../../components/ui/error-state";
import { Loading } from "../../../components/ui/spinner";
import { paths } from "../../../config/paths";
import { useInbox } from "../api/messages";
import { Compose } from "../components/compose";
import { ThreadList } from "../components/thread-list";
import { ThreadView } from "../components/thread-view";

export function StaffInboxRoute() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const clientId = search.get("client") ?? undefined;
  const unread = search.get("ongelezen") === "1";
  const inbox = useInbox({ unread, clientId });
  const [open, setOpen] = useState<ThreadSummary | null>(null);
  const [composing, setComposing] = useState(false);
  const clientName = inbox.data?.items[0]?.clientName;

  function toggleUnread(on: boolean) {
    const next = new URLSearchParams(search);
    if (on) next.set("ongelezen", "1");
    else next.delete("ongelezen");
    setSearch(next, { replace: true });
  }

  return (
    <main id="inhoud" className="page page-wide">
      <div className="page-head">
        <h1>{t("messages.inbox")}</h1>
        {clientId && (
          <button type="button" className="button button-primary" onClick={() => setComposing((c) => !c)} aria-expanded={composing}>
            {t("messages.new")}
          </button>
        )}
      </div>
      <p className="muted">{t("messages.inboxIntro")}</p>
      {clientId && (
        <p>
          <Link to={paths.beheer.client.getHref(clientId)}>
            ← {t("messages.openClient")}
            {clientName ? `: ${clientName}` : ""}
          </Link>
        </p>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={unread} onChange={(e) => toggleUnread(e.target.checked)} /> {t("messages.onlyUnread")}
      </label>
      {composing && clientId && (
        <Compose
          side="beheer"
          clientId={clientId}
          onDone={(id) => {
            setComposing(false);
            setOpen({ id, clientId, clientName: clientName ?? "", subject: "", lastMessageAt: 0, unread: 0 });
          }}
          onCancel={() => setComposing(false)}
        />
      )}
      <div className="messages-layout">
        <div>
          {inbox.isPending && <Loading />}
          {inbox.isError && <ErrorState error={inbox.error} />}
          {inbox.data && <ThreadList items={inbox.data.items} open={open?.id ?? null} onOpen={setOpen} showClient={!clientId} />}
        </div>
        {open && <ThreadView key={open.id} side="beheer" clientId={open.clientId} threadId={open.id} />}
      </div>
    </main>
  );
}
