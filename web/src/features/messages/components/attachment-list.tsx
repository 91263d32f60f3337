// A message's files: a preview in a new tab where the browser can show it (PDF, images), and a download.
import type { Attachment } from "@portaal/shared/messages";
import { useTranslation } from "react-i18next";
import { formatSize } from "../../../lib/format";

const PREVIEW = new Set(["application/pdf", "image/png", "image/jpeg", "image/webp"]);

export function AttachmentList({ items, url }: { items: Attachment[]; url: (id: string, download: boolean) => string }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <ul className="message-files" aria-label={t("messageExtras.files")}>
      {items.map((a) => (
        <li key={a.id}>
          <span className="message-file-name">
            {a.name} <span className="muted">({formatSize(a.size)})</span>
          </span>
          {PREVIEW.has(a.mime) && (
            <a href={url(a.id, false)} target="_blank" rel="noopener">
              {t("messageExtras.view")}
              <span className="visually-hidden"> {a.name}</span>
            </a>
          )}
          <a href={url(a.id, true)} download={a.name}>
            {t("messageExtras.download")}
            <span className="visually-hidden"> {a.name}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
