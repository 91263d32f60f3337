// React Query defaults: no retries on 4xx, short stale time; a refusal for new terms shows the terms form.
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiRequestError } from "./api-client";

/**
 * The BFF refuses everything but reading and accepting the terms while a new version waits (403
 * `terms_not_accepted`, e.g. published while this tab was open): ask who the user is again, and the
 * signed-in frame shows the terms form instead of the page (SignedIn → TermsGate).
 */
function onRefused(error: unknown) {
  if (error instanceof ApiRequestError && error.code === "terms_not_accepted") {
    void queryClient.invalidateQueries({ queryKey: ["me"] });
  }
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onRefused }),
  mutationCache: new MutationCache({ onError: onRefused }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      retry: (failures, error) => !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500) && failures < 2,
      refetchOnWindowFocus: true,
    },
  },
});
