// The one way the SPA talks to the BFF: same-origin JSON, errors as ApiRequestError with a Dutch message.
import type { ApiError } from "@portaal/shared/errors";

/** The BFF's error shape (shared/errors), checked without pulling zod into the login page's bundle. */
export function isApiError(data: unknown): data is ApiError {
  const error = (data as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === "string" && typeof error.message === "string";
}

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** When the BFF last saw this browser: the session's inactivity clock restarts then. */
let lastActivity = Date.now();
export function lastApiActivity(): number {
  return lastActivity;
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiRequestError(0, "network", "Geen verbinding met het portaal. Controleer uw internetverbinding en probeer het opnieuw.");
  }
  if (res.ok) lastActivity = Date.now();
  const data: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    if (isApiError(data)) throw new ApiRequestError(res.status, data.error.code, data.error.message, data.error.fields);
    throw new ApiRequestError(res.status, "unknown", "Er ging iets mis. Probeer het later opnieuw.");
  }
  return data as T;
}

export const api = {
  get: <T>(url: string) => request<T>("GET", url),
  post: <T>(url: string, body?: unknown) => request<T>("POST", url, body ?? {}),
  put: <T>(url: string, body: unknown) => request<T>("PUT", url, body),
  patch: <T>(url: string, body: unknown) => request<T>("PATCH", url, body),
  delete: (url: string) => request<null>("DELETE", url),
};

export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}
