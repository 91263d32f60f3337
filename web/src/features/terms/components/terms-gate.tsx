// A new version of the terms of use: read and accept before going on (asked once per version).
import { useTranslation } from "react-i18next";
import { AuthFrame } from "../../../components/auth-frame";
import { TermsForm } from "../../../components/terms-form";
import { useAcceptTerms } from "../api/accept-terms";

export function TermsGate({ terms }: { terms: { version: number; body: string } }) {
  const { t } = useTranslation();
  const accept = useAcceptTerms();
  return (
    <AuthFrame>
      <h1>{t("activation.stepName.terms")}</h1>
      <TermsForm
        intro={t("terms.newVersion", { version: terms.version })}
        terms={terms}
        submitLabel={t("terms.continue")}
        pending={accept.isPending}
        error={accept.error}
        onAccept={() => accept.mutate(terms.version)}
      />
    </AuthFrame>
  );
}
