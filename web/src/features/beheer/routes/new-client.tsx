// Beheer → Nieuwe cliënt: the client's data; a duplicate client number is refused, saving lands on the new client page.
import type { MeResponse } from "@portaal/shared/auth";
import { can } from "@portaal/shared/roles";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useOutletContext } from "react-router";
import { Alert } from "../../../components/ui/alert";
import { paths } from "../../../config/paths";
import { useCreateClient } from "../api/client-records";
import { ClientForm, EMPTY_CLIENT, toClientBody } from "../components/client-form";

export function NewClientRoute() {
  const { t } = useTranslation();
  const me = useOutletContext<MeResponse>();
  const navigate = useNavigate();
  const create = useCreateClient();

  return (
    <main id="inhoud" className="page">
      <p>
        <Link to={paths.beheer.clients.getHref()}>← {t("beheer.backToList")}</Link>
      </p>
      <h1>{t("clientRecords.newTitle")}</h1>
      {can(me.user.staffRole, "clients.manage") ? (
        <section className="panel">
          <p className="muted">{t("clientRecords.newIntro")}</p>
          <ClientForm
            initial={EMPTY_CLIENT}
            submitLabel={t("clientRecords.create")}
            pending={create.isPending}
            error={create.error}
            onSubmit={(v) =>
              create.mutate(toClientBody(v), {
                onSuccess: (r) => void navigate(paths.beheer.client.getHref(r.id), { state: { created: true } }),
              })
            }
          />
        </section>
      ) : (
        <Alert>{t("clientRecords.notAllowed")}</Alert>
      )}
    </main>
  );
}
