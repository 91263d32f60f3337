// Client records: create and edit clients, placements/products and relations. Every edit sends the
// version it started from; on a 409 (someone else changed it) the page reloads the client's data.
import type { CreateClient, CreatePlacement, RecordVersion, UpdateClient, UpdatePlacement, UpdateRelation } from "@portaal/shared/beheer";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiRequestError, api } from "../../../lib/api-client";

const base = (clientId: string) => `/api/beheer/clients/${encodeURIComponent(clientId)}`;

function useRecordMutation<B>(fn: (body: B) => Promise<RecordVersion>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: ["beheer"] }),
    // A stale version: show the newest data, so the next attempt starts from it.
    onError: (e) => {
      if (e instanceof ApiRequestError && e.status === 409) void qc.invalidateQueries({ queryKey: ["beheer"] });
    },
  });
}

export function useCreateClient() {
  return useRecordMutation((body: CreateClient) => api.post<RecordVersion>("/api/beheer/clients", body));
}

export function useUpdateClient(clientId: string) {
  return useRecordMutation((body: UpdateClient) => api.patch<RecordVersion>(base(clientId), body));
}

export function useCreatePlacement(clientId: string) {
  return useRecordMutation((body: CreatePlacement) => api.post<RecordVersion>(`${base(clientId)}/placements`, body));
}

export function useUpdatePlacement(clientId: string, placementId: string) {
  return useRecordMutation((body: UpdatePlacement) =>
    api.patch<RecordVersion>(`${base(clientId)}/placements/${encodeURIComponent(placementId)}`, body),
  );
}

export function useUpdateRelation(clientId: string, relationId: string) {
  return useRecordMutation((body: UpdateRelation) =>
    api.patch<RecordVersion>(`${base(clientId)}/relations/${encodeURIComponent(relationId)}`, body),
  );
}

export function useEndRelation(clientId: string, relationId: string) {
  return useRecordMutation((body: { version: number }) =>
    api.post<RecordVersion>(`${base(clientId)}/relations/${encodeURIComponent(relationId)}/end`, body),
  );
}
