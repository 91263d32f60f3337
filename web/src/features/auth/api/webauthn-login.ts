import type { LoginResponse } from "@portaal/shared/auth";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { authenticateWithSecurityKey } from "../../../lib/security-key";
import { meQueryOptions } from "./get-me";

export function useSecurityKeyLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (trustDevice: boolean) =>
      authenticateWithSecurityKey<LoginResponse>("/api/auth/webauthn/options", "/api/auth/webauthn/verify", { trustDevice }),
    onSuccess: () => qc.invalidateQueries({ queryKey: meQueryOptions().queryKey }),
  });
}
