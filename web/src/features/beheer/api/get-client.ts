import type { ClientDetail } from "@portaal/shared/beheer";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

export const clientQueryOptions = (clientId: string) =>
  queryOptions({
    queryKey: ["beheer", "client", clientId],
    queryFn: () => api.get<ClientDetail>(`/api/beheer/clients/${encodeURIComponent(clientId)}`),
  });

export function useClient(clientId: string) {
  return useQuery(clientQueryOptions(clientId));
}
