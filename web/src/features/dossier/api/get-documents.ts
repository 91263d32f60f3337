import type { DocumentKind, DocumentListResponse } from "@portaal/shared/dossier";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, query } from "../../../lib/api-client";

export const documentsQueryOptions = (clientId: string, kind: DocumentKind, q: string, page: number) =>
  queryOptions({
    queryKey: ["portal", clientId, "documents", kind, q, page],
    queryFn: () =>
      api.get<DocumentListResponse>(`/api/portal/${encodeURIComponent(clientId)}/documents${query({ kind, q, page, pageSize: 20 })}`),
    placeholderData: keepPreviousData,
  });

export function useDocuments(clientId: string, kind: DocumentKind, q: string, page: number) {
  return useQuery(documentsQueryOptions(clientId, kind, q, page));
}
