// The browser side of security keys: ask the BFF for options, let the browser talk to the key, send the answer.
import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import { ApiRequestError, api } from "./api-client";

/** The browser's own errors (cancelled, timed out, not supported) in plain Dutch. */
function keyError(e: unknown): Error {
  if (e instanceof ApiRequestError) return e;
  const name = e instanceof Error ? e.name : "";
  if (name === "NotAllowedError" || name === "AbortError")
    return new ApiRequestError(
      0,
      "key_cancelled",
      "Het gebruik van de beveiligingssleutel is afgebroken of duurde te lang. Probeer het opnieuw.",
    );
  if (name === "InvalidStateError") return new ApiRequestError(0, "key_known", "Deze beveiligingssleutel is al gekoppeld aan uw account.");
  return new ApiRequestError(
    0,
    "key_unsupported",
    "Deze browser kan geen beveiligingssleutel gebruiken. Probeer een andere browser of kies de authenticator-app.",
  );
}

export async function registerSecurityKey<T>(optionsUrl: string, verifyUrl: string, extra: Record<string, unknown>): Promise<T> {
  const optionsJSON = await api.post<Parameters<typeof startRegistration>[0]["optionsJSON"]>(optionsUrl, extra);
  let credential: Awaited<ReturnType<typeof startRegistration>>;
  try {
    credential = await startRegistration({ optionsJSON });
  } catch (e) {
    throw keyError(e);
  }
  return api.post<T>(verifyUrl, { ...extra, credential });
}

export async function authenticateWithSecurityKey<T>(optionsUrl: string, verifyUrl: string, extra: Record<string, unknown>): Promise<T> {
  const optionsJSON = await api.post<Parameters<typeof startAuthentication>[0]["optionsJSON"]>(optionsUrl, {});
  let credential: Awaited<ReturnType<typeof startAuthentication>>;
  try {
    credential = await startAuthentication({ optionsJSON });
  } catch (e) {
    throw keyError(e);
  }
  return api.post<T>(verifyUrl, { ...extra, credential });
}
