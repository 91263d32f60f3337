import type { WorkQueueResponse } from "@portaal/shared/access";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

export const workQueueQueryOptions = () =>
  queryOptions({ queryKey: ["beheer", "work-queue"], queryFn: () => api.get<WorkQueueResponse>("/api/beheer/work-queue") });

export function useWorkQueue() {
  return useQuery(workQueueQueryOptions());
}
