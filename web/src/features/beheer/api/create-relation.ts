import type { CreateRelation } from "@portaal/shared/beheer";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

export function useCreateRelation(clientId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRelation) =>
      api.post<{ id: string; contactId: string }>(`/api/beheer/clients/${encodeURIComponent(clientId)}/relations`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["beheer"] }),
  });
}
