import type { PortalViewersResponse, SetConsent } from "@portaal/shared/care";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

export const portalViewersQueryOptions = () =>
  queryOptions({ queryKey: ["account", "portal-viewers"], queryFn: () => api.get<PortalViewersResponse>("/api/account/portal-viewers") });

export function usePortalViewers(enabled: boolean) {
  return useQuery({ ...portalViewersQueryOptions(), enabled });
}

export function useSetPortalViewer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SetConsent) => api.put<{ ok: true; changed: boolean }>("/api/account/portal-viewers", body),
    onSettled: () => qc.invalidateQueries({ queryKey: portalViewersQueryOptions().queryKey }),
  });
}
