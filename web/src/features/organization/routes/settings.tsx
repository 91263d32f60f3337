// Placeholder: filled in by the Organisatie work of issue 13.
import { useTranslation } from "react-i18next";
import { OrganizationPage } from "../components/organization-page";

export function SettingsRoute() {
  const { t } = useTranslation();
  return <OrganizationPage title={t("organization.parts.settings")}>{null}</OrganizationPage>;
}
