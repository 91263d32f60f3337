// Medewerkers: invite, change role, the state actions and the care team. Every change refreshes the list.
import type { InviteStaff, StaffAction, StaffChangeResponse, StaffRoleInputSchema } from "@portaal/shared/staff";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { api } from "../../../lib/api-client";
import { STAFF_URL } from "./get-staff";

const member = (staffId: string) => `${STAFF_URL}/${encodeURIComponent(staffId)}`;

function useStaffMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // The list and the open staff member both show the change (and a 409 means: look again).
    onSettled: () => qc.invalidateQueries({ queryKey: ["organization", "staff"] }),
  });
}

export function useInviteStaff() {
  return useStaffMutation((body: InviteStaff) => api.post<StaffChangeResponse>(STAFF_URL, body));
}

export function useChangeStaffRole(staffId: string) {
  return useStaffMutation((body: { role: z.infer<typeof StaffRoleInputSchema>; version: number }) =>
    api.post<StaffChangeResponse>(`${member(staffId)}/role`, body),
  );
}

export function useStaffAction(staffId: string) {
  return useStaffMutation(({ action, version }: { action: StaffAction; version: number }) =>
    api.post<StaffChangeResponse>(`${member(staffId)}/${action}`, { version }),
  );
}

export function useAddToCareTeam(staffId: string) {
  return useStaffMutation((clientId: string) => api.post<StaffChangeResponse>(`${member(staffId)}/care-team`, { clientId }));
}

export function useRemoveFromCareTeam(staffId: string) {
  return useStaffMutation((clientId: string) => api.delete(`${member(staffId)}/care-team/${encodeURIComponent(clientId)}`));
}
