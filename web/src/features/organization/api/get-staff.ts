// Medewerkers: the staff list (search, filters, paging) and one staff member with their care team.
import type { StaffDetail, StaffListQuery, StaffListResponse } from "@portaal/shared/staff";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, query } from "../../../lib/api-client";

export const STAFF_URL = "/api/beheer/organization/staff";

export const staffListQueryOptions = (q: StaffListQuery) =>
  queryOptions({
    queryKey: ["organization", "staff", "list", q],
    queryFn: () =>
      api.get<StaffListResponse>(`${STAFF_URL}${query({ q: q.q, status: q.status, role: q.role, page: q.page, pageSize: q.pageSize })}`),
    placeholderData: keepPreviousData,
  });

export function useStaffList(q: StaffListQuery) {
  return useQuery(staffListQueryOptions(q));
}

export const staffMemberQueryOptions = (staffId: string) =>
  queryOptions({
    queryKey: ["organization", "staff", "member", staffId],
    queryFn: () => api.get<{ staff: StaffDetail }>(`${STAFF_URL}/${encodeURIComponent(staffId)}`),
  });

export function useStaffMember(staffId: string) {
  return useQuery(staffMemberQueryOptions(staffId));
}
