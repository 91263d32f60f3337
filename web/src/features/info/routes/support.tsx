// Support: whom to call, and answers to the questions users ask most.
import type { MeResponse } from "@portaal/shared/auth";
import { useTranslation } from "react-i18next";
import { useOutletContext } from "react-router";
import { Alert } from "../../../components/ui/alert";
import { PhoneText } from "../../../components/ui/phone-text";
import { paragraphs } from "./about";

const QUESTIONS = ["code", "phone", "blocked", "shared", "lost"] as const;

export function SupportRoute() {
  const me = useOutletContext<MeResponse>();
  const { t } = useTranslation();
  return (
    <main id="inhoud" className="page">
      <h1>{t("support.title")}</h1>
      <p>
        <PhoneText>{t("support.intro", { org: me.organization.name, phone: me.organization.phone })}</PhoneText>
      </p>
      {paragraphs(me.organization.supportText).map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one fixed text
        <p key={i} className="own-text">
          {p}
        </p>
      ))}
      <Alert tone="info">{t("portal.crisis", { phone: me.organization.phone })}</Alert>
      <h2>{t("support.faqTitle")}</h2>
      {QUESTIONS.map((q) => (
        <details key={q} className="faq">
          <summary>{t(`support.faq.${q}.q`)}</summary>
          <p>
            <PhoneText>{t(`support.faq.${q}.a`, { phone: me.organization.phone })}</PhoneText>
          </p>
        </details>
      ))}
    </main>
  );
}
