// The card of every page at the door (login, activation, password reset, new terms): the organization's
// logo, name and colour, as inside the portal, and its phone number as a tel: link.
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useBrandColour } from "../lib/brand";
import { useOrganization } from "../lib/organization";
import { PhoneNumbersContext } from "./ui/phone-text";

export function AuthFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const org = useOrganization();
  useBrandColour(org.data?.primaryColor);
  const phone = org.data?.phone;
  const phones = useMemo(() => (phone ? [phone, "112"] : ["112"]), [phone]);
  const name = org.data?.logoText ?? t("common.appName");
  return (
    <main id="inhoud" className="auth-page">
      <div className="auth-card">
        {/* The organization's mark, not a heading: a div, so it does not read as one (axe p-as-heading). */}
        <div className="auth-org">
          {org.data?.logoUrl ? (
            <img className="logo-image" src={org.data.logoUrl} alt="" />
          ) : (
            <span className="logo-mark" aria-hidden="true">
              {name.slice(0, 1)}
            </span>
          )}
          {name}
        </div>
        <PhoneNumbersContext.Provider value={phones}>{children}</PhoneNumbersContext.Provider>
      </div>
    </main>
  );
}
