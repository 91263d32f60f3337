// A new conversation: whom in the team it is for, subject, message and files, with the crisis notice
// where one writes, and a way back out (Annuleren).
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { PortalNamed } from "../../../components/portal-of";
import { Alert } from "../../../components/ui/alert";
import { Field } from "../../../components/ui/field";
import { ApiRequestError } from "../../../lib/api-client";
import { type Side, usePortalPeople, useTeam, useWrite } from "../api/messages";
import { AttachmentPicker } from "./attachment-picker";
import { ParticipantPicker } from "./participant-picker";
import { RecipientPicker } from "./recipient-picker";

export function Compose({
  side,
  clientId,
  notice,
  starterId,
  onDone,
  onCancel,
}: {
  side: Side;
  clientId: string;
  notice?: string;
  /** The portal writer's own account: always taking part. */
  starterId?: string;
  onDone: (threadId: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const write = useWrite(side);
  const team = useTeam(side, clientId);
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const portalPeople = usePortalPeople(side, clientId);
  const people = portalPeople.data?.items ?? [];
  // Portal: only the writer to begin with. Staff: everyone with access to the portal now.
  const [participants, setParticipants] = useState<string[] | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const error = write.error instanceof ApiRequestError ? write.error : null;
  const members = team.data?.items ?? [];

  // Everyone in the team is ticked until the writer says otherwise.
  useEffect(() => {
    if (team.data && chosen === null) setChosen(team.data.items.map((m) => m.id));
  }, [team.data, chosen]);
  useEffect(() => {
    if (portalPeople.data && participants === null) setParticipants(side === "portal" ? [] : portalPeople.data.items.map((p) => p.id));
  }, [portalPeople.data, participants, side]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const ids = chosen ?? [];
    // The whole team is sent as no choice: the conversation then stays with the team as it changes.
    const staffIds = members.length > 0 && ids.length < members.length ? ids : undefined;
    // The default (portal: only the writer; staff: everyone in the portal) is sent as no choice.
    const others = (participants ?? []).filter((id) => id !== starterId);
    const participantIds =
      side === "portal" ? (others.length > 0 ? others : undefined) : others.length < people.length ? others : undefined;
    write.mutate(
      {
        clientId,
        subject,
        body,
        files,
        ...(staffIds ? { staffIds } : {}),
        ...(participantIds ? { participantIds } : {}),
        onProgress: setProgress,
      },
      { onSuccess: (r) => onDone(r.id), onSettled: () => setProgress(null) },
    );
  }

  function cancel() {
    const dirty = subject.trim() !== "" || body.trim() !== "" || files.length > 0;
    if (dirty && !window.confirm(t("messageExtras.confirmCancel"))) return;
    onCancel();
  }

  const fieldError =
    error?.fields.subject || error?.fields.body || error?.fields.file || error?.fields.staffIds || error?.fields.participantIds;
  // In the portal the choice shows only when there is someone besides the writer.
  const showPeople = side === "portal" ? people.length > 1 : people.length > 0;
  return (
    <form className="panel compose" onSubmit={submit} noValidate aria-labelledby="h-compose">
      <h2 id="h-compose">
        <PortalNamed i18nKey="messages.newFor" fallback="messages.new" />
      </h2>
      {notice && <Alert tone="warning">{notice}</Alert>}
      {error && !fieldError && <Alert tone="error">{error.message}</Alert>}
      {showPeople && (
        <ParticipantPicker
          people={people}
          chosen={participants ?? []}
          onChange={setParticipants}
          starterId={side === "portal" ? starterId : undefined}
          error={error?.fields.participantIds}
        />
      )}
      {team.data && <RecipientPicker team={members} chosen={chosen ?? []} onChange={setChosen} error={error?.fields.staffIds} />}
      <Field
        label={t("messages.subject")}
        value={subject}
        maxLength={150}
        onChange={(e) => setSubject(e.target.value)}
        error={error?.fields.subject}
      />
      <div className="field">
        <label htmlFor="compose-body">{t("messages.body")}</label>
        <textarea
          id="compose-body"
          rows={6}
          maxLength={5000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={error?.fields.body ? true : undefined}
          aria-describedby={error?.fields.body ? "compose-body-error" : undefined}
        />
        {error?.fields.body && (
          <p className="field-error" id="compose-body-error">
            {error.fields.body}
          </p>
        )}
      </div>
      <AttachmentPicker files={files} onChange={setFiles} error={error?.fields.file} />
      {progress !== null && files.length > 0 && (
        <div className="upload-progress">
          <label htmlFor="compose-progress">{t("messageExtras.sending", { percent: Math.round(progress * 100) })}</label>
          <progress id="compose-progress" max={1} value={progress} />
        </div>
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={write.isPending}>
          {t("messages.send")}
        </button>
        <button type="button" className="button button-secondary" onClick={cancel} disabled={write.isPending}>
          {t("messageExtras.cancel")}
        </button>
      </div>
    </form>
  );
}
