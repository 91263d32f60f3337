// The activation endpoints: every call carries the link's token in its body, never in the URL.
import type { ActivationStatus, TotpSetupResponse } from "@portaal/shared/activation";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { registerSecurityKey } from "../../../lib/security-key";

export const activationQueryOptions = (token: string) =>
  queryOptions({
    queryKey: ["activation", token],
    queryFn: () => api.post<ActivationStatus>("/api/activation/status", { token }),
    staleTime: Number.POSITIVE_INFINITY,
  });

export function useActivationStatus(token: string) {
  return useQuery(activationQueryOptions(token));
}

/** A step that answers with the new status: the status query takes it, so the page moves on. */
export function useActivationStep<Body extends object>(token: string, path: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) => api.post<ActivationStatus>(`/api/activation/${path}`, { token, ...body }),
    onSuccess: (status) => qc.setQueryData(activationQueryOptions(token).queryKey, status),
  });
}

export function useTotpSetup(token: string, enabled: boolean) {
  return useQuery({
    queryKey: ["activation", token, "totp"],
    queryFn: () => api.post<TotpSetupResponse>("/api/activation/totp/setup", { token }),
    staleTime: Number.POSITIVE_INFINITY,
    enabled,
  });
}

export function useFinishActivation(token: string) {
  return useMutation({ mutationFn: () => api.post<{ step: "done" }>("/api/activation/finish", { token, acceptTerms: true }) });
}

/** Registers a security key (WebAuthn) as the second factor; the status moves on to the terms. */
export function useRegisterKeyDuringActivation(token: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      registerSecurityKey<ActivationStatus>("/api/activation/webauthn/options", "/api/activation/webauthn/verify", { token }),
    onSuccess: (status) => qc.setQueryData(activationQueryOptions(token).queryKey, status),
  });
}
