// The diary entries shared with staff for one client, paged.
import type { SharedDiaryPage } from "@portaal/shared/diary";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, query } from "../../../lib/api-client";

export function useSharedDiary(clientId: string, page: number) {
  return useQuery({
    queryKey: ["beheer", clientId, "diary", page],
    queryFn: () => api.get<SharedDiaryPage>(`/api/beheer/clients/${encodeURIComponent(clientId)}/diary${query({ page, pageSize: 10 })}`),
    placeholderData: keepPreviousData,
  });
}
