// One's own uploads in a portal, and removing one that staff have not kept yet.
import type { MyUploadsResponse } from "@portaal/shared/dossier";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

export const myUploadsQueryOptions = (clientId: string) =>
  queryOptions({
    queryKey: ["portal", clientId, "my-uploads"],
    queryFn: () => api.get<MyUploadsResponse>(`/api/portal/${encodeURIComponent(clientId)}/uploads`),
  });

export function useMyUploads(clientId: string) {
  return useQuery(myUploadsQueryOptions(clientId));
}

export function useRemoveUpload(clientId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (uploadId: string) => api.delete(`/api/portal/${encodeURIComponent(clientId)}/uploads/${encodeURIComponent(uploadId)}`),
    onSettled: () => qc.invalidateQueries({ queryKey: myUploadsQueryOptions(clientId).queryKey }),
  });
}
