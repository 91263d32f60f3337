// The unread count of a portal, for the navigation badge (shared by the shell and the message pages).
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "./api-client";

export const unreadQueryOptions = (clientId: string) =>
  queryOptions({
    queryKey: ["portal", clientId, "unread"],
    queryFn: () => api.get<{ unread: number }>(`/api/portal/${encodeURIComponent(clientId)}/unread`),
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
  });

export function useUnread(clientId: string | undefined) {
  return useQuery({ ...unreadQueryOptions(clientId ?? ""), enabled: Boolean(clientId) });
}
