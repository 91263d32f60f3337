// Staff: a client's documents, shares and uploads.
import type { StaffDocumentList, UploadItem } from "@portaal/shared/dossier";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { uploadWithProgress } from "../../../lib/upload";

const base = (clientId: string) => `/api/beheer/clients/${encodeURIComponent(clientId)}`;

export const staffDocumentsQueryOptions = (clientId: string) =>
  queryOptions({ queryKey: ["beheer", "documents", clientId], queryFn: () => api.get<StaffDocumentList>(`${base(clientId)}/documents`) });

export function useStaffDocuments(clientId: string) {
  return useQuery(staffDocumentsQueryOptions(clientId));
}

export function useCreateDocument(clientId: string, onProgress: (f: number) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (form: FormData) => uploadWithProgress<{ id: string }>(`${base(clientId)}/documents`, form, onProgress),
    onSuccess: () => qc.invalidateQueries({ queryKey: staffDocumentsQueryOptions(clientId).queryKey }),
  });
}

export function useShareDocument(clientId: string) {
  const qc = useQueryClient();
  return useMutation({
    // `expected`: whom it was shared with when the card was loaded; a 409 means someone else changed it
    // first, so the list is fetched again either way.
    mutationFn: ({ documentId, accountIds, expected }: { documentId: string; accountIds: string[]; expected: string[] }) =>
      api.post<{ added: number; removed: number }>(`${base(clientId)}/documents/${encodeURIComponent(documentId)}/shares`, {
        accountIds,
        expected,
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: staffDocumentsQueryOptions(clientId).queryKey }),
  });
}

export function staffDocumentFileUrl(clientId: string, documentId: string): string {
  return `${base(clientId)}/documents/${encodeURIComponent(documentId)}/file`;
}

export const uploadsQueryOptions = (clientId: string) =>
  queryOptions({ queryKey: ["beheer", "uploads", clientId], queryFn: () => api.get<{ items: UploadItem[] }>(`${base(clientId)}/uploads`) });

export function useUploads(clientId: string) {
  return useQuery(uploadsQueryOptions(clientId));
}

export function useKeepUpload(clientId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (uploadId: string) => api.post<{ ok: true }>(`${base(clientId)}/uploads/${encodeURIComponent(uploadId)}/keep`),
    onSuccess: () => qc.invalidateQueries({ queryKey: uploadsQueryOptions(clientId).queryKey }),
  });
}

export function uploadFileUrl(clientId: string, uploadId: string): string {
  return `${base(clientId)}/uploads/${encodeURIComponent(uploadId)}/file`;
}
