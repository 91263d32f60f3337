import type { LoginResponse, TotpRequest } from "@portaal/shared/auth";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { meQueryOptions } from "./get-me";

export function useVerifyTotp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TotpRequest) => api.post<LoginResponse>("/api/auth/totp", body),
    onSuccess: () => qc.invalidateQueries({ queryKey: meQueryOptions().queryKey }),
  });
}
