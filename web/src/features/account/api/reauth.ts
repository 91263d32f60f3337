import type { ReauthRequest } from "@portaal/shared/account";
import { api } from "../../../lib/api-client";

/** Confirms the password or an authenticator code again; the BFF then allows factor changes for a few minutes. */
export function reauthenticate(body: ReauthRequest) {
  return api.post<{ ok: true }>("/api/account/reauth", body);
}
