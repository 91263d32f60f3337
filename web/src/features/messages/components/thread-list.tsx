// The list of conversations: subject, client (in Beheer), last message and the unread count.
import type { ThreadSummary } from "@portaal/shared/messages";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../lib/format";

export function ThreadList({
  items,
  open,
  onOpen,
  showClient,
}: {
  items: ThreadSummary[];
  open: string | null;
  onOpen: (thread: ThreadSummary) => void;
  showClient?: boolean;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="empty-state">{t("messages.none")}</p>;
  return (
    <ul className="thread-list" aria-label={t("messages.conversations")}>
      {items.map((th) => (
        <li key={th.id}>
          <button
            type="button"
            className={`thread-item${th.unread > 0 ? " thread-unread" : ""}`}
            onClick={() => onOpen(th)}
            aria-current={open === th.id ? "true" : undefined}
          >
            <span className="thread-subject">{th.subject}</span>
            {showClient && <span className="thread-client">{th.clientName}</span>}
            <span className="muted">{formatDateTime(th.lastMessageAt)}</span>
            {th.unread > 0 && <span className="badge badge-unread">{t("messages.unread", { count: th.unread })}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
