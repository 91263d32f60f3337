// "Wie doen er mee?": the people of the portal who take part in a new conversation. In the portal the
// writer always takes part (ticked, cannot be unticked); staff choose among everyone with access.
import type { PortalPerson } from "@portaal/shared/messages";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

export function ParticipantPicker({
  people,
  chosen,
  onChange,
  starterId,
  error,
}: {
  people: PortalPerson[];
  chosen: string[];
  onChange: (ids: string[]) => void;
  /** The portal writer: always taking part. */
  starterId?: string | undefined;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="recipients" aria-describedby={`participants-hint${error ? " participants-error" : ""}`}>
      <legend>{t("messageExtras.participants.legend")}</legend>
      <p className="field-hint" id="participants-hint">
        {t(starterId ? "messageExtras.participants.hintPortal" : "messageExtras.participants.hintStaff")}
      </p>
      {/* The writer first: they always take part. */}
      {[...people.filter((p) => p.id === starterId), ...people.filter((p) => p.id !== starterId)].map((p) => {
        const fixed = p.id === starterId;
        return (
          <label key={p.id} className="checkbox">
            <input
              type="checkbox"
              checked={fixed || chosen.includes(p.id)}
              disabled={fixed}
              onChange={(e) => onChange(e.target.checked ? [...chosen, p.id] : chosen.filter((id) => id !== p.id))}
            />{" "}
            {fixed
              ? t("messageExtras.youWithRole", { name: p.name, role: personRole(t, p.role) })
              : t("messageExtras.withRole", { name: p.name, role: personRole(t, p.role) })}
          </label>
        );
      })}
      {error && (
        <p className="field-error" id="participants-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** "Ouder", "Cliënt", "Verwant": the person's relation to the client, in words. */
export function personRole(t: TFunction, role: string): string {
  return t(`messageExtras.participants.role.${role}`, { defaultValue: role });
}
