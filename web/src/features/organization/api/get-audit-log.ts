import type { AuditListQuery, AuditListResponse } from "@portaal/shared/audit-log";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, query } from "../../../lib/api-client";

export const AUDIT_LOG_URL = "/api/beheer/organization/audit-log";

export const auditLogQueryOptions = (q: AuditListQuery) =>
  queryOptions({
    queryKey: ["organization", "audit-log", q],
    queryFn: () =>
      api.get<AuditListResponse>(
        `${AUDIT_LOG_URL}${query({
          clientId: q.clientId,
          actorId: q.actorId,
          action: q.action,
          from: q.from,
          to: q.to,
          before: q.before,
          pageSize: q.pageSize,
        })}`,
      ),
    placeholderData: keepPreviousData,
    // Each read is logged: no refetch because the window got focus again.
    refetchOnWindowFocus: false,
    staleTime: Number.POSITIVE_INFINITY,
  });

export function useAuditLog(q: AuditListQuery) {
  return useQuery(auditLogQueryOptions(q));
}

/** The export's address: the same filters, as a download (the BFF answers with an attachment). */
export function auditExportHref(q: Omit<AuditListQuery, "before" | "pageSize">): string {
  return `${AUDIT_LOG_URL}/export${query({ clientId: q.clientId, actorId: q.actorId, action: q.action, from: q.from, to: q.to })}`;
}
