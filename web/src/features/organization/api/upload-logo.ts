// Uploads or removes the logo image; the BFF checks its content (PNG or WebP) and size.
import type { OrganizationSettingsResponse } from "@portaal/shared/organization-settings";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { uploadWithProgress } from "../../../lib/upload";
import { settingsSaved } from "./update-settings";

export function useUploadLogo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, version }: { file: File; version: number }) => {
      const form = new FormData();
      form.set("version", String(version));
      form.set("file", file);
      return uploadWithProgress<OrganizationSettingsResponse>("/api/beheer/organization/settings/logo", form, () => {});
    },
    onSuccess: (saved) => settingsSaved(qc, saved),
  });
}

export function useRemoveLogo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api.post<OrganizationSettingsResponse>("/api/beheer/organization/settings/logo/remove", { version }),
    onSuccess: (saved) => settingsSaved(qc, saved),
  });
}
