import type { AppointmentList } from "@portaal/shared/appointments";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

export const appointmentsQueryOptions = (clientId: string) =>
  queryOptions({
    queryKey: ["portal", clientId, "appointments"],
    queryFn: () => api.get<AppointmentList>(`/api/portal/${encodeURIComponent(clientId)}/appointments`),
  });

export function useAppointments(clientId: string) {
  return useQuery(appointmentsQueryOptions(clientId));
}

export function icsUrl(clientId: string, appointmentId: string): string {
  return `/api/portal/${encodeURIComponent(clientId)}/appointments/${encodeURIComponent(appointmentId)}/ics`;
}
