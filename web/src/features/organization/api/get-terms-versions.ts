import type { TermsVersionsResponse } from "@portaal/shared/terms-admin";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

export const termsVersionsQueryOptions = () =>
  queryOptions({
    queryKey: ["organization", "terms"],
    queryFn: () => api.get<TermsVersionsResponse>("/api/beheer/organization/terms"),
  });

export function useTermsVersions() {
  return useQuery(termsVersionsQueryOptions());
}
