// Offered once, after the first login: the guided tour, or no thanks.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../../lib/api-client";
import { useTour } from "../../../lib/tour";
import { overviewQueryOptions } from "../api/get-overview";

export function TourOffer({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const tour = useTour();
  const qc = useQueryClient();
  const dismiss = useMutation({
    mutationFn: () => api.post("/api/me/tour-seen"),
    onSuccess: () => qc.invalidateQueries({ queryKey: overviewQueryOptions(clientId).queryKey }),
  });
  return (
    <section className="panel tour-offer" aria-label={t("nav.rondleiding")}>
      <p>{t("tour.offer")}</p>
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={tour.start}>
          {t("tour.offerStart")}
        </button>
        <button type="button" className="button button-secondary" onClick={() => dismiss.mutate()} disabled={dismiss.isPending}>
          {t("tour.offerSkip")}
        </button>
      </div>
    </section>
  );
}
