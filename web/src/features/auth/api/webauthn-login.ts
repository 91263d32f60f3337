import type { LoginResponse } from "@portaal/shared/auth";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { meQueryOptions } from "./get-me";

export function useSecurityKeyLogin() {
  const qc = useQueryClient();
  return useMutation({
    // Loaded on use: most people log in with an app code, and the login page has a JavaScript budget (bench/).
    mutationFn: async (trustDevice: boolean) =>
      (await import("../../../lib/security-key")).authenticateWithSecurityKey<LoginResponse>(
        "/api/auth/webauthn/options",
        "/api/auth/webauthn/verify",
        { trustDevice },
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: meQueryOptions().queryKey }),
  });
}
