// Warns before the session ends for inactivity and offers to stay; at the end, back to login.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { paths } from "../../config/paths";
import { getMe } from "../../features/auth/api/get-me";
import { lastApiActivity } from "../../lib/api-client";

/** The BFF records activity at most once a minute, so we count a minute short. */
const MARGIN_MS = 60_000;
const WARN_BEFORE_MS = 60_000;

export function SessionTimeout({ idleMinutes }: { idleMinutes: number }) {
  const { t } = useTranslation();
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const timer = setInterval(() => {
      const deadline = lastApiActivity() + idleMinutes * 60_000 - MARGIN_MS;
      const left = deadline - Date.now();
      if (left <= 0) {
        clearInterval(timer);
        qc.clear();
        navigate(paths.login.getHref(), { replace: true, state: { expired: true } });
      } else setSecondsLeft(left <= WARN_BEFORE_MS ? Math.ceil(left / 1000) : null);
    }, 1000);
    return () => clearInterval(timer);
  }, [idleMinutes, navigate, qc]);

  const warning = secondsLeft !== null;
  useEffect(() => {
    if (warning) button.current?.focus();
  }, [warning]);

  if (!warning) return null;
  return (
    <div className="timeout-backdrop">
      <div className="timeout-dialog" role="alertdialog" aria-modal="true" aria-labelledby="timeout-title" aria-describedby="timeout-text">
        <h2 id="timeout-title">{t("session.warningTitle")}</h2>
        <p id="timeout-text">{t("session.warningText", { seconds: secondsLeft })}</p>
        <button
          ref={button}
          type="button"
          className="button button-primary button-wide"
          onClick={() => void getMe().then(() => setSecondsLeft(null))}
        >
          {t("session.stay")}
        </button>
      </div>
    </div>
  );
}
