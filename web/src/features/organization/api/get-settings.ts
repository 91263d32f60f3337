// Organisatie → Instellingen: what the beheerder edits, with the version a save is made against.
import type { OrganizationSettingsResponse } from "@portaal/shared/organization-settings";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

export const settingsQueryOptions = () =>
  queryOptions({
    queryKey: ["organization-settings"],
    queryFn: () => api.get<OrganizationSettingsResponse>("/api/beheer/organization/settings"),
  });

export function useOrganizationSettings() {
  return useQuery(settingsQueryOptions());
}
