import type { ContactSummary } from "@portaal/shared/beheer";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, query } from "../../../lib/api-client";

export const contactsQueryOptions = (q: string) =>
  queryOptions({
    queryKey: ["beheer", "contacts", q],
    queryFn: () => api.get<{ items: ContactSummary[] }>(`/api/beheer/contacts${query({ q })}`),
    enabled: q.trim().length >= 2,
  });

export function useContactSearch(q: string) {
  return useQuery(contactsQueryOptions(q));
}
