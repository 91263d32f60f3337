// Beheer: the organization's questionnaires and modules (ready ones and self-built), and building one.
import type { QuestionnaireInput, QuestionnaireSummary } from "@portaal/shared/modules";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

export const questionnairesQueryOptions = () =>
  queryOptions({
    queryKey: ["beheer", "questionnaires"],
    queryFn: () => api.get<{ items: QuestionnaireSummary[] }>("/api/beheer/questionnaires"),
  });

export function useQuestionnaires() {
  return useQuery(questionnairesQueryOptions());
}

export function useCreateQuestionnaire() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: QuestionnaireInput) => api.post<{ id: string }>("/api/beheer/questionnaires", input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["beheer", "questionnaires"] }),
  });
}
