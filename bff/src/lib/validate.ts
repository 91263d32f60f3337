// zValidator with our error shape: the first problem as the message, every field's problem in `fields`.
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import { z } from "zod";
import { apiError } from "./http-error";

// Zod's own messages (where a shared schema names none) in Dutch, like every other error users see.
z.config(z.locales.nl());

/** Where validate() leaves its target and schema on the middleware, so tests can read them from `app.routes`. */
export const VALIDATION = "__portaalValidation";
export interface RouteValidation {
  target: keyof ValidationTargets;
  schema: z.ZodType;
}

/** The target and schema a route-table handler validates, or undefined when it is no validate() middleware. */
export function validationOf(handler: unknown): RouteValidation | undefined {
  const h = handler as Record<string, unknown> | undefined;
  return (h?.[VALIDATION] ?? (h?.__COMPOSED_HANDLER as Record<string, unknown> | undefined)?.[VALIDATION]) as RouteValidation | undefined;
}

export const NUL_MESSAGE = "Dit verzoek bevat een teken dat niet is toegestaan (een nul-teken). Haal het weg en probeer het opnieuw.";

/** True when a string anywhere in a validated value holds U+0000 (files are bytes, not text: skipped). */
export function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (depth > 20 || value === null || typeof value !== "object" || value instanceof Blob) return false;
  return Object.entries(value).some(([k, v]) => k.includes("\u0000") || holdsNul(v, depth + 1));
}

/**
 * Validates one part of the request with a schema from `shared`.
 * @example app.post("/x", validate("json", XSchema), (c) => { const body = c.req.valid("json"); ... })
 */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  const middleware = zValidator(target, schema, (result, c) => {
    if (result.success) {
      // PostgreSQL stores no NUL character in text (SQLite would): refused on both, before anything is written.
      if (holdsNul(result.data)) return apiError(c, 400, "invalid_input", NUL_MESSAGE);
      return;
    }
    const fields: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const key = issue.path.join(".") || "_";
      fields[key] ??= issue.message;
    }
    const first = result.error.issues[0];
    const message =
      first && first.path.length === 0 && first.code === "invalid_type"
        ? "De gegevens in dit verzoek zijn niet compleet of niet geldig."
        : (first?.message ?? "De gegevens in dit verzoek zijn niet geldig.");
    return apiError(c, 400, "invalid_input", message, fields);
  });
  // A JSON route reads nothing from a form or text body (Hono's validator would see `{}`): say so instead.
  const checked: typeof middleware =
    target === "json"
      ? async (c, next) => {
          const type = c.req.header("content-type");
          if (type !== undefined && !/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type)) {
            return apiError(
              c,
              415,
              "unsupported_media_type",
              "Dit verzoek moet als JSON worden verstuurd. Ververs de pagina en probeer het opnieuw.",
            );
          }
          return middleware(c, next);
        }
      : middleware;
  return Object.assign(checked, { [VALIDATION]: { target, schema } satisfies RouteValidation });
}
