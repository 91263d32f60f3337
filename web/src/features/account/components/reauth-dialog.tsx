// Asks the password (or an authenticator code) again before a factor or trusted device is added or removed.
import { createContext, type FormEvent, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import { Field } from "../../../components/ui/field";
import { ApiRequestError } from "../../../lib/api-client";
import { reauthenticate } from "../api/reauth";

type WithReauth = <T>(action: () => Promise<T>) => Promise<T>;

const ReauthContext = createContext<WithReauth>((action) => action());

/** Runs an action; when the BFF asks to confirm who this is first, shows the dialog and then runs it again. */
export function useWithReauth(): WithReauth {
  return useContext(ReauthContext);
}

export function ReauthProvider({ hasApp, children }: { hasApp: boolean; children: ReactNode }) {
  const [pending, setPending] = useState<{ resolve: () => void; reject: (e: Error) => void } | null>(null);
  const withReauth = useCallback<WithReauth>(async (action) => {
    try {
      return await action();
    } catch (e) {
      if (!(e instanceof ApiRequestError && e.code === "reauth_required")) throw e;
      await new Promise<void>((resolve, reject) => setPending({ resolve, reject }));
      return action();
    }
  }, []);
  return (
    <ReauthContext.Provider value={withReauth}>
      {children}
      {pending && (
        <ReauthDialog
          hasApp={hasApp}
          onDone={() => {
            pending.resolve();
            setPending(null);
          }}
          onCancel={(error) => {
            pending.reject(error);
            setPending(null);
          }}
        />
      )}
    </ReauthContext.Provider>
  );
}

function ReauthDialog({ hasApp, onDone, onCancel }: { hasApp: boolean; onDone: () => void; onCancel: (e: Error) => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [useCode, setUseCode] = useState(false);
  const [value, setValue] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError | null>(null);
  const cancelled = () => new ApiRequestError(0, "reauth_cancelled", t("reauth.cancelled"));

  useEffect(() => {
    // A modal dialog: the page behind is inert, Escape cancels, focus returns where it was.
    const opener = document.activeElement as HTMLElement | null;
    dialog.current?.showModal();
    return () => opener?.focus();
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await reauthenticate(useCode ? { code: value.replace(/\s/g, "") } : { password: value });
      onDone();
    } catch (err) {
      setError(err instanceof ApiRequestError ? err : new ApiRequestError(0, "unknown", t("reauth.failed")));
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={dialog}
      className="reauth-dialog"
      aria-labelledby="reauth-title"
      aria-describedby="reauth-text"
      onCancel={(e) => {
        e.preventDefault();
        onCancel(cancelled());
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id="reauth-title">{t("reauth.title")}</h2>
        <p id="reauth-text">{useCode ? t("reauth.introCode") : t("reauth.intro")}</p>
        {error && <Alert tone="error">{error.message}</Alert>}
        {useCode ? (
          <Field
            key="code"
            label={t("reauth.code")}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            error={error?.fields.code}
            autoFocus
          />
        ) : (
          <Field
            key="password"
            label={t("reauth.password")}
            type="password"
            name="password"
            autoComplete="current-password"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            error={error?.fields.password}
            autoFocus
          />
        )}
        {hasApp && (
          <p>
            <button
              type="button"
              className="button-link"
              onClick={() => {
                setUseCode(!useCode);
                setValue("");
                setError(null);
              }}
            >
              {useCode ? t("reauth.usePassword") : t("reauth.useCode")}
            </button>
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy || value === ""}>
            {t("reauth.confirm")}
          </button>
          <button type="button" className="button button-secondary" onClick={() => onCancel(cancelled())}>
            {t("reauth.cancel")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
