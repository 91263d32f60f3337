// What a page shows when its data could not be loaded.
import { useTranslation } from "react-i18next";
import { ApiRequestError } from "../../lib/api-client";
import { Alert } from "./alert";
import { PhoneText } from "./phone-text";

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = error instanceof ApiRequestError ? error.message : t("common.error");
  return (
    <Alert tone="error">
      <p>
        <PhoneText>{message}</PhoneText>
      </p>
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t("common.retry")}
        </button>
      )}
    </Alert>
  );
}
