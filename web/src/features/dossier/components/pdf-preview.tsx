// Draws a shared PDF with pdf.js: phones show no PDF in a frame, and a drawing runs nothing that is in
// the file (no script, no launch actions, no forms). The text goes beside each page for screen readers.
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert";

/** More pages than this are left to the download: a preview, not a reader for a 300-page file. */
const MAX_PAGES = 20;

type State = { phase: "loading" } | { phase: "ready"; shown: number; pages: number } | { phase: "failed" };

export function PdfPreview({ url }: { url: string }) {
  const { t } = useTranslation();
  const pagesRef = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<State>({ phase: "loading" });

  useEffect(() => {
    const container = pagesRef.current;
    if (!container) return;
    let cancelled = false;
    let destroy: (() => Promise<void>) | null = null;
    setState({ phase: "loading" });
    (async () => {
      const [pdfjs, worker] = await Promise.all([import("pdfjs-dist"), import("pdfjs-dist/build/pdf.worker.min.mjs?url")]);
      pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
      const res = await fetch(url, { credentials: "same-origin" });
      if (!res.ok) throw new Error(`file ${res.status}`);
      const task = pdfjs.getDocument({ data: new Uint8Array(await res.arrayBuffer()), isEvalSupported: false, enableXfa: false });
      destroy = () => task.destroy();
      const doc = await task.promise;
      const shown = Math.min(doc.numPages, MAX_PAGES);
      const width = container.clientWidth || 600;
      for (let n = 1; n <= shown && !cancelled; n++) {
        const page = await doc.getPage(n);
        const scale = width / page.getViewport({ scale: 1 }).width;
        const viewport = page.getViewport({ scale: scale * (window.devicePixelRatio || 1) });
        const figure = document.createElement("figure");
        figure.className = "pdf-page";
        const canvas = document.createElement("canvas");
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.setAttribute("aria-hidden", "true");
        const caption = document.createElement("figcaption");
        caption.className = "visually-hidden";
        const text = await page.getTextContent();
        caption.textContent = `${t("dossier.pdfPage", { page: n, pages: doc.numPages })}: ${text.items
          .map((item) => ("str" in item ? item.str : ""))
          .join(" ")
          .replace(/\s+/g, " ")
          .trim()}`;
        figure.append(canvas, caption);
        if (cancelled) break;
        container.append(figure);
        await page.render({ canvas, viewport }).promise;
      }
      if (!cancelled) setState({ phase: "ready", shown, pages: doc.numPages });
    })().catch(() => {
      if (!cancelled) setState({ phase: "failed" });
    });
    return () => {
      cancelled = true;
      container.replaceChildren();
      void destroy?.();
    };
  }, [url, t]);

  return (
    <div className="pdf-preview" aria-busy={state.phase === "loading"}>
      {state.phase === "loading" && <p className="muted">{t("dossier.loadingPreview")}</p>}
      {state.phase === "failed" && <Alert tone="warning">{t("dossier.previewFailed")}</Alert>}
      <div ref={pagesRef} className="pdf-pages" />
      {state.phase === "ready" && state.shown < state.pages && (
        <p className="muted">{t("dossier.pdfMorePages", { shown: state.shown, pages: state.pages })}</p>
      )}
    </div>
  );
}
