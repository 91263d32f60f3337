// Over ons: the organization and what the portal is (and is not) for.
import type { MeResponse } from "@portaal/shared/auth";
import { useTranslation } from "react-i18next";
import { useOutletContext } from "react-router";
import { PhoneText } from "../../../components/ui/phone-text";

export function AboutRoute() {
  const me = useOutletContext<MeResponse>();
  const { t } = useTranslation();
  return (
    <main id="inhoud" className="page">
      <h1>{t("about.title")}</h1>
      <p>{t("about.body1", { org: me.organization.name })}</p>
      <p>{t("about.body2")}</p>
      <p>
        <PhoneText>{t("about.body3", { phone: me.organization.phone })}</PhoneText>
      </p>
    </main>
  );
}
