// Second factors: list, add an authenticator app, remove (the policy's minimum stays).
import type { AccountOverview } from "@portaal/shared/account";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { TotpSetup } from "../../../components/totp-setup";
import { Alert } from "../../../components/ui/alert";
import { ApiRequestError } from "../../../lib/api-client";
import { formatDate } from "../../../lib/format";
import { registerSecurityKey } from "../../../lib/security-key";
import { useAccountChange, useStartTotpSetup } from "../api/change-account";
import { accountQueryOptions } from "../api/get-account";
import { useWithReauth } from "./reauth-dialog";

export function FactorsSection({ account }: { account: AccountOverview }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const withReauth = useWithReauth();
  const setup = useStartTotpSetup();
  const confirm = useAccountChange<{ code: string }>(
    () => "totp/confirm",
    (b) => b,
  );
  const removeTotp = useAccountChange<string>((id) => `totp/${encodeURIComponent(id)}/remove`);
  const removeKey = useAccountChange<string>((id) => `security-keys/${encodeURIComponent(id)}/remove`);
  const addKey = useMutation({
    mutationFn: () =>
      withReauth(() =>
        registerSecurityKey<{ ok: true }>("/api/account/webauthn/options", "/api/account/webauthn/verify", { name: t("account.keyName") }),
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: accountQueryOptions().queryKey });
      // A first factor may lift the policy's "set one up first" (me.secondFactorSetupRequired).
      void qc.invalidateQueries({ queryKey: ["me"] });
    },
  });
  const error = [setup.error, removeTotp.error, removeKey.error, addKey.error].find((e) => e instanceof ApiRequestError) as
    | ApiRequestError
    | undefined;
  const none = account.totp.length + account.securityKeys.length === 0;

  return (
    <section className="panel" aria-labelledby="h-factors">
      <h2 id="h-factors">{t("account.factorsTitle")}</h2>
      {none && <Alert tone="warning">{t("account.noFactor")}</Alert>}
      {error && <Alert tone="error">{error.message}</Alert>}
      <ul className="card-list">
        {account.totp.map((f) => (
          <li key={f.id} className="card card-row">
            <div>
              <strong>{f.label}</strong>
              <div className="muted">{t("account.addedOn", { date: formatDate(new Date(f.createdAt).toISOString()) })}</div>
            </div>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => window.confirm(t("account.confirmRemove")) && removeTotp.mutate(f.id)}
            >
              {t("account.remove")} <span className="visually-hidden">{f.label}</span>
            </button>
          </li>
        ))}
        {account.securityKeys.map((k) => (
          <li key={k.id} className="card card-row">
            <div>
              <strong>{k.name}</strong>
              <div className="muted">{t("account.addedOn", { date: formatDate(new Date(k.createdAt).toISOString()) })}</div>
            </div>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => window.confirm(t("account.confirmRemove")) && removeKey.mutate(k.id)}
            >
              {t("account.remove")} <span className="visually-hidden">{k.name}</span>
            </button>
          </li>
        ))}
      </ul>
      {confirm.isSuccess && !setup.data && <Alert tone="success">{t("account.totpAdded")}</Alert>}
      {addKey.isSuccess && <Alert tone="success">{t("account.keyAdded")}</Alert>}
      {setup.data ? (
        <TotpSetup
          setup={setup.data}
          pending={confirm.isPending}
          error={confirm.error}
          onConfirm={(code) =>
            confirm.mutate(
              { code },
              {
                onSuccess: () => {
                  setup.reset();
                  void qc.invalidateQueries({ queryKey: accountQueryOptions().queryKey });
                },
              },
            )
          }
        />
      ) : (
        <div className="button-row">
          <button type="button" className="button button-secondary" onClick={() => setup.mutate()} disabled={setup.isPending}>
            {t("account.addApp")}
          </button>
          <button type="button" className="button button-secondary" onClick={() => addKey.mutate()} disabled={addKey.isPending}>
            {t("account.addKey")}
          </button>
        </div>
      )}
    </section>
  );
}
