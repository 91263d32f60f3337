// Reads that write (the NEN 7513 log of a view or a download, a conversation marked read) must not be
// set off by another website: a link, an image or a frame elsewhere makes the browser send the request.
import { createMiddleware } from "hono/factory";
import { apiError } from "../lib/http-error";
import type { AppEnv } from "../types";

/**
 * Refuses API reads that a browser says come from another site (`Sec-Fetch-Site: cross-site`), or from
 * another address under the same domain (`same-site`: the organizations' portals are sibling addresses,
 * like noorderlicht.localhost and localhost, and one may not act on the other). The SPA's own requests
 * are `same-origin`, an address typed or opened from outside the browser is `none`, and clients that send
 * no such header (not a browser) are let through: the header only tells what a browser knows.
 * @example app.use("/api/*", noCrossSiteReads())
 */
export function noCrossSiteReads() {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") return next();
    const site = c.req.header("sec-fetch-site");
    if (site === "cross-site" || site === "same-site") {
      return apiError(
        c,
        403,
        "cross_site",
        "Dit verzoek kwam via een andere website en is geweigerd. Open het cliëntenportaal zelf en kies daar wat u wilt zien.",
      );
    }
    return next();
  });
}
