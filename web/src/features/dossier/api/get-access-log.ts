import type { AccessLogResponse } from "@portaal/shared/dossier";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, query } from "../../../lib/api-client";

/** A period of Dutch days (YYYY-MM-DD, both ends included; empty: open) and a page. */
export interface AccessLogFilter {
  from?: string | undefined;
  to?: string | undefined;
  page: number;
}

export const ACCESS_LOG_PAGE_SIZE = 20;

export const accessLogQueryOptions = (clientId: string, f: AccessLogFilter) =>
  queryOptions({
    queryKey: ["portal", clientId, "access-log", f.from ?? "", f.to ?? "", f.page],
    queryFn: () =>
      api.get<AccessLogResponse>(
        `/api/portal/${encodeURIComponent(clientId)}/access-log${query({
          page: f.page,
          pageSize: ACCESS_LOG_PAGE_SIZE,
          ...(f.from ? { from: f.from } : {}),
          ...(f.to ? { to: f.to } : {}),
        })}`,
      ),
    placeholderData: keepPreviousData,
  });

export function useAccessLog(clientId: string, f: AccessLogFilter) {
  return useQuery(accessLogQueryOptions(clientId, f));
}
