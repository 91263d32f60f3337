// The end of an Organisatie form: what went wrong (with a reload when someone else saved first), that it
// was saved, and the save button.
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";
import type { ApiRequestError } from "../../../lib/api-client";

export function SaveFeedback({
  error,
  saved,
  pending,
  savedText,
  saveText,
  onReload,
}: {
  error: ApiRequestError | null;
  saved: boolean;
  pending: boolean;
  savedText: string;
  saveText: string;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <Alert tone="error">
          {error.message}{" "}
          {error.status === 409 && (
            <button type="button" className="button-link" onClick={onReload}>
              {t("orgSettings.reload")}
            </button>
          )}
        </Alert>
      )}
      {saved && <Alert tone="success">{savedText}</Alert>}
      <button type="submit" className="button button-primary" disabled={pending}>
        {saveText}
      </button>
    </>
  );
}
