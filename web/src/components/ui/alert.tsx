// A message box; errors are announced to screen readers as they appear. Phone numbers in it are links.
import type { ReactNode } from "react";
import { PhoneText } from "./phone-text";

export function Alert({ tone = "info", children }: { tone?: "info" | "error" | "success" | "warning"; children: ReactNode }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === "error" ? "alert" : "status"}>
      {typeof children === "string" ? <PhoneText>{children}</PhoneText> : children}
    </div>
  );
}
