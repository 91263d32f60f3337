// Small line icons for the phone's bottom bar: inline SVG, drawn here, no icon package for six shapes.
import type { PortalSection } from "../../config/paths";

const PATHS: Record<PortalSection | "meer", string> = {
  // A folder.
  dossier: "M3 6.5A1.5 1.5 0 0 1 4.5 5H9l2 2.5h8.5A1.5 1.5 0 0 1 21 9v9.5a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 18.5z",
  // A page with lines.
  verslagen: "M6 3h8l4 4v14H6zM14 3v4h4M9 11h6M9 14.5h6M9 18h4",
  // A calendar.
  afspraken: "M4 6h16v14H4zM4 10h16M8 3v5M16 3v5M8 14h3",
  // A speech bubble.
  berichten: "M4 5h16v11H10l-4.5 4v-4H4z",
  // A notebook.
  dagboek: "M6 3h12v18H6zM9 3v18M12 8h4M12 11.5h4",
  // A checklist.
  "aan-de-slag": "M4 6.5l1.8 1.8L9 5M4 12.5l1.8 1.8L9 11M4 18.5l1.8 1.8L9 17M12 7h8M12 13h8M12 19h8",
  // Three dots, drawn as tiny strokes.
  meer: "M5 12h.01M12 12h.01M19 12h.01",
};

export function NavIcon({ name }: { name: PortalSection | "meer" }) {
  return (
    <svg className="nav-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path
        d={PATHS[name]}
        fill="none"
        stroke="currentColor"
        strokeWidth={name === "meer" ? 3.5 : 1.8}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
