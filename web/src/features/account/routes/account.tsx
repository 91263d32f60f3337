// Mijn account / Privacy en beveiliging.
import type { MeResponse } from "@portaal/shared/auth";
import { useTranslation } from "react-i18next";
import { useOutletContext } from "react-router";
import { Alert } from "../../../components/ui/alert";
import { ErrorState } from "../../../components/ui/error-state";
import { Loading } from "../../../components/ui/spinner";
import { useAccount } from "../api/get-account";
import { DevicesSection } from "../components/devices-section";
import { FactorsSection } from "../components/factors-section";
import { PasswordSection } from "../components/password-section";
import { PortalViewersSection } from "../components/portal-viewers-section";
import { ReauthProvider } from "../components/reauth-dialog";
import { CloseAccountSection, SecretQuestionSection } from "../components/secret-and-close-section";

export function AccountRoute() {
  const me = useOutletContext<MeResponse>();
  const { t } = useTranslation();
  const account = useAccount();
  return (
    <main id="inhoud" className="page">
      <h1>{t("account.title")}</h1>
      <p className="muted">{t("account.intro", { email: me.user.email })}</p>
      {me.secondFactorSetupRequired && <Alert tone="warning">{t("orgPolicy.setupRequired")}</Alert>}
      {account.isPending && <Loading />}
      {account.isError && <ErrorState error={account.error} onRetry={() => void account.refetch()} />}
      {account.data && (
        <ReauthProvider hasApp={account.data.totp.length > 0}>
          <PasswordSection policy={me.organization.policy} email={me.user.email} />
          <FactorsSection account={account.data} />
          <DevicesSection account={account.data} />
          {me.portals.some((p) => p.relation === "eigen") && <PortalViewersSection />}
          {me.user.kind === "cov" && <SecretQuestionSection account={account.data} />}
          {me.user.kind === "cov" && <CloseAccountSection account={account.data} />}
        </ReauthProvider>
      )}
    </main>
  );
}
