// Mijn account: filled by the account-lifecycle issue.
import type { MeResponse } from "@portaal/shared/auth";
import { useTranslation } from "react-i18next";
import { useOutletContext } from "react-router";

export function AccountRoute() {
  const me = useOutletContext<MeResponse>();
  const { t } = useTranslation();
  return (
    <main id="inhoud" className="page">
      <h1>{t("account.title")}</h1>
      <dl className="details">
        <dt>{t("beheer.name")}</dt>
        <dd>{me.user.displayName}</dd>
        <dt>{t("beheer.email")}</dt>
        <dd>{me.user.email}</dd>
      </dl>
      <p className="empty-state">{t("account.comingSoon")}</p>
    </main>
  );
}
