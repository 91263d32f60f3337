import type { AccessLogResponse } from "@portaal/shared/dossier";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, query } from "../../../lib/api-client";

export const accessLogQueryOptions = (clientId: string, page: number) =>
  queryOptions({
    queryKey: ["portal", clientId, "access-log", page],
    queryFn: () => api.get<AccessLogResponse>(`/api/portal/${encodeURIComponent(clientId)}/access-log${query({ page, pageSize: 20 })}`),
  });

export function useAccessLog(clientId: string, page: number) {
  return useQuery(accessLogQueryOptions(clientId, page));
}
