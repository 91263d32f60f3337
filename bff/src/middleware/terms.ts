// The terms of use, enforced by the BFF: a signed-in user who has not accepted the current version gets
// nothing but what it takes to read and accept them (GET /api/me, POST /api/me/terms) or to leave.
import { createMiddleware } from "hono/factory";
import { termsToAccept } from "../db/terms";
import { apiError } from "../lib/http-error";
import type { AppEnv } from "../types";

/** Reading and accepting the terms; logging out and the public organization route sit outside the signed-in routes. */
const OPEN = new Set(["GET /api/me", "POST /api/me/terms"]);

export const TERMS_NOT_ACCEPTED_MESSAGE =
  "Er zijn nieuwe gebruiksvoorwaarden. Lees en accepteer ze eerst; daarna kunt u het portaal weer gebruiken.";

/**
 * After login (behind requireUser): refuses with 403 `terms_not_accepted` while the user has not accepted
 * the organization's newest terms. Clients, relations and staff alike.
 * @example app.use("/api/beheer/*", loadSession({ required: true }), requireUser(), requireAcceptedTerms())
 */
export function requireAcceptedTerms() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const path = c.req.path.length > 1 ? c.req.path.replace(/\/+$/, "") : c.req.path;
    if (OPEN.has(`${c.req.method} ${path}`)) return next();
    if (await termsToAccept(c.var.deps.db, c.var.org.id, c.var.user.id)) {
      return apiError(c, 403, "terms_not_accepted", TERMS_NOT_ACCEPTED_MESSAGE);
    }
    return next();
  });
}
