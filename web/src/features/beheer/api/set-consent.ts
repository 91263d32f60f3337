import type { SetConsent } from "@portaal/shared/care";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { accessQueryOptions } from "./get-access";
import { clientQueryOptions } from "./get-client";

/** Records (or revokes) the client's consent that a parent or guardian with gezag keeps access after 16. */
export function useSetConsent(clientId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SetConsent) =>
      api.post<{ ok: true; changed: boolean }>(`/api/beheer/clients/${encodeURIComponent(clientId)}/consents`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: clientQueryOptions(clientId).queryKey });
      void qc.invalidateQueries({ queryKey: accessQueryOptions(clientId).queryKey });
    },
  });
}
