// Who viewed which of the client's shared items, and when (NEN 7513, for the client or a relation with gezag).
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { PortalOf } from "../../../components/portal-of";
import { ErrorState } from "../../../components/ui/error-state";
import { Loading } from "../../../components/ui/spinner";
import { formatDateTime } from "../../../lib/format";
import { useAccessLog } from "../api/get-access-log";

export function AccessLogRoute() {
  const { t } = useTranslation();
  const { clientId = "" } = useParams();
  const log = useAccessLog(clientId, 1);
  return (
    <main id="inhoud" className="page">
      <PortalOf />
      <h1>{t("accessLog.title")}</h1>
      <p className="muted">{t("accessLog.intro")}</p>
      {log.isPending && <Loading />}
      {log.isError && <ErrorState error={log.error} />}
      {log.data &&
        (log.data.items.length === 0 ? (
          <p className="empty-state">{t("accessLog.empty")}</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">{t("accessLog.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("accessLog.when")}</th>
                <th scope="col">{t("accessLog.who")}</th>
                <th scope="col">{t("accessLog.what")}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((e) => (
                <tr key={`${e.at}-${e.who}-${e.title}`}>
                  <td>{formatDateTime(e.at)}</td>
                  <td>{e.who}</td>
                  <td>
                    {e.title} ({t(`accessLog.action.${e.action}`)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </main>
  );
}
