// React Query defaults: no retries on 4xx, short stale time.
import { QueryClient } from "@tanstack/react-query";
import { ApiRequestError } from "./api-client";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      retry: (failures, error) => !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500) && failures < 2,
      refetchOnWindowFocus: true,
    },
  },
});
