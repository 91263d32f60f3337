import type { ClientListQuery, ClientListResponse } from "@portaal/shared/beheer";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, query } from "../../../lib/api-client";

export const clientsQueryOptions = (q: ClientListQuery) =>
  queryOptions({
    queryKey: ["beheer", "clients", q],
    queryFn: () =>
      api.get<ClientListResponse>(`/api/beheer/clients${query({ q: q.q, page: q.page, pageSize: q.pageSize, toegang: q.toegang })}`),
    placeholderData: keepPreviousData,
  });

export function useClients(q: ClientListQuery) {
  return useQuery(clientsQueryOptions(q));
}
