// Saves the settings; the portal's look (name, colour, logo) comes from /api/organization and /api/me,
// so both are fetched again and the change shows without a reload.
import type { OrganizationSettingsResponse, UpdateOrganizationSettings } from "@portaal/shared/organization-settings";
import { type QueryClient, useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { organizationQueryOptions } from "../../../lib/organization";
import { meQueryOptions } from "../../auth/api/get-me";
import { settingsQueryOptions } from "./get-settings";

/** After a save: the form gets the saved state, the branding everywhere is read again. */
export function settingsSaved(qc: QueryClient, saved: OrganizationSettingsResponse) {
  qc.setQueryData(settingsQueryOptions().queryKey, saved);
  void qc.invalidateQueries({ queryKey: organizationQueryOptions().queryKey });
  void qc.invalidateQueries({ queryKey: meQueryOptions().queryKey });
}

export function useUpdateSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateOrganizationSettings) => api.put<OrganizationSettingsResponse>("/api/beheer/organization/settings", body),
    onSuccess: (saved) => settingsSaved(qc, saved),
  });
}
