import { useMutation } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) => api.post<{ sent: true; message: string }>("/api/auth/password-reset/request", { email }),
  });
}

export function useCompletePasswordReset() {
  return useMutation({
    mutationFn: (body: { token: string; password: string }) => api.post<{ ok: true }>("/api/auth/password-reset/complete", body),
  });
}
