// Beheer: what a client's portal has to fill in, assigning more, and reading submitted answers.
import type { AssignInput, AssignmentDetail, AssignmentPage, QuestionnaireSummary } from "@portaal/shared/modules";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

const base = (clientId: string) => `/api/beheer/clients/${encodeURIComponent(clientId)}/assignments`;

export function useClientAssignments(clientId: string, page: number) {
  return useQuery({
    queryKey: ["beheer", clientId, "assignments", page],
    queryFn: () => api.get<AssignmentPage>(`${base(clientId)}?page=${page}`),
    placeholderData: keepPreviousData,
  });
}

export function useQuestionnaireChoices() {
  return useQuery({
    queryKey: ["beheer", "questionnaires"],
    queryFn: () => api.get<{ items: QuestionnaireSummary[] }>("/api/beheer/questionnaires"),
  });
}

export function useSubmittedAnswers(clientId: string, assignmentId: string | null) {
  return useQuery({
    queryKey: ["beheer", clientId, "assignment", assignmentId],
    queryFn: () => api.get<AssignmentDetail>(`${base(clientId)}/${encodeURIComponent(assignmentId ?? "")}`),
    enabled: assignmentId !== null,
  });
}

export function useAssign(clientId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AssignInput) => api.post<{ id: string }>(base(clientId), input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["beheer", clientId, "assignments"] }),
  });
}

export function useAssignablePeople(clientId: string) {
  return useQuery({
    queryKey: ["beheer", clientId, "assignable"],
    queryFn: () => api.get<{ people: { accountId: string; name: string; role: string }[] }>(`${base(clientId)}/people`),
  });
}
