// Organisatie → Instellingen: name, logo, colour, phone, Support and Over ons texts and the announcement
// on Home. Every save names the version it was made against; an older one gets 409, never a lost update.
import {
  LOGO_TYPES,
  LogoFormSchema,
  LogoVersionSchema,
  MAX_LOGO_BYTES,
  UpdateOrganizationSettingsSchema,
} from "@portaal/shared/organization-settings";
import type { Context } from "hono";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { auditRequest } from "../../../audit/request";
import { writeTx } from "../../../db/client";
import { readOrganizationSettings, saveOrganizationLogo, saveOrganizationSettings } from "../../../db/organization-settings";
import { forgetCachedOrganizations } from "../../../db/organizations";
import { checkFile } from "../../../files/store";
import { apiError } from "../../../lib/http-error";
import { validate } from "../../../lib/validate";
import { requireCan } from "../../../middleware/session";
import type { AppEnv } from "../../../types";

const TOO_BIG = `Dit logo is te groot. Het mag hoogstens ${MAX_LOGO_BYTES / 1024} kB zijn; sla het kleiner op en probeer het opnieuw.`;
const NOT_AN_IMAGE =
  "Dit bestand is geen PNG- of WebP-afbeelding. Een logo moet een PNG- of WebP-bestand zijn; de inhoud telt, niet de naam.";

// The form's own fields and multipart framing on top of the image.
const logoLimit = bodyLimit({ maxSize: MAX_LOGO_BYTES + 16 * 1024, onError: (c) => apiError(c, 413, "too_large", TOO_BIG) });

function stale(c: Context<AppEnv>) {
  return apiError(
    c,
    409,
    "stale_settings",
    "Iemand anders heeft de instellingen intussen gewijzigd. Uw wijziging is niet opgeslagen: ververs de pagina, bekijk de nieuwe instellingen en breng uw wijziging opnieuw aan.",
  );
}

/** Which fields changed, with short values as they were and are; long texts only as "changed". */
function changes(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changed: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    const [b, a] = [before[key], after[key]];
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    changed[key] =
      key === "supportText" || key === "aboutText" ? { changed: true, length: String(a).length } : { before: b ?? null, after: a };
  }
  return changed;
}

export function settingsRoutes() {
  return new Hono<AppEnv>()
    .use(requireCan("organization.manage"))
    .get("/", async (c) => {
      const settings = await readOrganizationSettings(c.var.deps.db, c.var.org.id);
      if (!settings) return apiError(c, 404, "not_found", "Deze organisatie bestaat niet.");
      return c.json(settings, 200);
    })
    .put("/", validate("json", UpdateOrganizationSettingsSchema), async (c) => {
      const { db } = c.var.deps;
      const { version, ...input } = c.req.valid("json");
      const result = await writeTx(db, async (tx) => {
        const r = await saveOrganizationSettings(tx, c.var.org.id, version, input, Date.now());
        if (r.ok)
          await auditRequest(
            c,
            {
              action: "organization.settings.update",
              objectType: "organization",
              objectId: c.var.org.id,
              details: changes(r.before, input),
            },
            tx,
          );
        return r;
      });
      if (!result.ok) return result.reason === "stale" ? stale(c) : apiError(c, 404, "not_found", "Deze organisatie bestaat niet.");
      // This process reads the organization from a cache: the next request sees the change.
      await forgetCachedOrganizations(db);
      return c.json(await readOrganizationSettings(db, c.var.org.id), 200);
    })
    .post("/logo", logoLimit, validate("form", LogoFormSchema), async (c) => {
      const { db } = c.var.deps;
      const { version, file } = c.req.valid("form");
      if (file.size > MAX_LOGO_BYTES) return apiError(c, 413, "too_large", TOO_BIG, { file: TOO_BIG });
      const bytes = new Uint8Array(await file.arrayBuffer());
      const check = await checkFile(bytes, file.name);
      if (!check.ok && check.code !== "type_not_allowed") return apiError(c, 400, check.code, check.message, { file: check.message });
      if (!check.ok || !(check.mime in LOGO_TYPES)) return apiError(c, 400, "type_not_allowed", NOT_AN_IMAGE, { file: NOT_AN_IMAGE });
      const result = await writeTx(db, async (tx) => {
        const r = await saveOrganizationLogo(tx, c.var.org.id, version, { mime: check.mime, bytes }, Date.now());
        if (r.ok) {
          await auditRequest(
            c,
            {
              action: "organization.logo.update",
              objectType: "organization",
              objectId: c.var.org.id,
              details: { mime: check.mime, size: bytes.byteLength, sha256: r.sha256, replaced: r.hadLogo },
            },
            tx,
          );
        }
        return r;
      });
      if (!result.ok) return stale(c);
      await forgetCachedOrganizations(db);
      return c.json(await readOrganizationSettings(db, c.var.org.id), 200);
    })
    .post("/logo/remove", validate("json", LogoVersionSchema), async (c) => {
      const { db } = c.var.deps;
      const { version } = c.req.valid("json");
      const result = await writeTx(db, async (tx) => {
        const r = await saveOrganizationLogo(tx, c.var.org.id, version, null, Date.now());
        if (r.ok)
          await auditRequest(
            c,
            {
              action: "organization.logo.remove",
              objectType: "organization",
              objectId: c.var.org.id,
              details: { hadLogo: r.hadLogo },
            },
            tx,
          );
        return r;
      });
      if (!result.ok) return stale(c);
      await forgetCachedOrganizations(db);
      return c.json(await readOrganizationSettings(db, c.var.org.id), 200);
    });
}
