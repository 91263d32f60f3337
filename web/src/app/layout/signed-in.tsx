// Guards every signed-in page: no complete session, back to login (remembering where the user was).
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { ErrorState } from "../../components/ui/error-state";
import { PhoneNumbersContext } from "../../components/ui/phone-text";
import { Loading } from "../../components/ui/spinner";
import { paths } from "../../config/paths";
import { useMe } from "../../features/auth/api/get-me";
import { TermsGate } from "../../features/terms/components/terms-gate";
import { AppShell } from "./app-shell";

export function SignedIn() {
  const me = useMe();
  const location = useLocation();
  useTranslation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to={paths.login.getHref(location.pathname + location.search)} replace />;
  if (me.data.termsToAccept) return <TermsGate terms={me.data.termsToAccept} />;
  // The policy now requires a second factor this account lacks: Mijn account first (the BFF refuses the rest).
  if (me.data.secondFactorSetupRequired && location.pathname !== paths.account.getHref())
    return <Navigate to={paths.account.getHref()} replace />;
  // The organization's number (and 112) are tel: links wherever a signed-in page shows them.
  return (
    <PhoneNumbersContext.Provider value={[me.data.organization.phone, "112"]}>
      <AppShell me={me.data} />
    </PhoneNumbersContext.Provider>
  );
}
