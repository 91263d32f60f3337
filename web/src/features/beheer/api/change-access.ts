import type { AccessAction, ActivateAccess, SecretCheckResponse } from "@portaal/shared/access";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { accessQueryOptions } from "./get-access";

export function useActivateAccess(clientId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ActivateAccess) =>
      api.post<{ accountId: string; invited: boolean }>(`/api/beheer/clients/${encodeURIComponent(clientId)}/access/activate`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: accessQueryOptions(clientId).queryKey }),
  });
}

export function useAccessAction(clientId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ accountId, action }: { accountId: string; action: AccessAction }) =>
      api.post<{ ok: true }>(`/api/beheer/clients/${encodeURIComponent(clientId)}/access/${encodeURIComponent(accountId)}/${action}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: accessQueryOptions(clientId).queryKey }),
  });
}

const secretCheckUrl = (clientId: string, accountId: string) =>
  `/api/beheer/clients/${encodeURIComponent(clientId)}/access/${encodeURIComponent(accountId)}/secret-check`;

export function useSecretCheck(clientId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ accountId, answer }: { accountId: string; answer: string }) =>
      api.post<SecretCheckResponse>(secretCheckUrl(clientId, accountId), { answer }),
    // The last allowed miss blocks the check: the list shows it.
    onSettled: (r) => {
      if (!r || r.attemptsLeft === 0) void qc.invalidateQueries({ queryKey: accessQueryOptions(clientId).queryKey });
    },
  });
}

export function useSecretCheckReset(clientId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (accountId: string) => api.post<{ ok: true }>(`${secretCheckUrl(clientId, accountId)}/reset`),
    onSuccess: () => qc.invalidateQueries({ queryKey: accessQueryOptions(clientId).queryKey }),
  });
}
