// Berichten: the portal's conversations with the practitioners; the crisis notice where one writes.
import type { MeResponse } from "@portaal/shared/auth";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useOutletContext, useParams } from "react-router";
import { PortalOf } from "../../../components/portal-of";
import { ErrorState } from "../../../components/ui/error-state";
import { Loading } from "../../../components/ui/spinner";
import { useThreads } from "../api/messages";
import { Compose } from "../components/compose";
import { ThreadList } from "../components/thread-list";
import { ThreadView } from "../components/thread-view";

export function MessagesRoute() {
  const me = useOutletContext<MeResponse>();
  const { t } = useTranslation();
  const { clientId = "" } = useParams();
  const threads = useThreads(clientId);
  const [open, setOpen] = useState<string | null>(null);
  const [composing, setComposing] = useState(false);
  const crisis = t("messages.crisis", { phone: me.organization.phone });

  return (
    <main id="inhoud" className="page page-wide">
      <PortalOf />
      <div className="page-head">
        <h1>{t("nav.berichten")}</h1>
        <button type="button" className="button button-primary" onClick={() => setComposing((c) => !c)} aria-expanded={composing}>
          {t("messages.new")}
        </button>
      </div>
      {composing && (
        <Compose
          side="portal"
          clientId={clientId}
          notice={crisis}
          starterId={me.user.id}
          onDone={(id) => {
            setComposing(false);
            setOpen(id);
          }}
          onCancel={() => setComposing(false)}
        />
      )}
      <div className="messages-layout">
        <div>
          {threads.isPending && <Loading />}
          {threads.isError && <ErrorState error={threads.error} />}
          {threads.data && <ThreadList items={threads.data.items} open={open} onOpen={(th) => setOpen(th.id)} />}
        </div>
        {open && <ThreadView key={open} side="portal" clientId={clientId} threadId={open} notice={crisis} />}
      </div>
    </main>
  );
}
