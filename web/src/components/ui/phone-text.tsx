// Phone numbers in a text become tel: links, so a phone calls the organization (or 112) in one tap.
import { createContext, type ReactNode, useContext } from "react";

/** The numbers to link: 112 everywhere, and the organization's number where it is known (shell, login). */
export const PhoneNumbersContext = createContext<readonly string[]>(["112"]);

export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, "")}`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `text` with each known phone number as a link; a number inside a longer number is left alone. */
export function linkPhones(text: string, phones: readonly string[]): ReactNode[] {
  const known = [...new Set(phones.filter((p) => p.trim() !== ""))].sort((a, b) => b.length - a.length);
  if (known.length === 0) return [text];
  const pattern = new RegExp(`(?<![\\d+])(${known.map(escapeRegExp).join("|")})(?!\\d)`, "g");
  return text.split(pattern).map((part, i) =>
    i % 2 === 1 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text
      <a key={i} href={telHref(part)} className="tel-link">
        {part}
      </a>
    ) : (
      part
    ),
  );
}

export function PhoneText({ children }: { children: string }) {
  const phones = useContext(PhoneNumbersContext);
  return <>{linkPhones(children, phones)}</>;
}
