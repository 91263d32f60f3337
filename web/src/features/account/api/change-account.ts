import type { TotpSetupResponse } from "@portaal/shared/activation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { accountQueryOptions } from "./get-account";

/** A POST under /api/account that changes what the overview shows. */
export function useAccountChange<Body = void>(path: (body: Body) => string, payload?: (body: Body) => unknown) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) => api.post<{ ok: true }>(`/api/account/${path(body)}`, payload ? payload(body) : {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountQueryOptions().queryKey }),
  });
}

export function useStartTotpSetup() {
  return useMutation({ mutationFn: () => api.post<TotpSetupResponse>("/api/account/totp/setup") });
}
