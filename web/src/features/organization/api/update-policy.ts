// Saves the policy; the policy everyone's pages read (/api/organization, /api/me) is fetched again.
import type { PolicyResponse, UpdatePolicy } from "@portaal/shared/organization-settings";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { organizationQueryOptions } from "../../../lib/organization";
import { meQueryOptions } from "../../auth/api/get-me";
import { policyQueryOptions } from "./get-policy";

export function useUpdatePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdatePolicy) => api.put<PolicyResponse>("/api/beheer/organization/policy", body),
    onSuccess: (saved) => {
      qc.setQueryData(policyQueryOptions().queryKey, saved);
      void qc.invalidateQueries({ queryKey: organizationQueryOptions().queryKey });
      void qc.invalidateQueries({ queryKey: meQueryOptions().queryKey });
    },
  });
}
