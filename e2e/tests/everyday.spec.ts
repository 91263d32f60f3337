// The everyday path (issue 11): a parent of two children always sees whose portal a page belongs to;
// on a phone the bottom bar fits with 44 px targets and phone numbers can be called with one tap.
import { expect, type Page, test } from "@playwright/test";
import { openUserMenu } from "./support/lifecycle";
import { DEMO_PASSWORD, nextTotpCode } from "./support/login";
import { lookAt } from "./support/look";

const PARENT = "ouder@example.com";

/** Logs in where a person starts: the portal's address. */
async function loginFromPortalAddress(page: Page, email: string) {
  await page.goto("/");
  await expect(page).toHaveURL(/\/inloggen/);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.getByLabel("Verificatiecode").fill(await nextTotpCode(email));
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await expect(page).toHaveURL(/\/portaal\/[a-z0-9]+$/);
}

/** Opens a section the way a person does: the top navigation, or on a phone the bottom bar (and its "Meer"). */
async function openSection(page: Page, phone: boolean, label: string) {
  const nav = page.getByRole("navigation", { name: phone ? "Onderdelen" : "Hoofdnavigatie" });
  const link = nav.getByRole("link", { name: new RegExp(`^${label}`) });
  if (phone && !(await link.isVisible())) await nav.getByRole("button", { name: "Meer" }).click();
  await link.click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

test("a parent of two children sees whose portal every page belongs to", async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const phone = testInfo.project.name === "phone";
  await loginFromPortalAddress(page, PARENT);
  const portalOf = page.getByTestId("portal-of");
  const first = ((await portalOf.textContent()) ?? "").replace("Portaal van ", "");
  expect(["Sanne Jansen", "Daan Jansen"]).toContain(first);
  const other = first === "Sanne Jansen" ? "Daan Jansen" : "Sanne Jansen";

  for (const child of [first, other]) {
    if (child === other) {
      await openUserMenu(page, "Petra Jansen");
      await page.getByRole("link", { name: new RegExp(other) }).click();
    }
    await expect(portalOf).toHaveText(`Portaal van ${child}`);
    for (const section of ["Dossier", "Verslagen", "Afspraken", "Berichten", "Dagboek", "Aan de slag"]) {
      await openSection(page, phone, section);
      await expect(page.getByRole("heading", { name: section, level: 1 })).toBeVisible();
      await expect(portalOf).toHaveText(`Portaal van ${child}`);
      // Every portal page passes axe (all WCAG 2.1 A/AA rules, label-in-name included), once.
      if (child === first) await lookAt(page, testInfo, `portal-of-${section.toLowerCase().replace(/ /g, "-")}`);
      if (section === "Dossier") {
        await expect(page.getByRole("heading", { name: `Document uploaden naar het dossier van ${child}` })).toBeVisible();
        await page.getByRole("link", { name: "Wie heeft de gedeelde stukken bekeken?" }).click();
        await expect(portalOf).toHaveText(`Portaal van ${child}`);
        if (child === first) await lookAt(page, testInfo, "portal-of-access-log");
      }
      if (section === "Berichten") {
        await page.getByRole("button", { name: "Nieuw bericht" }).click();
        await expect(page.getByRole("heading", { name: `Nieuw bericht in het portaal van ${child}` })).toBeVisible();
        if (child === first) await lookAt(page, testInfo, "portal-of-compose");
      }
    }
  }
});

test("phone: the bottom bar fits on one line with 44 px targets, and phone numbers are tel: links", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "phone", "the bottom bar is the phone's");
  await loginFromPortalAddress(page, "client@example.com");
  const bar = page.getByRole("navigation", { name: "Onderdelen" });
  for (const width of [412, 320]) {
    await page.setViewportSize({ width, height: 800 });
    const targets = bar.locator(":scope > ul > li > a, :scope > ul > li > button");
    await expect(targets).toHaveCount(5);
    for (const target of await targets.all()) {
      const box = await target.boundingBox();
      expect(box?.width, `${await target.textContent()} at ${width} px`).toBeGreaterThanOrEqual(44);
      expect(box?.height).toBeGreaterThanOrEqual(44);
      // One line: the label is no taller than one line of its text.
      const label = target.locator(".bottombar-label");
      const { height, lineHeight } = await label.evaluate((el) => ({
        height: el.getBoundingClientRect().height,
        lineHeight: Number.parseFloat(getComputedStyle(el).lineHeight),
      }));
      expect(height, `${await label.textContent()} at ${width} px`).toBeLessThanOrEqual(lineHeight * 1.2);
    }
  }
  await page.setViewportSize({ width: 412, height: 839 });
  await bar.getByRole("button", { name: "Meer" }).click();
  await expect(bar.getByRole("link", { name: "Aan de slag" })).toBeVisible();
  await lookAt(page, testInfo, "bottombar-more");
  await page.keyboard.press("Escape");
  await expect(bar.getByRole("link", { name: "Aan de slag" })).toHaveCount(0);

  // The crisis notice's number (and 112 where it is named) are calls, one tap away.
  await expect(page.locator(".crisis-notice").getByRole("link", { name: "0123 - 45 67 89" })).toHaveAttribute("href", "tel:0123456789");
  await openSection(page, true, "Afspraken");
  await expect(page.getByRole("link", { name: "0123 - 45 67 89" }).first()).toHaveAttribute("href", "tel:0123456789");
  await openSection(page, true, "Berichten");
  await page.getByRole("button", { name: "Nieuw bericht" }).click();
  await expect(page.getByRole("link", { name: "112", exact: true })).toHaveAttribute("href", "tel:112");
});
