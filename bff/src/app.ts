// Builds the Hono app: middleware, then one sub-app per resource, then the SPA.
import fs from "node:fs";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { databaseErrorCode } from "./db/client";
import { readiness } from "./db/readiness";
import { apiError } from "./lib/http-error";
import { NUL_MESSAGE } from "./lib/validate";
import { noCrossSiteReads } from "./middleware/fetch-site";
import { resolveOrganization } from "./middleware/organization";
import { requestLog } from "./middleware/request-log";
import { noStore, sameOriginOnly, securityHeaders } from "./middleware/security";
import { accountApi } from "./routes/account";
import { authApi } from "./routes/auth";
import { beheerApi } from "./routes/beheer";
import { portalApi } from "./routes/portal";
import { publicApi } from "./routes/public";
import type { AppEnv, Deps } from "./types";

export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  app.use(requestLog());
  app.use(securityHeaders({ production: deps.config.production }));
  app.use("/api/*", noStore());
  // JSON bodies are small; only uploads (multipart, limited per route) may be large.
  const jsonLimit = bodyLimit({
    maxSize: 1024 * 1024,
    onError: (c) => apiError(c, 413, "too_large", "Dit verzoek is te groot. Maak de tekst korter en probeer het opnieuw."),
  });
  app.use("/api/*", (c, next) => (c.req.header("content-type")?.startsWith("multipart/form-data") ? next() : jsonLimit(c, next)));
  // A NUL character in the address (an id, a query value): no id or value holds one, and PostgreSQL takes none.
  app.use("/api/*", async (c, next) => {
    if (c.req.url.includes("%00") || c.req.url.includes("\u0000")) return apiError(c, 400, "invalid_input", NUL_MESSAGE);
    await next();
  });
  app.get("/api/health", (c) => c.json({ status: "ok" }, 200));
  app.get("/api/ready", async (c) => {
    const r = await readiness(deps.db);
    const ready = r.ready && !deps.lifecycle.draining;
    return c.json({ status: ready ? "ready" : "not_ready", ...r.checks, draining: deps.lifecycle.draining }, ready ? 200 : 503);
  });
  // The organization first: its recorded address is the origin that writes may come from.
  app.use("/api/*", resolveOrganization());
  app.use("/api/*", sameOriginOnly());
  // Reads that log a view or mark something read: never set off by another site (issue 12.13).
  app.use("/api/*", noCrossSiteReads());

  // Routes by audience; each index.ts mounts its files and puts its checks in front.
  app.route("/api", publicApi({ demo: deps.config.demo }));
  app.route("/api", authApi());
  // Everything else needs a full login (password and second factor).
  app.route("/api", accountApi());
  app.route("/api/beheer", beheerApi());
  app.route("/api/portal", portalApi());

  app.all("/api/*", (c) => apiError(c, 404, "not_found", "Deze functie van het portaal bestaat niet."));

  if (deps.config.webDist && fs.existsSync(path.join(deps.config.webDist, "index.html"))) {
    const root = deps.config.webDist;
    const indexHtml = fs.readFileSync(path.join(root, "index.html"), "utf8");
    app.use(
      "/assets/*",
      serveStatic({
        root: path.relative(process.cwd(), root),
        onFound: (_p, c) => {
          c.header("Cache-Control", "public, max-age=31536000, immutable");
        },
      }),
    );
    app.use("/*", serveStatic({ root: path.relative(process.cwd(), root) }));
    // Every other path is a route of the SPA.
    app.get("*", (c) => {
      c.header("Cache-Control", "no-cache");
      return c.html(indexHtml);
    });
  }

  app.notFound((c) => apiError(c, 404, "not_found", "Deze pagina bestaat niet."));
  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      const status = err.status;
      if (status === 400)
        return apiError(c, 400, "malformed_request", "Dit verzoek kon niet worden gelezen. Controleer de gegevens en probeer het opnieuw.");
      return apiError(c, status as 400, "http_error", "Dit verzoek kon niet worden verwerkt.");
    }
    // A value the database cannot store as text (PostgreSQL: a NUL or an invalid character) is the request's fault.
    if (INVALID_TEXT_CODES.has(databaseErrorCode(err) ?? "")) return apiError(c, 400, "invalid_input", NUL_MESSAGE);
    // The error's message and stack, never the request's body (it may hold personal data), nor a failed
    // query's parameters (drizzle puts them in its message): the query text and the database's code instead.
    deps.log.error({ err: loggableError(err), route: c.req.routePath }, "unexpected error");
    return apiError(
      c,
      500,
      "internal_error",
      "Er ging aan onze kant iets mis. Probeer het later opnieuw; blijft het misgaan, neem dan contact op met de organisatie.",
    );
  });
  return app;
}

/** PostgreSQL's codes for text it cannot store: character_not_in_repertoire, untranslatable_character. */
const INVALID_TEXT_CODES = new Set(["22021", "22P05"]);

/** What the log gets of an error: for a failed query its SQL (placeholders, no values) and the driver's code. */
export function loggableError(err: Error): Record<string, unknown> {
  const query = (err as { query?: unknown }).query;
  if (typeof query !== "string") return { message: err.message, stack: err.stack };
  const cause = (err as { cause?: Error & { code?: string } }).cause;
  // The stack without its first line, which repeats the message (and with it the parameters).
  const frames = err.stack
    ?.split("\n")
    .filter((l) => l.trimStart().startsWith("at "))
    .join("\n");
  return { message: "database query failed", query, code: cause?.code, cause: cause?.message?.replace(/"[^"]*"/g, '"…"'), stack: frames };
}
