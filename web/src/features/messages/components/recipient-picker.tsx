// Whom in the client's care team a new conversation is for; everyone is ticked to begin with.
import type { TeamMember } from "@portaal/shared/messages";
import { useTranslation } from "react-i18next";

export function RecipientPicker({
  team,
  chosen,
  onChange,
  error,
}: {
  team: TeamMember[];
  chosen: string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  if (team.length === 0) return <p className="muted">{t("messageExtras.noTeam")}</p>;
  return (
    <fieldset className="recipients" aria-describedby={`recipients-hint${error ? " recipients-error" : ""}`}>
      <legend>{t("messageExtras.to")}</legend>
      <p className="field-hint" id="recipients-hint">
        {t("messageExtras.toHint")}
      </p>
      {team.map((m) => (
        <label key={m.id} className="checkbox">
          <input
            type="checkbox"
            checked={chosen.includes(m.id)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, m.id] : chosen.filter((id) => id !== m.id))}
          />{" "}
          {m.name} ({t(`messageExtras.role.${m.role}`, { defaultValue: m.role })})
        </label>
      ))}
      {error && (
        <p className="field-error" id="recipients-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
