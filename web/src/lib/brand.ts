// The organization's colour on every page that knows the organization: signed in, and at the door
// (login, activation, password reset), so a portal looks the same inside and out.
import { useEffect } from "react";

export function useBrandColour(colour: string | undefined): void {
  useEffect(() => {
    if (colour) document.documentElement.style.setProperty("--brand", colour);
  }, [colour]);
}
