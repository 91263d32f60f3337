// The organization at this address (name, colour, phone, policy): public, read by the pages at the door.
import type { OrganizationPublic } from "@portaal/shared/auth";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "./api-client";

export const organizationQueryOptions = () =>
  queryOptions({ queryKey: ["organization"], queryFn: () => api.get<OrganizationPublic>("/api/organization"), staleTime: 5 * 60_000 });

export function useOrganization() {
  return useQuery(organizationQueryOptions());
}
