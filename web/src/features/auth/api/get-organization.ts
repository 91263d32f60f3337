import type { OrganizationPublic } from "@portaal/shared/auth";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

export const organizationQueryOptions = () =>
  queryOptions({ queryKey: ["organization"], queryFn: () => api.get<OrganizationPublic>("/api/organization"), staleTime: 5 * 60_000 });

export function useOrganization() {
  return useQuery(organizationQueryOptions());
}
