// Organisatie → Instellingen and Beveiligingsbeleid (issue 13, part 3), from where the beheerder starts:
// the portal's address. A colour that fails contrast is refused in Dutch, a darker one is taken at once;
// a logo and an announcement are set; a client sees the announcement on Home; the security policy shows
// where it is weaker than recommended and why, and a change is saved. Everything is put back at the end,
// so the specs after this one see the demo as it was.
import { type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";
import { solidPng } from "../../bff/src/test-support/images";
import { loginAs } from "./support/login";
import { lookAt } from "./support/look";

/** A browser of its own for a second person, at the size of the project under test. */
async function secondPerson(browser: Browser, phone: boolean): Promise<Page> {
  const ctx = await browser.newContext(phone ? { viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true } : {});
  return ctx.newPage();
}

/** Organisatie: in the main navigation on a wide screen, in the phone menu on a phone. */
async function openOrganisatie(page: Page) {
  const menu = page.getByRole("button", { name: "Menu", exact: true });
  await expect(menu.or(page.getByRole("navigation", { name: "Hoofdnavigatie" }))).toBeVisible();
  if (await menu.isVisible()) {
    await menu.click();
    await page.locator("#phone-menu").getByRole("link", { name: "Organisatie", exact: true }).click();
  } else {
    await page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Organisatie", exact: true }).click();
  }
}

type Saved = { settings: Record<string, unknown>; version: number };
type SavedPolicy = { policy: Record<string, unknown>; version: number };

/** Puts the settings and policy back as they were (the beheerder's own session, same origin). */
async function restore(request: APIRequestContext, origin: string, settings: Saved, policy: SavedPolicy) {
  const headers = { Origin: origin };
  const now = (await (await request.get("/api/beheer/organization/settings")).json()) as Saved & { logo: unknown };
  await request.put("/api/beheer/organization/settings", { headers, data: { ...settings.settings, version: now.version } });
  const after = (await (await request.get("/api/beheer/organization/settings")).json()) as Saved & { logo: unknown };
  if (after.logo) await request.post("/api/beheer/organization/settings/logo/remove", { headers, data: { version: after.version } });
  const p = (await (await request.get("/api/beheer/organization/policy")).json()) as SavedPolicy;
  await request.put("/api/beheer/organization/policy", { headers, data: { policy: policy.policy, version: p.version } });
}

test("the beheerder sets colour, logo, announcement and policy; a client sees the announcement", async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(180_000);
  const phone = testInfo.project.name === "phone";
  const origin = new URL(baseURL ?? "http://localhost:3100").origin;

  await loginAs(page, "beheer@hetbaken.example");
  const original = (await (await page.request.get("/api/beheer/organization/settings")).json()) as Saved;
  const originalPolicy = (await (await page.request.get("/api/beheer/organization/policy")).json()) as SavedPolicy;
  try {
    await openOrganisatie(page);
    await expect(page.getByRole("heading", { name: "Instellingen", level: 1 })).toBeVisible();

    // A light blue: white text on it is hard to read. The form says so while typing, the save is refused.
    const colour = page.getByLabel("Hoofdkleur (hexadecimaal)");
    await colour.fill("#7fb3d5");
    await expect(page.getByText(/Contrast met witte tekst: 2,\d\d : 1\. Dat is te weinig/)).toBeVisible();
    await page.getByRole("button", { name: "Instellingen opslaan" }).click();
    await expect(page.getByText(/Witte tekst op deze kleur is slecht leesbaar: het contrast is 2,\d\d : 1/).first()).toBeVisible();
    await lookAt(page, testInfo, "organisatie-instellingen-contrast");

    // A darker blue passes and is used at once, without a reload.
    await colour.fill("#1f4e79");
    await expect(page.getByText(/Contrast met witte tekst: \d+,\d\d : 1\. Dat voldoet/)).toBeVisible();

    // The announcement on Home, from today on.
    await page.getByLabel("Titel van de aankondiging").fill("Open dag op zaterdag");
    await page.getByLabel("Tekst van de aankondiging").fill("Iedereen is welkom op onze open dag, van 10 tot 15 uur.");
    await page.getByRole("button", { name: "Instellingen opslaan" }).click();
    await expect(page.getByText("De instellingen zijn opgeslagen.")).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("style", /--brand:\s*#1f4e79/);

    // A logo: checked by content on the server, shown top left at once.
    await page
      .getByLabel("Nieuw logo kiezen")
      .setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from(solidPng(120, 40)) });
    await expect(page.getByText("Het logo is opgeslagen.")).toBeVisible();
    await expect(page.getByRole("img", { name: "Huidig logo" })).toBeVisible();
    await expect(page.locator("header .logo-image")).toBeVisible();
    await lookAt(page, testInfo, "organisatie-instellingen");

    // A client sees the announcement on Home.
    const client = await secondPerson(browser, phone);
    await loginAs(client, "client@example.com");
    await expect(client.getByRole("heading", { name: "Open dag op zaterdag" })).toBeVisible();
    await expect(client.getByText("Iedereen is welkom op onze open dag, van 10 tot 15 uur.")).toBeVisible();
    await lookAt(client, testInfo, "home-met-aankondiging");
    await client.context().close();

    // Beveiligingsbeleid: each setting weaker than recommended says why that matters.
    await page.locator(".subnav").getByRole("link", { name: "Beveiligingsbeleid" }).click();
    await expect(page.getByRole("heading", { name: "Beveiligingsbeleid", level: 1 })).toBeVisible();
    await expect(page.getByText("4 instellingen zijn zwakker dan aanbevolen")).toBeVisible();
    await expect(page.getByText(/Hoe langer een code geldig blijft, hoe meer codes tegelijk werken/)).toBeVisible();
    await expect(page.getByText(/Zonder beperking per IP-adres kan iemand/)).toBeVisible();
    await lookAt(page, testInfo, "organisatie-beveiligingsbeleid");

    // A bad value is refused in Dutch; then a code valid for 30 seconds instead of five minutes is saved.
    const steps = page.getByLabel(/Geldigheid van een code uit de app/);
    await steps.fill("40");
    await page.getByRole("button", { name: "Beleid opslaan" }).click();
    await expect(page.getByText(/Geldigheid van een code uit de app .* mag hoogstens 20 zijn\./).first()).toBeVisible();
    await steps.fill("1");
    await expect(page.getByText("3 instellingen zijn zwakker dan aanbevolen")).toBeVisible();
    await page.getByRole("button", { name: "Beleid opslaan" }).click();
    await expect(page.getByText(/Het beveiligingsbeleid is opgeslagen/)).toBeVisible();
    await page.reload();
    await expect(page.getByLabel(/Geldigheid van een code uit de app/)).toHaveValue("1");
    await expect(page.getByText(/Hoe langer een code geldig blijft/)).toHaveCount(0);
  } finally {
    await restore(page.request, origin, original, originalPolicy);
  }
});
