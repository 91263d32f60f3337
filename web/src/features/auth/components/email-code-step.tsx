// The second factor for accounts without an app or key (where the policy allows): a code by e-mail.
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import { Field } from "../../../components/ui/field";
import { ApiRequestError } from "../../../lib/api-client";
import { useSendEmailCode, useVerifyEmailCode } from "../api/email-code";

export function EmailCodeStep({ onDone, onBack }: { onDone: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const send = useSendEmailCode();
  const verify = useVerifyEmailCode();
  const [code, setCode] = useState("");
  const [trustDevice, setTrustDevice] = useState(false);
  const sentOnce = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const error = [verify.error, send.error].find((e) => e instanceof ApiRequestError) as ApiRequestError | undefined;

  useEffect(() => {
    heading.current?.focus();
    // Strict mode mounts twice in development; one e-mail is enough.
    if (sentOnce.current) return;
    sentOnce.current = true;
    send.mutate();
  }, [send.mutate]);

  function submit(e: FormEvent) {
    e.preventDefault();
    verify.mutate({ code: code.replace(/\s/g, ""), trustDevice }, { onSuccess: onDone });
  }

  return (
    <form onSubmit={submit} noValidate>
      <h1 ref={heading} tabIndex={-1}>
        {t("login.secondFactorTitle")}
      </h1>
      <p className="muted">{t("login.emailCodeIntro")}</p>
      {send.isSuccess && <Alert tone="info">{t("login.emailCodeSent")}</Alert>}
      {error && <Alert tone="error">{error.message}</Alert>}
      <Field
        label={t("login.code")}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        required
        value={code}
        onChange={(e) => {
          setCode(e.target.value);
          verify.reset();
        }}
      />
      <div className="checkbox">
        <input
          id="trust-device-email"
          type="checkbox"
          checked={trustDevice}
          onChange={(e) => setTrustDevice(e.target.checked)}
          aria-describedby="trust-device-email-hint"
        />
        <label htmlFor="trust-device-email">{t("login.trustDevice")}</label>
        <p id="trust-device-email-hint" className="field-hint">
          {t("login.trustDeviceHint")}
        </p>
      </div>
      <button type="submit" className="button button-primary button-wide" disabled={verify.isPending}>
        {t("login.verify")}
      </button>
      <div className="auth-links">
        <button type="button" className="button button-link" onClick={() => send.mutate()} disabled={send.isPending}>
          {t("login.emailCodeResend")}
        </button>
        <button type="button" className="button button-link" onClick={onBack}>
          {t("login.back")}
        </button>
      </div>
    </form>
  );
}
