// Aan de slag in a portal: what is waiting, one questionnaire with its answers, saving and submitting.
import type { AnswerValue, AssignmentDetail, AssignmentPage } from "@portaal/shared/modules";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

const base = (clientId: string) => `/api/portal/${encodeURIComponent(clientId)}/assignments`;

export function useAssignments(clientId: string, page: number) {
  return useQuery({
    queryKey: ["portal", clientId, "assignments", page],
    queryFn: () => api.get<AssignmentPage>(`${base(clientId)}?page=${page}`),
    placeholderData: keepPreviousData,
  });
}

export function useAssignment(clientId: string, id: string) {
  return useQuery({
    queryKey: ["portal", clientId, "assignment", id],
    queryFn: () => api.get<AssignmentDetail>(`${base(clientId)}/${encodeURIComponent(id)}`),
    // Local answers are the truth while filling in: no refetch on focus that could reset the form.
    refetchOnWindowFocus: false,
  });
}

export function saveAnswers(clientId: string, id: string, answers: Record<string, AnswerValue>) {
  return api.put<{ saved: number; savedAt: number }>(`${base(clientId)}/${encodeURIComponent(id)}/answers`, { answers });
}

/** When the page is being left: the browser still sends this after the tab closes. */
export function saveAnswersOnLeave(clientId: string, id: string, answers: Record<string, AnswerValue>) {
  void fetch(`${base(clientId)}/${encodeURIComponent(id)}/answers`, {
    method: "PUT",
    credentials: "same-origin",
    keepalive: true,
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ answers }),
  }).catch(() => undefined);
}

export function useSubmit(clientId: string, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ status: string }>(`${base(clientId)}/${encodeURIComponent(id)}/submit`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["portal", clientId] }),
  });
}
