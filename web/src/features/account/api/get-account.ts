import type { AccountOverview } from "@portaal/shared/account";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

export const accountQueryOptions = () => queryOptions({ queryKey: ["account"], queryFn: () => api.get<AccountOverview>("/api/account") });

export function useAccount() {
  return useQuery(accountQueryOptions());
}
