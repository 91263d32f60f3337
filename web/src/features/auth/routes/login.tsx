// Login: e-mail and password, then the verification code from the authenticator app.
import type { SecondFactorKind } from "@portaal/shared/auth";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from "react-router";
import { AuthFrame } from "../../../components/auth-frame";
import { Alert } from "../../../components/ui/alert";
import { Field } from "../../../components/ui/field";
import { PhoneText } from "../../../components/ui/phone-text";
import { paths } from "../../../config/paths";
import { ApiRequestError } from "../../../lib/api-client";
import { meQueryOptions, useMe } from "../api/get-me";
import { useOrganization } from "../api/get-organization";
import { useLogin } from "../api/login";
import { useVerifyTotp } from "../api/verify-totp";
import { useSecurityKeyLogin } from "../api/webauthn-login";
import { EmailCodeStep } from "../components/email-code-step";

/** Only same-site paths, so a crafted link cannot send the user elsewhere after login. */
function safeRedirect(raw: string | null): string {
  return raw?.startsWith("/") && !raw.startsWith("//") && !raw.startsWith("/\\") ? raw : "/";
}

export function LoginRoute() {
  const { t } = useTranslation();
  const org = useOrganization();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const state = useLocation().state as { expired?: boolean; loggedOut?: boolean } | null;
  const expired = state?.expired === true;
  const loggedOut = state?.loggedOut === true;
  const [factors, setFactors] = useState<SecondFactorKind[] | null>(null);
  const qc = useQueryClient();
  const me = useMe();
  const target = safeRedirect(params.get("terug"));
  // The signed-in pages read the user from the cache, where "/" left "not signed in" a moment ago: fetch
  // the user first, or the guard would send the person straight back here (issue 11, point 1).
  const done = async () => {
    await qc.fetchQuery({ ...meQueryOptions(), staleTime: 0 }).catch(() => null);
    navigate(target, { replace: true });
  };

  // Already signed in (a second tab, the back button): no second login.
  if (me.data && factors === null) return <Navigate to={target} replace />;

  return (
    <AuthFrame>
      {expired && factors === null && <Alert tone="info">{t("login.expired")}</Alert>}
      {loggedOut && factors === null && <Alert tone="success">{t("login.loggedOut")}</Alert>}
      {factors === null ? (
        <PasswordStep orgName={org.data?.name} phone={org.data?.phone} onNext={(f) => (f === null ? void done() : setFactors(f))} />
      ) : factors.includes("totp") || factors.includes("webauthn") ? (
        <CodeStep factors={factors} onDone={done} onBack={() => setFactors(null)} />
      ) : (
        <EmailCodeStep onDone={done} onBack={() => setFactors(null)} />
      )}
      {org.data && (
        <p className="auth-notice">
          <PhoneText>{t("login.noCrisis", { phone: org.data.phone })}</PhoneText>
        </p>
      )}
    </AuthFrame>
  );
}

function PasswordStep({
  orgName,
  phone,
  onNext,
}: {
  orgName: string | undefined;
  phone: string | undefined;
  onNext: (factors: SecondFactorKind[] | null) => void;
}) {
  const { t } = useTranslation();
  const login = useLogin();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const error = login.error instanceof ApiRequestError ? login.error : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    login.mutate({ email, password }, { onSuccess: (res) => onNext(res.step === "done" ? null : res.factors) });
  }

  return (
    <form onSubmit={submit} noValidate>
      <h1>{t("login.title")}</h1>
      {orgName && phone && (
        <p className="muted">
          <PhoneText>{t("login.intro", { org: orgName, phone })}</PhoneText>
        </p>
      )}
      {error && <Alert tone="error">{error.message}</Alert>}
      <Field
        label={t("login.email")}
        type="email"
        name="email"
        autoComplete="username"
        required
        value={email}
        onChange={(e) => {
          setEmail(e.target.value);
          login.reset();
        }}
        error={error?.fields.email}
      />
      <Field
        label={t("login.password")}
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => {
          setPassword(e.target.value);
          login.reset();
        }}
        error={error?.fields.password}
      />
      <button type="submit" className="button button-primary button-wide" disabled={login.isPending}>
        {t("login.submit")}
      </button>
      <p>
        <Link to={paths.forgotPassword.getHref()}>{t("login.forgot")}</Link>
      </p>
    </form>
  );
}

function CodeStep({ factors, onDone, onBack }: { factors: SecondFactorKind[]; onDone: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const verify = useVerifyTotp();
  const key = useSecurityKeyLogin();
  const keyError = key.error instanceof ApiRequestError ? key.error : null;
  const [code, setCode] = useState("");
  const [trustDevice, setTrustDevice] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const error = verify.error instanceof ApiRequestError ? verify.error : null;

  useEffect(() => heading.current?.focus(), []);

  function submit(e: FormEvent) {
    e.preventDefault();
    verify.mutate({ code: code.replace(/\s/g, ""), trustDevice }, { onSuccess: onDone });
  }

  return (
    <form onSubmit={submit} noValidate>
      <h1 ref={heading} tabIndex={-1}>
        {t("login.secondFactorTitle")}
      </h1>
      {factors.includes("webauthn") && (
        <div className="key-login">
          <p className="muted">{t("login.securityKeyIntro")}</p>
          {keyError && <Alert tone="error">{keyError.message}</Alert>}
          <button
            type="button"
            className="button button-primary button-wide"
            disabled={key.isPending}
            onClick={() => key.mutate(trustDevice, { onSuccess: onDone })}
          >
            {t("login.securityKey")}
          </button>
        </div>
      )}
      {factors.includes("totp") && (
        <>
          <p className="muted">{factors.includes("webauthn") ? t("login.orApp") : t("login.secondFactorIntro")}</p>
          {error && <Alert tone="error">{error.message}</Alert>}
          <Field
            label={t("login.code")}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={7}
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              verify.reset();
            }}
            error={error?.fields.code}
          />
        </>
      )}
      <div className="checkbox">
        <input
          id="trust-device"
          type="checkbox"
          checked={trustDevice}
          onChange={(e) => setTrustDevice(e.target.checked)}
          aria-describedby="trust-device-hint"
        />
        <label htmlFor="trust-device">{t("login.trustDevice")}</label>
        <p id="trust-device-hint" className="field-hint">
          {t("login.trustDeviceHint")}
        </p>
      </div>
      {factors.includes("totp") && (
        <button type="submit" className="button button-primary button-wide" disabled={verify.isPending}>
          {t("login.verify")}
        </button>
      )}
      <button type="button" className="button button-link" onClick={onBack}>
        {t("login.back")}
      </button>
    </form>
  );
}
