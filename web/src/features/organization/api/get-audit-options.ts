import type { AuditFilterOptions } from "@portaal/shared/audit-log";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { AUDIT_LOG_URL } from "./get-audit-log";

export const auditOptionsQueryOptions = () =>
  queryOptions({
    queryKey: ["organization", "audit-log-options"],
    queryFn: () => api.get<AuditFilterOptions>(`${AUDIT_LOG_URL}/options`),
    staleTime: 60_000,
  });

export function useAuditOptions() {
  return useQuery(auditOptionsQueryOptions());
}
