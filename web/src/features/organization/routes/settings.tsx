// Organisatie → Instellingen: name, logo, colour, phone, the Support and Over ons texts and the
// announcement on Home. The colour's contrast with white text is shown while typing (shared rule).
import {
  contrastRatio,
  formatRatio,
  LOGO_TYPES,
  MIN_CONTRAST,
  type OrganizationSettingsResponse,
} from "@portaal/shared/organization-settings";
import { type FormEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import { ErrorState } from "../../../components/ui/error-state";
import { Field } from "../../../components/ui/field";
import { Loading } from "../../../components/ui/spinner";
import { ApiRequestError } from "../../../lib/api-client";
import { useOrganizationSettings } from "../api/get-settings";
import { useUpdateSettings } from "../api/update-settings";
import { useRemoveLogo, useUploadLogo } from "../api/upload-logo";
import { OrganizationPage } from "../components/organization-page";
import { SaveFeedback } from "../components/save-feedback";

type Settings = OrganizationSettingsResponse["settings"];

export function SettingsRoute() {
  const { t } = useTranslation();
  const settings = useOrganizationSettings();
  // The version the form was loaded at: a save against it is refused (409) when someone else saved in
  // between. Our own logo upload moves it along, so unsaved edits in the form survive an upload.
  const [base, setBase] = useState<number>();
  const [formKey, setFormKey] = useState(0);
  const version = base ?? settings.data?.version;
  async function reload() {
    const fresh = await settings.refetch();
    if (fresh.data) {
      setBase(fresh.data.version);
      setFormKey((k) => k + 1);
    }
  }
  return (
    <OrganizationPage title={t("organization.parts.settings")} intro={t("orgSettings.intro")}>
      {settings.isPending && <Loading />}
      {settings.isError && <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && version !== undefined && (
        <>
          <LogoSection data={settings.data} version={version} onSaved={(prev, next) => setBase((b) => ((b ?? prev) === prev ? next : b))} />
          <SettingsForm
            key={formKey}
            data={settings.data}
            version={version}
            onSaved={(next) => setBase(next)}
            onReload={() => void reload()}
          />
        </>
      )}
    </OrganizationPage>
  );
}

function TextArea({
  label,
  hint,
  error,
  value,
  onChange,
  rows = 5,
  maxLength,
}: {
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (v: string) => void;
  rows?: number;
  maxLength: number;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <textarea
        id={id}
        rows={rows}
        value={value}
        maxLength={maxLength}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
      />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function ContrastPreview({ colour, refused }: { colour: string; refused: boolean }) {
  const { t } = useTranslation();
  const valid = /^#[0-9a-fA-F]{6}$/.test(colour.trim());
  if (!valid) return <p className="field-hint">{t("orgSettings.colourFormat")}</p>;
  const ratio = contrastRatio(colour.trim(), "#ffffff");
  const ok = ratio >= MIN_CONTRAST;
  return (
    <div className="contrast-preview" aria-live="polite">
      {/* White "Aa" on the colour, drawn by CSS: a sample of a colour that fails is meant to fail. */}
      <span className="contrast-sample" style={{ background: colour.trim() }} aria-hidden="true" />
      {/* The server's refusal of this very colour says the same above: not twice. */}
      {!refused && (
        <span className={ok ? "contrast-ok" : "contrast-bad"}>
          {t(ok ? "orgSettings.contrastOk" : "orgSettings.contrastBad", { ratio: formatRatio(ratio) })}
        </span>
      )}
    </div>
  );
}

function SettingsForm({
  data,
  version,
  onSaved,
  onReload,
}: {
  data: OrganizationSettingsResponse;
  version: number;
  onSaved: (version: number) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const save = useUpdateSettings();
  const [form, setForm] = useState<Settings>(data.settings);
  const [announce, setAnnounce] = useState(data.settings.announcement !== null);
  const [announcement, setAnnouncement] = useState(data.settings.announcement ?? { title: "", body: "", startsOn: null, endsOn: null });
  const error = save.error instanceof ApiRequestError ? save.error : null;
  const fieldError = (name: string) => error?.fields[name];
  // The colour the server refused; once changed, the live contrast line speaks again.
  const [sentColour, setSentColour] = useState(form.primaryColor);
  const colourError = form.primaryColor === sentColour ? fieldError("primaryColor") : undefined;
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => setForm((f) => ({ ...f, [key]: value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    setSentColour(form.primaryColor);
    save.mutate(
      {
        ...form,
        announcement: announce ? { ...announcement, startsOn: announcement.startsOn || null, endsOn: announcement.endsOn || null } : null,
        version,
      },
      {
        onSuccess: (saved) => {
          setForm(saved.settings);
          onSaved(saved.version);
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate className="org-settings" aria-label={t("orgSettings.formLabel")}>
      <section className="panel" aria-labelledby="h-brand">
        <h2 id="h-brand">{t("orgSettings.brand")}</h2>
        <Field
          label={t("orgSettings.name")}
          value={form.name}
          onChange={(e) => set("name", e.target.value)}
          maxLength={100}
          error={fieldError("name")}
        />
        <Field
          label={t("orgSettings.logoText")}
          hint={t("orgSettings.logoTextHint")}
          value={form.logoText}
          onChange={(e) => set("logoText", e.target.value)}
          maxLength={40}
          error={fieldError("logoText")}
        />
        <div className="form-row colour-row">
          <Field
            label={t("orgSettings.colour")}
            hint={t("orgSettings.colourHint")}
            value={form.primaryColor}
            onChange={(e) => set("primaryColor", e.target.value)}
            maxLength={7}
            spellCheck={false}
            autoComplete="off"
            error={colourError}
          />
          <div className="field colour-picker">
            <label htmlFor="colour-picker">{t("orgSettings.colourPicker")}</label>
            <input
              id="colour-picker"
              type="color"
              value={/^#[0-9a-fA-F]{6}$/.test(form.primaryColor) ? form.primaryColor : "#000000"}
              onChange={(e) => set("primaryColor", e.target.value)}
            />
          </div>
        </div>
        <ContrastPreview colour={form.primaryColor} refused={Boolean(colourError)} />
        <Field
          label={t("orgSettings.phone")}
          hint={t("orgSettings.phoneHint")}
          type="tel"
          value={form.phone}
          onChange={(e) => set("phone", e.target.value)}
          maxLength={20}
          error={fieldError("phone")}
        />
      </section>

      <section className="panel" aria-labelledby="h-texts">
        <h2 id="h-texts">{t("orgSettings.texts")}</h2>
        <TextArea
          label={t("orgSettings.supportText")}
          hint={t("orgSettings.textsHint")}
          value={form.supportText}
          onChange={(v) => set("supportText", v)}
          maxLength={5000}
          error={fieldError("supportText")}
        />
        <TextArea
          label={t("orgSettings.aboutText")}
          hint={t("orgSettings.textsHint")}
          value={form.aboutText}
          onChange={(v) => set("aboutText", v)}
          maxLength={5000}
          error={fieldError("aboutText")}
        />
      </section>

      <section className="panel" aria-labelledby="h-announcement">
        <h2 id="h-announcement">{t("orgSettings.announcement")}</h2>
        <div className="checkbox">
          <input id="announce" type="checkbox" checked={announce} onChange={(e) => setAnnounce(e.target.checked)} />
          <label htmlFor="announce">{t("orgSettings.announce")}</label>
        </div>
        {announce && (
          <>
            <Field
              label={t("orgSettings.announcementTitle")}
              value={announcement.title}
              onChange={(e) => setAnnouncement((a) => ({ ...a, title: e.target.value }))}
              maxLength={120}
              error={fieldError("announcement.title")}
            />
            <TextArea
              label={t("orgSettings.announcementBody")}
              value={announcement.body}
              onChange={(v) => setAnnouncement((a) => ({ ...a, body: v }))}
              rows={3}
              maxLength={2000}
              error={fieldError("announcement.body")}
            />
            <div className="form-row">
              <Field
                label={t("orgSettings.startsOn")}
                hint={t("orgSettings.dateHint")}
                type="date"
                value={announcement.startsOn ?? ""}
                onChange={(e) => setAnnouncement((a) => ({ ...a, startsOn: e.target.value || null }))}
                error={fieldError("announcement.startsOn")}
              />
              <Field
                label={t("orgSettings.endsOn")}
                hint={t("orgSettings.dateHint")}
                type="date"
                value={announcement.endsOn ?? ""}
                onChange={(e) => setAnnouncement((a) => ({ ...a, endsOn: e.target.value || null }))}
                error={fieldError("announcement.endsOn")}
              />
            </div>
          </>
        )}
      </section>

      <SaveFeedback
        error={error}
        saved={save.isSuccess}
        pending={save.isPending}
        savedText={t("orgSettings.saved")}
        saveText={t("orgSettings.save")}
        onReload={onReload}
      />
    </form>
  );
}

function LogoSection({
  data,
  version,
  onSaved,
}: {
  data: OrganizationSettingsResponse;
  version: number;
  onSaved: (previous: number, next: number) => void;
}) {
  const { t } = useTranslation();
  const upload = useUploadLogo();
  const remove = useRemoveLogo();
  const input = useRef<HTMLInputElement>(null);
  const error = (upload.error ?? remove.error) instanceof ApiRequestError ? ((upload.error ?? remove.error) as ApiRequestError) : null;
  const types = Object.values(LOGO_TYPES).join(" of ");
  return (
    <section className="panel" aria-labelledby="h-logo">
      <h2 id="h-logo">{t("orgSettings.logo")}</h2>
      {data.logo ? (
        <div className="logo-preview">
          <img src={data.logo.url} alt={t("orgSettings.logoAlt")} />
          <span className="muted">{t("orgSettings.logoSize", { kb: Math.ceil(data.logo.size / 1024) })}</span>
        </div>
      ) : (
        <p className="muted">{t("orgSettings.noLogo")}</p>
      )}
      <div className="field">
        <label htmlFor="logo-file">{t("orgSettings.logoFile")}</label>
        <p className="field-hint" id="logo-file-hint">
          {t("orgSettings.logoHint", { types })}
        </p>
        <input
          ref={input}
          id="logo-file"
          type="file"
          accept="image/png,image/webp"
          aria-describedby="logo-file-hint"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            remove.reset();
            upload.mutate(
              { file, version },
              {
                onSuccess: (saved) => onSaved(version, saved.version),
                onSettled: () => {
                  if (input.current) input.current.value = "";
                },
              },
            );
          }}
        />
      </div>
      {upload.isPending && <Loading />}
      {error && <Alert tone="error">{error.message}</Alert>}
      {upload.isSuccess && !error && <Alert tone="success">{t("orgSettings.logoSaved")}</Alert>}
      {data.logo && (
        <button
          type="button"
          className="button button-secondary"
          disabled={remove.isPending}
          onClick={() => {
            upload.reset();
            remove.mutate(version, { onSuccess: (saved) => onSaved(version, saved.version) });
          }}
        >
          {t("orgSettings.removeLogo")}
        </button>
      )}
    </section>
  );
}
