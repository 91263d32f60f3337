// Add a new relation to a client, or link one that already exists (added once, linked many times).
import { type CreateRelation, RelationRoleSchema } from "@portaal/shared/beheer";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import { Field } from "../../../components/ui/field";
import { ApiRequestError } from "../../../lib/api-client";
import { useCreateRelation } from "../api/create-relation";
import { useLinkRelation } from "../api/link-relation";
import { useContactSearch } from "../api/search-contacts";

const ROLES = RelationRoleSchema.options;

function RoleAndGezag({
  role,
  setRole,
  gezag,
  setGezag,
  idPrefix,
}: {
  role: CreateRelation["role"];
  setRole: (r: CreateRelation["role"]) => void;
  gezag: boolean;
  setGezag: (g: boolean) => void;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-row">
      <div className="field">
        <label htmlFor={`${idPrefix}-role`}>{t("beheer.role")}</label>
        <select id={`${idPrefix}-role`} value={role} onChange={(e) => setRole(e.target.value as CreateRelation["role"])}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <div className="checkbox">
        <input id={`${idPrefix}-gezag`} type="checkbox" checked={gezag} onChange={(e) => setGezag(e.target.checked)} />
        <label htmlFor={`${idPrefix}-gezag`}>{t("beheer.gezag")}</label>
      </div>
    </div>
  );
}

export function AddRelationForm({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const create = useCreateRelation(clientId);
  const [firstName, setFirstName] = useState("");
  const [lastName, setLastName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<CreateRelation["role"]>("ouder");
  const [gezag, setGezag] = useState(false);
  const error = create.error instanceof ApiRequestError ? create.error : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate(
      { firstName, lastName, email: email.trim() || null, role, gezag },
      {
        onSuccess: () => {
          setFirstName("");
          setLastName("");
          setEmail("");
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate className="panel">
      <h3>{t("beheer.addRelation")}</h3>
      {error && <Alert tone="error">{error.message}</Alert>}
      {create.isSuccess && <Alert tone="success">{t("beheer.relationAdded")}</Alert>}
      <div className="form-row">
        <Field
          label={t("beheer.firstName")}
          value={firstName}
          onChange={(e) => setFirstName(e.target.value)}
          error={error?.fields.firstName}
          maxLength={80}
          required
        />
        <Field
          label={t("beheer.lastName")}
          value={lastName}
          onChange={(e) => setLastName(e.target.value)}
          error={error?.fields.lastName}
          maxLength={80}
          required
        />
      </div>
      <Field
        label={t("beheer.email")}
        type="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={error?.fields.email}
        maxLength={254}
      />
      <RoleAndGezag idPrefix="add" role={role} setRole={setRole} gezag={gezag} setGezag={setGezag} />
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        {t("beheer.add")}
      </button>
    </form>
  );
}

export function LinkRelationForm({ clientId, linkedContactIds }: { clientId: string; linkedContactIds: string[] }) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const [role, setRole] = useState<CreateRelation["role"]>("ouder");
  const [gezag, setGezag] = useState(false);
  const search = useContactSearch(q);
  const link = useLinkRelation(clientId);
  const error = link.error instanceof ApiRequestError ? link.error : null;
  const candidates = (search.data?.items ?? []).filter((c) => !linkedContactIds.includes(c.id));

  return (
    <div className="panel">
      <h3>{t("beheer.linkRelation")}</h3>
      {error && <Alert tone="error">{error.message}</Alert>}
      {link.isSuccess && <Alert tone="success">{t("beheer.relationLinked")}</Alert>}
      <Field label={t("beheer.searchContact")} type="search" value={q} onChange={(e) => setQ(e.target.value)} maxLength={100} />
      <RoleAndGezag idPrefix="link" role={role} setRole={setRole} gezag={gezag} setGezag={setGezag} />
      {q.trim().length >= 2 && search.data && candidates.length === 0 && <p className="muted">{t("beheer.noContacts")}</p>}
      <ul className="card-list">
        {candidates.map((c) => (
          <li key={c.id} className="card card-row">
            <div>
              <strong>{c.name}</strong>
              {c.email && <div className="muted">{c.email}</div>}
              {c.clients.length > 0 && (
                <div className="muted">
                  {t("beheer.alsoRelationOf")}: {c.clients.map((x) => x.name).join(", ")}
                </div>
              )}
            </div>
            <button
              type="button"
              className="button button-secondary"
              disabled={link.isPending}
              onClick={() => link.mutate({ contactId: c.id, role, gezag })}
            >
              {t("beheer.link")} <span className="visually-hidden">{c.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
