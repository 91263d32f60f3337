// Placeholder: filled in by the Organisatie work of issue 13.
import { useTranslation } from "react-i18next";
import { OrganizationPage } from "../components/organization-page";

export function StaffRoute() {
  const { t } = useTranslation();
  return <OrganizationPage title={t("organization.parts.staff")}>{null}</OrganizationPage>;
}
