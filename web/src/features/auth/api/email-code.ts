import type { EmailCodeRequest, LoginResponse } from "@portaal/shared/auth";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { meQueryOptions } from "./get-me";

export function useSendEmailCode() {
  return useMutation({ mutationFn: () => api.post<{ sent: true }>("/api/auth/email-code/send") });
}

export function useVerifyEmailCode() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: EmailCodeRequest) => api.post<LoginResponse>("/api/auth/email-code/verify", body),
    onSuccess: () => qc.invalidateQueries({ queryKey: meQueryOptions().queryKey }),
  });
}
