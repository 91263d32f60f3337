// Berichten: threads, one thread, writing. The portal and Beheer speak the same thread API, each under
// its own base: /api/portal/:clientId for users, /api/beheer/clients/:clientId for staff.
import type { ThreadDetail, ThreadSummary } from "@portaal/shared/messages";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

export type Side = "portal" | "beheer";

const base = (side: Side, clientId: string) =>
  side === "portal" ? `/api/portal/${encodeURIComponent(clientId)}` : `/api/beheer/clients/${encodeURIComponent(clientId)}`;

export const threadsQueryOptions = (clientId: string) =>
  queryOptions({
    queryKey: ["portal", clientId, "threads"],
    queryFn: () => api.get<{ items: ThreadSummary[] }>(`${base("portal", clientId)}/threads`),
    refetchInterval: 30_000,
  });

export function useThreads(clientId: string) {
  return useQuery(threadsQueryOptions(clientId));
}

export function useInbox(filter: { unread: boolean; clientId?: string | undefined }) {
  const params = new URLSearchParams();
  if (filter.unread) params.set("unread", "1");
  if (filter.clientId) params.set("clientId", filter.clientId);
  return useQuery({
    queryKey: ["beheer", "inbox", filter.unread, filter.clientId ?? null],
    queryFn: () => api.get<{ items: ThreadSummary[] }>(`/api/beheer/inbox?${params}`),
    refetchInterval: 30_000,
  });
}

/** Opening a thread marks it read for this person: the lists and counts are fetched again. */
export function useThread(side: Side, clientId: string | null, threadId: string | null) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: [side, clientId, "thread", threadId],
    queryFn: async () => {
      const detail = await api.get<ThreadDetail>(`${base(side, clientId ?? "")}/threads/${encodeURIComponent(threadId ?? "")}`);
      void qc.invalidateQueries({ queryKey: side === "portal" ? ["portal", clientId, "threads"] : ["beheer", "inbox"] });
      void qc.invalidateQueries({ queryKey: ["portal", clientId, "unread"] });
      return detail;
    },
    enabled: clientId !== null && threadId !== null,
  });
}

export function useWrite(side: Side) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { clientId: string; threadId?: string; subject?: string; body: string }) =>
      input.threadId
        ? api.post<{ id: string }>(`${base(side, input.clientId)}/threads/${encodeURIComponent(input.threadId)}/messages`, {
            body: input.body,
          })
        : api.post<{ id: string }>(`${base(side, input.clientId)}/threads`, { subject: input.subject, body: input.body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: side === "portal" ? ["portal"] : ["beheer"] }),
  });
}
