import type { AuditVerificationResponse } from "@portaal/shared/audit-log";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { AUDIT_LOG_URL } from "./get-audit-log";
import { auditVerificationQueryOptions } from "./get-audit-verification";

export function useRunAuditVerification() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<AuditVerificationResponse>(`${AUDIT_LOG_URL}/verification`),
    onSuccess: (data) => qc.setQueryData(auditVerificationQueryOptions().queryKey, data),
  });
}
