// What anyone may read before logging in: health and the organization's look.
import type { OrganizationPublic } from "@portaal/shared/auth";
import { Hono } from "hono";
import { findOrganizationLogo } from "../../db/organization-settings";
import { filePolicy } from "../../lib/file-response";
import { apiError } from "../../lib/http-error";
import { allowRevalidation } from "../../middleware/security";
import type { AppEnv } from "../../types";

export function organizationRoutes() {
  return new Hono<AppEnv>()
    .get("/", (c) => {
      const { org } = c.var;
      const body: OrganizationPublic = {
        name: org.name,
        policy: org.policy,
        phone: org.phone,
        primaryColor: org.primaryColor,
        logoText: org.logoText,
        logoUrl: org.logoUrl,
        supportText: org.supportText,
        aboutText: org.aboutText,
      };
      return c.json(body, 200);
    })
    .get("/logo", async (c) => {
      // Stored only after its bytes proved to be PNG or WebP; sent as that type and never sniffed as more.
      const logo = await findOrganizationLogo(c.var.deps.db, c.var.org.id);
      if (!logo) return apiError(c, 404, "no_logo", "Deze organisatie heeft geen logo ingesteld.");
      const etag = `"${logo.sha256}"`;
      filePolicy(c);
      allowRevalidation(c);
      c.header("ETag", etag);
      c.header("X-Content-Type-Options", "nosniff");
      c.header("Cross-Origin-Resource-Policy", "same-origin");
      if (c.req.header("if-none-match") === etag) return c.body(null, 304);
      c.header("Content-Type", logo.mime);
      c.header("Content-Disposition", `inline; filename="logo.${logo.mime === "image/webp" ? "webp" : "png"}"`);
      return c.body(new Uint8Array(logo.bytes), 200);
    });
}
