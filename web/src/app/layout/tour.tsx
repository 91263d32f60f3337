// Rondleiding: highlights each part of the portal in turn with a short explanation. A non-modal dialog
// that takes focus at every step, works by keyboard (Esc closes) and follows the phone layout.
import { type CSSProperties, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Placement, placeBeside } from "../../lib/tour-placement";

interface Step {
  key: string;
  /** data-tour value of the part to highlight; the first visible one is used. */
  target?: string;
}

const STEPS: Step[] = [
  { key: "welcome" },
  { key: "nav", target: "nav" },
  { key: "activity", target: "activity" },
  { key: "next", target: "next-appointment" },
  { key: "privacy", target: "privacy" },
  { key: "menu", target: "user-menu" },
  { key: "footer", target: "more" },
  { key: "crisis", target: "crisis" },
];

function visibleTarget(name: string | undefined): HTMLElement | null {
  if (!name) return null;
  for (const el of document.querySelectorAll<HTMLElement>(`[data-tour="${name}"]`)) {
    if (el.offsetParent !== null || getComputedStyle(el).position === "fixed") return el;
  }
  return null;
}

/** `practitionerWord`: the organization's word for its practitioners, where it has one. */
export function Tour({ onClose, practitionerWord }: { onClose: () => void; practitionerWord: string | null }) {
  const { t } = useTranslation();
  const [index, setIndex] = useState(0);
  // Parts of the page may still be loading when the tour starts: count the steps again when they appear.
  const [, setRevision] = useState(0);
  useEffect(() => {
    const observer = new MutationObserver(() => setRevision((r) => r + 1));
    observer.observe(document.querySelector(".content") ?? document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  const steps = STEPS.filter((s) => !s.target || visibleTarget(s.target));
  const heading = useRef<HTMLHeadingElement>(null);
  const card = useRef<HTMLDivElement>(null);
  const [placement, setPlacement] = useState<Placement | null>(null);
  const step = steps[Math.min(index, steps.length - 1)] ?? STEPS[0];
  const last = index >= steps.length - 1;

  // Before paint: scroll the part into view and put the card beside it (the welcome step has no part).
  useLayoutEffect(() => {
    const el = visibleTarget(step?.target);
    el?.classList.add("tour-highlight");
    const place = () => setPlacement(el && card.current ? placeBeside(el, card.current) : null);
    place();
    heading.current?.focus({ preventScroll: true });
    window.addEventListener("resize", place);
    return () => {
      el?.classList.remove("tour-highlight");
      window.removeEventListener("resize", place);
    };
  }, [step]);
  const style: CSSProperties | undefined = placement
    ? { top: placement.top, left: placement.left, bottom: "auto", right: "auto", transform: "none" }
    : undefined;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onClose]);

  return (
    <div className="tour" role="dialog" aria-labelledby="tour-title" aria-describedby="tour-text" ref={card} style={style}>
      <p className="tour-progress">{t("tour.progress", { n: index + 1, total: steps.length })}</p>
      <h2 id="tour-title" ref={heading} tabIndex={-1}>
        {t(`tour.steps.${step?.key ?? "welcome"}.title`)}
      </h2>
      <p id="tour-text">{t(`tour.steps.${step?.key ?? "welcome"}.text`, practitionerWord ? { context: practitionerWord } : {})}</p>
      <div className="button-row">
        {index > 0 && (
          <button type="button" className="button button-secondary" onClick={() => setIndex((i) => i - 1)}>
            {t("common.previous")}
          </button>
        )}
        <button type="button" className="button button-primary" onClick={() => (last ? onClose() : setIndex((i) => i + 1))}>
          {last ? t("tour.finish") : t("common.next")}
        </button>
        <button type="button" className="button button-link" onClick={onClose}>
          {t("tour.close")}
        </button>
      </div>
    </div>
  );
}
