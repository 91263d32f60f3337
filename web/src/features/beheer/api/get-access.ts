import type { AccessPerson } from "@portaal/shared/access";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

export const accessQueryOptions = (clientId: string) =>
  queryOptions({
    queryKey: ["beheer", "access", clientId],
    queryFn: () => api.get<{ people: AccessPerson[] }>(`/api/beheer/clients/${encodeURIComponent(clientId)}/access`),
  });

export function useAccess(clientId: string) {
  return useQuery(accessQueryOptions(clientId));
}
