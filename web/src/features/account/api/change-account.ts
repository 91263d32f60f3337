import type { TotpSetupResponse } from "@portaal/shared/activation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { useWithReauth } from "../components/reauth-dialog";
import { accountQueryOptions } from "./get-account";

/**
 * A POST under /api/account that changes what the overview shows. Where the BFF first wants the password
 * confirmed again (factors, trusted devices), the dialog asks for it and the change is sent again.
 */
export function useAccountChange<Body = void>(path: (body: Body) => string, payload?: (body: Body) => unknown) {
  const qc = useQueryClient();
  const withReauth = useWithReauth();
  return useMutation({
    mutationFn: (body: Body) => withReauth(() => api.post<{ ok: true }>(`/api/account/${path(body)}`, payload ? payload(body) : {})),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: accountQueryOptions().queryKey });
      // A first factor may lift the policy's "set one up first" (me.secondFactorSetupRequired).
      void qc.invalidateQueries({ queryKey: ["me"] });
    },
  });
}

export function useStartTotpSetup() {
  const withReauth = useWithReauth();
  return useMutation({ mutationFn: () => withReauth(() => api.post<TotpSetupResponse>("/api/account/totp/setup")) });
}
