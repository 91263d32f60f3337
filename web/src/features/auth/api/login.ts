import type { LoginRequest, LoginResponse } from "@portaal/shared/auth";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { meQueryOptions } from "./get-me";

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) => api.post<LoginResponse>("/api/auth/login", body),
    onSuccess: (res) => {
      if (res.step === "done") void qc.invalidateQueries({ queryKey: meQueryOptions().queryKey });
    },
  });
}
