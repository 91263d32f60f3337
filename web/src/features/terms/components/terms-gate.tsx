// A new version of the terms of use: read and accept before going on (asked once per version).
import { useTranslation } from "react-i18next";
import { TermsForm } from "../../../components/terms-form";
import { useAcceptTerms } from "../api/accept-terms";

export function TermsGate({ terms, organizationName }: { terms: { version: number; body: string }; organizationName: string }) {
  const { t } = useTranslation();
  const accept = useAcceptTerms();
  return (
    <main id="inhoud" className="auth-page">
      <div className="auth-card">
        <p className="auth-org">{organizationName}</p>
        <h1>{t("activation.stepName.terms")}</h1>
        <TermsForm
          intro={t("terms.newVersion", { version: terms.version })}
          terms={terms}
          submitLabel={t("terms.continue")}
          pending={accept.isPending}
          error={accept.error}
          onAccept={() => accept.mutate(terms.version)}
        />
      </div>
    </main>
  );
}
