// Activating an account from the e-mailed link. The token lives in the URL fragment, so a reload
// (F5) asks the BFF where the user was and shows that step again.
import type { ActivationStatus, ActivationStep } from "@portaal/shared/activation";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { AuthFrame } from "../../../components/auth-frame";
import { PasswordRules } from "../../../components/password-rules";
import { TermsForm } from "../../../components/terms-form";
import { TotpSetup } from "../../../components/totp-setup";
import { Alert } from "../../../components/ui/alert";
import { ErrorState } from "../../../components/ui/error-state";
import { Field } from "../../../components/ui/field";
import { Loading } from "../../../components/ui/spinner";
import { paths } from "../../../config/paths";
import { ApiRequestError } from "../../../lib/api-client";
import { parseDutchDate } from "../../../lib/format";
import {
  useActivationStatus,
  useActivationStep,
  useFinishActivation,
  useRegisterKeyDuringActivation,
  useTotpSetup,
} from "../api/activation";

const STEPS: ActivationStep[] = ["birth-date", "password", "second-factor", "terms"];

export function ActivateRoute() {
  const { t } = useTranslation();
  const token = window.location.hash.replace(/^#/, "");
  const status = useActivationStatus(token);
  const heading = useRef<HTMLHeadingElement>(null);
  const step = status.data?.step;
  // Staff have no birth date to check: their steps start at the password.
  const steps = status.data?.staff ? STEPS.filter((s) => s !== "birth-date") : STEPS;

  useEffect(() => {
    if (step) heading.current?.focus();
  }, [step]);

  return (
    <AuthFrame>
      {status.isPending && <Loading />}
      {status.isError && (
        <>
          <h1>{t("activation.title")}</h1>
          <ErrorState error={status.error} />
          {/* Whatever happened to the link, the way on is the login page (a used link: log in; else: call). */}
          <Link className={`button button-wide ${isUsed(status.error) ? "button-primary" : "button-secondary"}`} to={paths.login.getHref()}>
            {t("activation.toLogin")}
          </Link>
        </>
      )}
      {status.data && (
        <>
          <ol className="steps" aria-label={t("activation.progress", { n: steps.indexOf(status.data.step) + 1, total: steps.length })}>
            {steps.map((s, i) => (
              <li
                key={s}
                className={i < steps.indexOf(status.data.step) ? "done" : undefined}
                aria-current={s === status.data.step ? "step" : undefined}
              >
                <span className="visually-hidden">{t(`activation.stepName.${s}`)}</span>
              </li>
            ))}
          </ol>
          <h1 ref={heading} tabIndex={-1}>
            {t(`activation.stepName.${status.data.step}`)}
          </h1>
          <Step token={token} status={status.data} />
        </>
      )}
    </AuthFrame>
  );
}

function isUsed(error: unknown): boolean {
  return error instanceof ApiRequestError && error.code === "link_used";
}

function Step({ token, status }: { token: string; status: ActivationStatus }) {
  switch (status.step) {
    case "birth-date":
      return <BirthDateStep token={token} status={status} />;
    case "password":
      return <PasswordStep token={token} status={status} />;
    case "second-factor":
      return <SecondFactorStep token={token} status={status} />;
    default:
      return <TermsStep token={token} status={status} />;
  }
}

function errorOf(e: unknown) {
  return e instanceof ApiRequestError ? e : null;
}

function BirthDateStep({ token, status }: { token: string; status: ActivationStatus }) {
  const { t } = useTranslation();
  const step = useActivationStep<{ birthDate: string }>(token, "birth-date");
  const [birthDate, setBirthDate] = useState("");
  const [unreadable, setUnreadable] = useState(false);
  const error = errorOf(step.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    const iso = parseDutchDate(birthDate);
    setUnreadable(iso === null);
    if (iso) step.mutate({ birthDate: iso });
  }
  return (
    <form onSubmit={submit} noValidate>
      <p>{t("activation.birthDateIntro", { name: status.clientFirstName })}</p>
      {error && <Alert tone="error">{error.message}</Alert>}
      <Field
        label={t("activation.birthDate")}
        name="birthDate"
        inputMode="numeric"
        autoComplete="off"
        required
        value={birthDate}
        error={unreadable ? t("activation.birthDateUnreadable") : undefined}
        onChange={(e) => {
          setBirthDate(e.target.value);
          setUnreadable(false);
          // A dead link stays dead: its message stays too.
          if (error?.status !== 410) step.reset();
        }}
        hint={t("activation.birthDateHint")}
      />
      <button type="submit" className="button button-primary button-wide" disabled={step.isPending || error?.status === 410}>
        {t("activation.next")}
      </button>
    </form>
  );
}

function PasswordStep({ token, status }: { token: string; status: ActivationStatus }) {
  const { t } = useTranslation();
  const step = useActivationStep<{ password: string }>(token, "password");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const error = errorOf(step.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    setMismatch(password !== repeat);
    if (password === repeat) step.mutate({ password });
  }
  return (
    <form onSubmit={submit} noValidate>
      <p>{t("activation.passwordIntro", { email: status.email })}</p>
      <input type="email" name="username" autoComplete="username" value={status.email} readOnly hidden />
      {error && <Alert tone="error">{error.message}</Alert>}
      <Field
        label={t("activation.newPassword")}
        type="password"
        name="new-password"
        autoComplete="new-password"
        required
        value={password}
        onChange={(e) => {
          setPassword(e.target.value);
          step.reset();
        }}
        aria-describedby="password-rules"
      />
      <PasswordRules policy={status.policy} password={password} email={status.email} id="password-rules" />
      <Field
        label={t("activation.repeatPassword")}
        type="password"
        name="repeat-password"
        autoComplete="new-password"
        required
        value={repeat}
        onChange={(e) => {
          setRepeat(e.target.value);
          setMismatch(false);
        }}
        error={mismatch ? t("activation.mismatch") : undefined}
      />
      <button type="submit" className="button button-primary button-wide" disabled={step.isPending}>
        {t("activation.next")}
      </button>
    </form>
  );
}

function SecondFactorStep({ token, status }: { token: string; status: ActivationStatus }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<"app" | null>(null);
  const setup = useTotpSetup(token, choice === "app");
  const confirm = useActivationStep<{ code: string }>(token, "totp/confirm");
  const skip = useActivationStep<Record<string, never>>(token, "skip-factor");
  const key = useRegisterKeyDuringActivation(token);

  if (choice === "app") {
    if (setup.isPending) return <Loading />;
    if (setup.isError) return <ErrorState error={setup.error} />;
    return (
      <>
        <TotpSetup setup={setup.data} onConfirm={(code) => confirm.mutate({ code })} pending={confirm.isPending} error={confirm.error} />
        <button type="button" className="button button-link" onClick={() => setChoice(null)}>
          {t("activation.otherChoice")}
        </button>
      </>
    );
  }
  return (
    <div>
      <p>{t(status.secondFactorOptional ? "activation.factorIntroOptional" : "activation.factorIntro")}</p>
      <div className="choice-list">
        <button type="button" className="button button-primary button-wide" onClick={() => setChoice("app")}>
          {t("activation.chooseApp")}
        </button>
        <button type="button" className="button button-secondary button-wide" disabled={key.isPending} onClick={() => key.mutate()}>
          {t("activation.chooseKey")}
        </button>
        {errorOf(key.error) && <Alert tone="error">{errorOf(key.error)?.message}</Alert>}
      </div>
      {status.secondFactorOptional && (
        <>
          {errorOf(skip.error) && <Alert tone="error">{errorOf(skip.error)?.message}</Alert>}
          <button type="button" className="button button-link" onClick={() => skip.mutate({})} disabled={skip.isPending}>
            {t("activation.skipFactor")}
          </button>
        </>
      )}
    </div>
  );
}

function TermsStep({ token, status }: { token: string; status: ActivationStatus }) {
  const { t } = useTranslation();
  const finish = useFinishActivation(token);
  const navigate = useNavigate();
  return (
    <TermsForm
      intro={t("activation.termsIntro")}
      terms={status.terms}
      submitLabel={t("activation.finish")}
      pending={finish.isPending}
      error={finish.error}
      onAccept={() =>
        finish.mutate(undefined, {
          onSuccess: () => {
            // The link has done its work: drop it from the address bar and history.
            window.history.replaceState(null, "", "/");
            navigate("/", { replace: true });
          },
        })
      }
    />
  );
}
