import type { AuditVerificationResponse } from "@portaal/shared/audit-log";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { AUDIT_LOG_URL } from "./get-audit-log";

export const auditVerificationQueryOptions = () =>
  queryOptions({
    queryKey: ["organization", "audit-verification"],
    queryFn: () => api.get<AuditVerificationResponse>(`${AUDIT_LOG_URL}/verification`),
  });

export function useAuditVerification() {
  return useQuery(auditVerificationQueryOptions());
}
