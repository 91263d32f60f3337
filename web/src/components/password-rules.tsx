// Live feedback on a new password against the organization's policy (the BFF checks the same rules).
import { checkPassword, type Policy } from "@portaal/shared/policy";
import { useTranslation } from "react-i18next";

export function PasswordRules({ policy, password, email, id }: { policy: Policy; password: string; email: string; id: string }) {
  const { t } = useTranslation();
  const checks = checkPassword(policy, password, email);
  return (
    <ul className="rules" id={id} aria-label={t("password.rulesLabel")}>
      {checks.map((c) => (
        <li key={c.rule} className={c.ok ? "ok" : undefined}>
          {c.message}
          <span className="visually-hidden">{c.ok ? ` – ${t("password.met")}` : ` – ${t("password.notMet")}`}</span>
        </li>
      ))}
    </ul>
  );
}
