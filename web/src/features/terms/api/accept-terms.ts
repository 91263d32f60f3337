import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { meQueryOptions } from "../../auth/api/get-me";

export function useAcceptTerms() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api.post<{ ok: true }>("/api/me/terms", { version }),
    onSuccess: () => qc.invalidateQueries({ queryKey: meQueryOptions().queryKey }),
  });
}
