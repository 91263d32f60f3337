import type { DocumentDetail } from "@portaal/shared/dossier";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

export const documentQueryOptions = (clientId: string, documentId: string) =>
  queryOptions({
    queryKey: ["portal", clientId, "document", documentId],
    queryFn: () => api.get<DocumentDetail>(`/api/portal/${encodeURIComponent(clientId)}/documents/${encodeURIComponent(documentId)}`),
  });

export function useDocument(clientId: string, documentId: string | null) {
  return useQuery({ ...documentQueryOptions(clientId, documentId ?? ""), enabled: documentId !== null });
}

export function documentFileUrl(clientId: string, documentId: string, download = false): string {
  return `/api/portal/${encodeURIComponent(clientId)}/documents/${encodeURIComponent(documentId)}/file${download ? "?download=1" : ""}`;
}
