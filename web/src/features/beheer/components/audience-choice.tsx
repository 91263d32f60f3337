// Beheer: whom an appointment is for — the whole portal (also who joins later) or named people of the
// portal. Its inputs carry names, so the surrounding form reads the choice with FormData (see audienceFrom).
import type { AppointmentAudience } from "@portaal/shared/appointments";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePortalPeople } from "../../messages/api/messages";
import { personRole } from "../../messages/components/participant-picker";

export function AudienceChoice({ clientId, value, error }: { clientId: string; value: AppointmentAudience; error?: string | undefined }) {
  const { t } = useTranslation();
  const people = usePortalPeople("beheer", clientId);
  const [named, setNamed] = useState(value !== "portaal");
  const id = useId();
  const items = people.data?.items ?? [];
  return (
    <fieldset className="recipients" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{t("appointments.audience.legend")}</legend>
      <label className="checkbox">
        <input type="radio" name="audience" value="portaal" checked={!named} onChange={() => setNamed(false)} />{" "}
        {t("appointments.audience.portal")}
      </label>
      <p className="field-hint">{t("appointments.audience.portalHint")}</p>
      <label className="checkbox">
        <input type="radio" name="audience" value="named" checked={named} onChange={() => setNamed(true)} disabled={items.length === 0} />{" "}
        {t("appointments.audience.named")}
      </label>
      {items.length === 0 && people.data && <p className="field-hint">{t("appointments.audience.nobody")}</p>}
      {named && (
        <div className="audience-people">
          {items.map((p) => (
            <label key={p.id} className="checkbox">
              <input type="checkbox" name="audiencePerson" value={p.id} defaultChecked={value !== "portaal" && value.includes(p.id)} />{" "}
              {p.name} ({personRole(t, p.role)})
            </label>
          ))}
        </div>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** The choice as the API takes it; named without anyone ticked is sent as an empty list (the BFF says why). */
export function audienceFrom(f: FormData): AppointmentAudience {
  return f.get("audience") === "named" ? (f.getAll("audiencePerson").map(String) as [string, ...string[]]) : "portaal";
}
