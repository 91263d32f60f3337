// Trusted devices and active sessions, each revocable.
import type { AccountOverview } from "@portaal/shared/account";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import { ApiRequestError } from "../../../lib/api-client";
import { formatDateTime } from "../../../lib/format";
import { useAccountChange } from "../api/change-account";

/** "Chrome op Windows" from a user agent, enough to recognise a device. */
function describe(ua: string | null, unknown: string): string {
  if (!ua) return unknown;
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /Chrome\//.test(ua)
        ? "Chrome"
        : /Safari\//.test(ua)
          ? "Safari"
          : unknown;
  const os = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad/.test(ua)
      ? "iOS"
      : /Windows/.test(ua)
        ? "Windows"
        : /Mac OS/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : "";
  return os ? `${browser} · ${os}` : browser;
}

export function DevicesSection({ account }: { account: AccountOverview }) {
  const { t } = useTranslation();
  const revokeDevice = useAccountChange<string>((id) => `devices/${id}/revoke`);
  const revokeSession = useAccountChange<string>((id) => `sessions/${id}/revoke`);
  const error = [revokeDevice.error, revokeSession.error].find((e) => e instanceof ApiRequestError) as ApiRequestError | undefined;
  return (
    <section className="panel" aria-labelledby="h-devices">
      <h2 id="h-devices">{t("account.devicesTitle")}</h2>
      {error && <Alert tone="error">{error.message}</Alert>}
      <h3>{t("account.trustedDevices")}</h3>
      {account.trustedDevices.length === 0 ? (
        <p className="muted">{t("account.noTrustedDevices")}</p>
      ) : (
        <ul className="card-list">
          {account.trustedDevices.map((d) => (
            <li key={d.id} className="card card-row">
              <div>
                <strong>{describe(d.userAgent, t("account.unknownDevice"))}</strong>{" "}
                {d.current && <span className="badge badge-ok">{t("account.thisDevice")}</span>}
                <div className="muted">{t("account.trustedUntil", { date: formatDateTime(d.expiresAt) })}</div>
              </div>
              <button type="button" className="button button-secondary" onClick={() => revokeDevice.mutate(d.id)}>
                {t("account.revoke")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>{t("account.sessions")}</h3>
      <ul className="card-list">
        {account.sessions.map((s) => (
          <li key={s.id} className="card card-row">
            <div>
              <strong>{describe(s.userAgent, t("account.unknownDevice"))}</strong>{" "}
              {s.current && <span className="badge badge-ok">{t("account.thisSession")}</span>}
              <div className="muted">{t("account.lastActive", { date: formatDateTime(s.lastActivityAt) })}</div>
            </div>
            {!s.current && (
              <button type="button" className="button button-secondary" onClick={() => revokeSession.mutate(s.id)}>
                {t("account.endSession")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
