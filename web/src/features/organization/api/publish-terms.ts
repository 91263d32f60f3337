import type { PublishTermsRequest, PublishTermsResponse } from "@portaal/shared/terms-admin";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { termsVersionsQueryOptions } from "./get-terms-versions";

export function usePublishTerms() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PublishTermsRequest) => api.post<PublishTermsResponse>("/api/beheer/organization/terms", body),
    onSuccess: () => qc.invalidateQueries({ queryKey: termsVersionsQueryOptions().queryKey }),
  });
}
