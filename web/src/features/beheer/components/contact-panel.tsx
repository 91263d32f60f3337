// The client's own data on the client page, with Wijzigen for the secretariaat and beheerders.
import type { ClientDetail } from "@portaal/shared/beheer";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import { telHref } from "../../../components/ui/phone-text";
import { formatDate } from "../../../lib/format";
import { useUpdateClient } from "../api/client-records";
import { ClientForm, toClientBody } from "./client-form";

export function ContactPanel({ client, canEdit }: { client: ClientDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const update = useUpdateClient(client.id);
  return (
    <section className="panel" aria-labelledby="h-contact">
      <h2 id="h-contact">{t("beheer.contact")}</h2>
      {update.isSuccess && !editing && <Alert tone="success">{t("clientRecords.saved")}</Alert>}
      {editing ? (
        <ClientForm
          initial={{
            clientNumber: client.clientNumber,
            firstName: client.firstName,
            lastName: client.lastName,
            birthDate: client.birthDate ?? "",
            email: client.email ?? "",
            phone: client.phone ?? "",
            address: client.address ?? "",
          }}
          submitLabel={t("common.save")}
          pending={update.isPending}
          error={update.error}
          onSubmit={(v) => update.mutate({ ...toClientBody(v), version: client.version }, { onSuccess: () => setEditing(false) })}
          onCancel={() => {
            update.reset();
            setEditing(false);
          }}
        />
      ) : (
        <>
          <dl className="details">
            <dt>{t("beheer.number")}</dt>
            <dd>{client.clientNumber}</dd>
            <dt>{t("beheer.birthDate")}</dt>
            <dd>{client.birthDate ? formatDate(client.birthDate) : t("beheer.unknown")}</dd>
            <dt>{t("beheer.email")}</dt>
            <dd>{client.email ?? t("beheer.unknown")}</dd>
            <dt>{t("beheer.phone")}</dt>
            <dd>{client.phone ? <a href={telHref(client.phone)}>{client.phone}</a> : t("beheer.unknown")}</dd>
            <dt>{t("beheer.address")}</dt>
            <dd>{client.address ?? t("beheer.unknown")}</dd>
          </dl>
          {canEdit && (
            <div className="button-row">
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  update.reset();
                  setEditing(true);
                }}
              >
                {t("clientRecords.editClient")}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
