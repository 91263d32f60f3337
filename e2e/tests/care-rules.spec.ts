// Care rules (issue 14, parts 2 and 3) from where people start, the portal's address: a client of 17
// switches off and on whether a parent sees the portal (Mijn account → "Wie kan mijn portaal zien"); the
// secretariaat sees a client turning 16 on the Werkvoorraad and records the consent on the client page.
import { type Browser, expect, type Page, test } from "@playwright/test";
import { loginAs } from "./support/login";
import { lookAt } from "./support/look";

/** A browser of its own for a second person, at the size of the project under test. */
async function secondPerson(browser: Browser, phone: boolean): Promise<Page> {
  const ctx = await browser.newContext(phone ? { viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true } : {});
  return ctx.newPage();
}

/** A link of the main navigation, or of the phone menu where the navigation folds away. */
async function navigate(page: Page, name: string) {
  const menu = page.getByRole("button", { name: "Menu", exact: true });
  if (await menu.isVisible()) {
    await menu.click();
    await page.locator("#phone-menu").getByRole("link", { name, exact: true }).click();
  } else {
    await page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name, exact: true }).click();
  }
}

test("a client of 17 decides in Mijn account whether a parent sees the portal", async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  const phone = testInfo.project.name === "phone";
  await loginAs(page, "jesse@example.com");
  if (phone) await page.getByRole("button", { name: "Menu", exact: true }).click();
  await page.getByRole("contentinfo").or(page.locator("#phone-menu")).getByRole("link", { name: "Mijn account" }).first().click();
  await expect(page.getByRole("heading", { name: "Mijn account", level: 1 })).toBeVisible();
  const section = page.getByRole("region", { name: "Wie kan mijn portaal zien" });
  const toggle = section.getByRole("switch", { name: /Marloes Kok/ });
  await expect(toggle).toBeChecked();
  await expect(section.getByText(/Mag uw portaal zien \(sinds/)).toBeVisible();
  await lookAt(page, testInfo, "care-rules-viewers");

  // Switched off: the parent's portal closes at once.
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await expect(section.getByText("Mag uw portaal niet zien.")).toBeVisible();
  const parent = await secondPerson(browser, phone);
  await loginAs(parent, "ouder.jesse@example.com");
  await expect(parent.getByText("Uw account heeft (nog) geen toegang tot een portaal.")).toBeVisible();
  await lookAt(parent, testInfo, "care-rules-parent-closed");

  // Switched on again: the parent's portal opens.
  await toggle.click();
  await expect(toggle).toBeChecked();
  await parent.goto("/");
  await expect(parent).toHaveURL(/\/portaal\/[a-z0-9]+/);
  await expect(parent.getByText("Uw account heeft (nog) geen toegang tot een portaal.")).toHaveCount(0);
  await parent.context().close();
});

test("the secretariaat sees a client turning 16 and records the consent on the client page", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await loginAs(page, "secretariaat@hetbaken.example");
  await navigate(page, "Werkvoorraad");
  await expect(page.getByRole("heading", { name: "Werkvoorraad", level: 1 })).toBeVisible();
  const list = page.getByRole("region", { name: "Binnenkort 16 jaar" });
  const noah = list.getByRole("listitem").filter({ hasText: "Noah de Vries" });
  await expect(noah.getByText(/16 jaar op/)).toBeVisible();
  await expect(noah.getByText("Esther de Vries (nog geen toestemming)")).toBeVisible();
  await lookAt(page, testInfo, "care-rules-birthdays");

  await noah.getByRole("link", { name: "Noah de Vries" }).click();
  await expect(page.getByRole("heading", { name: "Noah de Vries", level: 1 })).toBeVisible();
  const care = page.getByRole("region", { name: "Zorg en leeftijd" });
  await expect(care.getByText("15 jaar")).toBeVisible();
  await care.getByRole("button", { name: "Toestemming van Noah vastleggen voor Esther de Vries" }).click();
  await expect(care.getByText(/Toestemming sinds .* \(van de cliënt, vastgelegd door een medewerker\)/)).toBeVisible();
  await lookAt(page, testInfo, "care-rules-client-page");
  // Back as it was, for the other project's run.
  await care.getByRole("button", { name: "Toestemming intrekken voor Esther de Vries" }).click();
  await expect(care.getByText("Geen toestemming")).toBeVisible();
});
