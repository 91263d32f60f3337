// Berichten: threads, one thread, writing. The portal and Beheer speak the same thread API, each under
// its own base: /api/portal/:clientId for users, /api/beheer/clients/:clientId for staff.
import type { PortalPeopleResponse, PortalPerson, TeamResponse, ThreadDetail, ThreadSummary } from "@portaal/shared/messages";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { uploadWithProgress } from "../../../lib/upload";

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

/** The client's care team: whom a new conversation can be for. */
export function useTeam(side: Side, clientId: string) {
  return useQuery({
    queryKey: [side, clientId, "team"],
    queryFn: () => api.get<TeamResponse>(`${base(side, clientId)}/team`),
  });
}

/** The people with access to the portal now: who can take part in a conversation (or an appointment is for). */
export function usePortalPeople(side: Side, clientId: string) {
  return useQuery({
    queryKey: [side, clientId, "portal-people"],
    queryFn: () => api.get<PortalPeopleResponse>(`${base(side, clientId)}/${side === "portal" ? "people" : "portal-people"}`),
  });
}

/** Staff add a portal person to a conversation; they then read the whole of it. */
export function useAddParticipant(clientId: string, threadId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (accountId: string) =>
      api.post<{ added: boolean; participants: PortalPerson[] }>(
        `${base("beheer", clientId)}/threads/${encodeURIComponent(threadId)}/participants`,
        { accountId },
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["beheer", clientId, "thread", threadId] }),
  });
}

/** Where an attachment is previewed (inline) or downloaded; the BFF checks the thread on every request. */
export function attachmentUrl(side: Side, clientId: string, threadId: string, attachmentId: string, download = false): string {
  return `${base(side, clientId)}/threads/${encodeURIComponent(threadId)}/attachments/${encodeURIComponent(attachmentId)}${download ? "?download=1" : ""}`;
}

export interface WriteInput {
  clientId: string;
  threadId?: string;
  subject?: string;
  body: string;
  files?: File[];
  /** Part of the team a new conversation is for; undefined: the whole team. */
  staffIds?: string[];
  /** Portal people who take part in a new conversation; undefined: the default (portal: the starter; staff: everyone). */
  participantIds?: string[];
  onProgress?: (fraction: number) => void;
}

/** Text only goes as JSON; with files the same fields go as a form, with upload progress. */
function write(side: Side, input: WriteInput): Promise<{ id: string }> {
  const url = input.threadId
    ? `${base(side, input.clientId)}/threads/${encodeURIComponent(input.threadId)}/messages`
    : `${base(side, input.clientId)}/threads`;
  const fields = input.threadId
    ? { body: input.body }
    : { subject: input.subject, body: input.body, staffIds: input.staffIds, participantIds: input.participantIds };
  if (!input.files?.length) return api.post<{ id: string }>(url, fields);
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (Array.isArray(v)) for (const one of v) form.append(k, one);
    else if (v !== undefined) form.append(k, v);
  }
  for (const file of input.files) form.append("file", file);
  return uploadWithProgress<{ id: string }>(url, form, input.onProgress ?? (() => {}));
}

export function useWrite(side: Side) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: WriteInput) => write(side, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: side === "portal" ? ["portal"] : ["beheer"] }),
  });
}
