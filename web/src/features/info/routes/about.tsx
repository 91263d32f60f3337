// Over ons: the organization and what the portal is (and is not) for.
import type { MeResponse } from "@portaal/shared/auth";
import { useTranslation } from "react-i18next";
import { useOutletContext } from "react-router";
import { PhoneText } from "../../../components/ui/phone-text";

/** Plain text as the beheerder typed it: a blank line starts a paragraph, single line breaks stay. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

export function AboutRoute() {
  const me = useOutletContext<MeResponse>();
  const { t } = useTranslation();
  return (
    <main id="inhoud" className="page">
      <h1>{t("about.title")}</h1>
      {/* The organization's own text (Organisatie → Instellingen), else the portal's standard text. */}
      {me.organization.aboutText ? (
        paragraphs(me.organization.aboutText).map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one fixed text
          <p key={i} className="own-text">
            {p}
          </p>
        ))
      ) : (
        <>
          <p>{t("about.body1", { org: me.organization.name })}</p>
          <p>{t("about.body2")}</p>
        </>
      )}
      <p>
        <PhoneText>{t("about.body3", { phone: me.organization.phone })}</PhoneText>
      </p>
    </main>
  );
}
