// Organisatie → Beveiligingsbeleid: the policy and the version a save is made against.
import type { PolicyResponse } from "@portaal/shared/organization-settings";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

export const policyQueryOptions = () =>
  queryOptions({ queryKey: ["organization-policy"], queryFn: () => api.get<PolicyResponse>("/api/beheer/organization/policy") });

export function useOrganizationPolicy() {
  return useQuery(policyQueryOptions());
}
