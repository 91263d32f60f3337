// The client list's search, to pick a client for a care team (a beheerder sees every client).
import type { ClientListResponse } from "@portaal/shared/beheer";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, query } from "../../../lib/api-client";

export const findClientsQueryOptions = (q: string) =>
  queryOptions({
    queryKey: ["organization", "staff", "find-clients", q],
    queryFn: () => api.get<ClientListResponse>(`/api/beheer/clients${query({ q, pageSize: 10 })}`),
    placeholderData: keepPreviousData,
  });

export function useFindClients(q: string) {
  return useQuery({ ...findClientsQueryOptions(q), enabled: q.length >= 2 });
}
