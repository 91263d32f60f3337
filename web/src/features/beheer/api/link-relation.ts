import type { LinkRelation } from "@portaal/shared/beheer";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

export function useLinkRelation(clientId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: LinkRelation) =>
      api.post<{ id: string; contactId: string }>(`/api/beheer/clients/${encodeURIComponent(clientId)}/relations/link`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["beheer"] }),
  });
}
