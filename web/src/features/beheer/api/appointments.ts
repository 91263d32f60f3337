// Staff: a client's appointments.
import type { AppointmentInput, AppointmentUpdate, StaffAppointmentList } from "@portaal/shared/appointments";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

const base = (clientId: string) => `/api/beheer/clients/${encodeURIComponent(clientId)}/appointments`;

export const staffAppointmentsQueryOptions = (clientId: string) =>
  queryOptions({ queryKey: ["beheer", "appointments", clientId], queryFn: () => api.get<StaffAppointmentList>(base(clientId)) });

export function useStaffAppointments(clientId: string) {
  return useQuery(staffAppointmentsQueryOptions(clientId));
}

export function useSaveAppointment(clientId: string) {
  const qc = useQueryClient();
  return useMutation({
    // A change carries the version it was made on (input is then an AppointmentUpdate); a 409 means
    // someone else changed it first, so the list is fetched again either way.
    mutationFn: ({ id, input }: { id?: string; input: AppointmentInput | AppointmentUpdate }) =>
      api.post<{ id?: string }>(id ? `${base(clientId)}/${encodeURIComponent(id)}` : base(clientId), input),
    onSettled: () => qc.invalidateQueries({ queryKey: staffAppointmentsQueryOptions(clientId).queryKey }),
  });
}
