// Dagboek: the person's own entries in a portal, paged; writing, editing (with the version it started
// from), deleting and sharing with the practitioner.
import type { DiaryEntry, DiaryInput, DiaryPage } from "@portaal/shared/diary";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, query } from "../../../lib/api-client";

const base = (clientId: string) => `/api/portal/${encodeURIComponent(clientId)}/diary`;

export function useDiary(clientId: string, page: number) {
  return useQuery({
    queryKey: ["portal", clientId, "diary", page],
    queryFn: () => api.get<DiaryPage>(`${base(clientId)}${query({ page, pageSize: 10 })}`),
    placeholderData: keepPreviousData,
  });
}

type Change =
  | { kind: "create"; input: DiaryInput }
  | { kind: "update"; id: string; version: number; input: DiaryInput }
  | { kind: "delete"; id: string }
  | { kind: "share"; id: string; shared: boolean };

export function useChangeDiary(clientId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (change: Change): Promise<DiaryEntry | null> => {
      switch (change.kind) {
        case "create":
          return api.post<DiaryEntry>(base(clientId), change.input);
        case "update":
          return api.put<DiaryEntry>(`${base(clientId)}/${encodeURIComponent(change.id)}`, { ...change.input, version: change.version });
        case "delete":
          return api.delete(`${base(clientId)}/${encodeURIComponent(change.id)}`);
        case "share":
          return api.post<DiaryEntry>(`${base(clientId)}/${encodeURIComponent(change.id)}/share`, { shared: change.shared });
      }
    },
    onSettled: () => qc.invalidateQueries({ queryKey: ["portal", clientId, "diary"] }),
  });
}
