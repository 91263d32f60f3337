import type { MeResponse } from "@portaal/shared/auth";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { ApiRequestError, api } from "../../../lib/api-client";

/** The signed-in user, or null when there is no (complete) session. */
export async function getMe(): Promise<MeResponse | null> {
  try {
    return await api.get<MeResponse>("/api/me");
  } catch (e) {
    if (e instanceof ApiRequestError && e.status === 401) return null;
    throw e;
  }
}

export const meQueryOptions = () => queryOptions({ queryKey: ["me"], queryFn: getMe, staleTime: 60_000 });

export function useMe() {
  return useQuery(meQueryOptions());
}
