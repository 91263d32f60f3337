// One conversation: who can read it, messages as plain text (React escapes it: no HTML runs) with their
// files, and a reply box that takes files too.
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import { ErrorState } from "../../../components/ui/error-state";
import { Loading } from "../../../components/ui/spinner";
import { ApiRequestError } from "../../../lib/api-client";
import { formatDateTime } from "../../../lib/format";
import { attachmentUrl, type Side, useThread, useWrite } from "../api/messages";
import { AttachmentList } from "./attachment-list";
import { AttachmentPicker } from "./attachment-picker";
import { ThreadParticipants } from "./thread-participants";
import { ThreadReaders } from "./thread-readers";

export function ThreadView({ side, clientId, threadId, notice }: { side: Side; clientId: string; threadId: string; notice?: string }) {
  const { t } = useTranslation();
  const thread = useThread(side, clientId, threadId);
  const write = useWrite(side);
  const [body, setBody] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [sent, setSent] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const error = write.error instanceof ApiRequestError ? write.error : null;
  const loaded = Boolean(thread.data);

  // Opening a conversation moves focus to it (on a phone it sits below the list).
  useEffect(() => {
    if (loaded && threadId) heading.current?.focus();
  }, [loaded, threadId]);

  function submit(e: FormEvent) {
    e.preventDefault();
    setSent(false);
    write.mutate(
      { clientId, threadId, body, files },
      {
        onSuccess: () => {
          setBody("");
          setFiles([]);
          setSent(true);
          void thread.refetch();
        },
      },
    );
  }

  if (thread.isPending) return <Loading />;
  if (thread.isError) return <ErrorState error={thread.error} />;
  return (
    <section className="panel thread" aria-labelledby="h-thread">
      <h2 id="h-thread" ref={heading} tabIndex={-1}>
        {thread.data.subject}
      </h2>
      <ThreadReaders readers={thread.data.readers} />
      {side === "beheer" && <ThreadParticipants clientId={clientId} threadId={threadId} participants={thread.data.participants} />}
      <ol className="messages">
        {thread.data.messages.map((m) => (
          <li key={m.id} className={`message${m.mine ? " message-mine" : ""}`}>
            <p className="message-meta">
              <strong>{m.mine ? t("messageExtras.you", { name: m.sender }) : m.sender}</strong> · {formatDateTime(m.createdAt)}
            </p>
            <p className="message-body">{m.body}</p>
            <AttachmentList items={m.attachments} url={(id, download) => attachmentUrl(side, clientId, threadId, id, download)} />
          </li>
        ))}
      </ol>
      <form onSubmit={submit} noValidate>
        {notice && <Alert tone="warning">{notice}</Alert>}
        <div aria-live="polite">{sent && <Alert tone="success">{t("messages.sent")}</Alert>}</div>
        <div className="field">
          <label htmlFor="reply">{t("messages.reply")}</label>
          <textarea
            id="reply"
            rows={4}
            maxLength={5000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            aria-invalid={error && !error.fields.file ? true : undefined}
            aria-describedby={error && !error.fields.file ? "reply-error" : undefined}
          />
          {error && !error.fields.file && (
            <p className="field-error" id="reply-error">
              {error.fields.body ?? error.message}
            </p>
          )}
        </div>
        <AttachmentPicker files={files} onChange={setFiles} error={error?.fields.file} />
        <button type="submit" className="button button-primary" disabled={write.isPending}>
          {t("messages.send")}
        </button>
      </form>
    </section>
  );
}
