import type { Overview } from "@portaal/shared/portal";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

export const overviewQueryOptions = (clientId: string) =>
  queryOptions({
    queryKey: ["portal", clientId, "overview"],
    queryFn: () => api.get<Overview>(`/api/portal/${encodeURIComponent(clientId)}/overview`),
  });

export function useOverview(clientId: string) {
  return useQuery(overviewQueryOptions(clientId));
}
