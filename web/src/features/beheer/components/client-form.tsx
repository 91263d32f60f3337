// The client's own data: used to create a client and to edit one (with the version it started from).
import type { CreateClient } from "@portaal/shared/beheer";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import { Field } from "../../../components/ui/field";
import { ApiRequestError } from "../../../lib/api-client";

export interface ClientFormValues {
  clientNumber: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  email: string;
  phone: string;
  address: string;
}

export const EMPTY_CLIENT: ClientFormValues = {
  clientNumber: "",
  firstName: "",
  lastName: "",
  birthDate: "",
  email: "",
  phone: "",
  address: "",
};

/** Empty optional fields are sent as null ("not known"). */
export function toClientBody(v: ClientFormValues): CreateClient {
  const opt = (s: string) => (s.trim() === "" ? null : s.trim());
  return {
    clientNumber: v.clientNumber.trim(),
    firstName: v.firstName,
    lastName: v.lastName,
    birthDate: v.birthDate,
    email: opt(v.email),
    phone: opt(v.phone),
    address: opt(v.address),
  };
}

export function ClientForm({
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial: ClientFormValues;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: ClientFormValues) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState(initial);
  const apiError = error instanceof ApiRequestError ? error : null;
  const set = (key: keyof ClientFormValues) => (e: { target: { value: string } }) => setV((old) => ({ ...old, [key]: e.target.value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit(v);
  }

  return (
    <form onSubmit={submit} noValidate className="client-form">
      {apiError && <Alert tone="error">{apiError.message}</Alert>}
      <div className="form-row">
        <Field
          label={t("beheer.firstName")}
          value={v.firstName}
          onChange={set("firstName")}
          error={apiError?.fields.firstName}
          maxLength={80}
          autoComplete="off"
          required
        />
        <Field
          label={t("beheer.lastName")}
          value={v.lastName}
          onChange={set("lastName")}
          error={apiError?.fields.lastName}
          maxLength={80}
          autoComplete="off"
          required
        />
      </div>
      <div className="form-row">
        <Field
          label={t("beheer.birthDate")}
          type="date"
          value={v.birthDate}
          onChange={set("birthDate")}
          error={apiError?.fields.birthDate}
          required
        />
        <Field
          label={t("beheer.number")}
          hint={t("clientRecords.numberHint")}
          value={v.clientNumber}
          onChange={set("clientNumber")}
          error={apiError?.fields.clientNumber}
          maxLength={20}
          autoComplete="off"
          required
        />
      </div>
      <Field
        label={t("beheer.email")}
        hint={t("clientRecords.optional")}
        type="email"
        value={v.email}
        onChange={set("email")}
        error={apiError?.fields.email}
        maxLength={254}
        autoComplete="off"
      />
      <div className="form-row">
        <Field
          label={t("beheer.phone")}
          hint={t("clientRecords.optional")}
          type="tel"
          value={v.phone}
          onChange={set("phone")}
          error={apiError?.fields.phone}
          maxLength={20}
          autoComplete="off"
        />
        <Field
          label={t("beheer.address")}
          hint={t("clientRecords.optional")}
          value={v.address}
          onChange={set("address")}
          error={apiError?.fields.address}
          maxLength={200}
          autoComplete="off"
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={pending}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
