// The portal shell: two portals through the switcher, the overview counts since the previous login,
// the guided tour, Support and Over ons, at desktop and phone size, and axe on each.
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { addActivity } from "./support/fixtures";
import { logout, openUserMenu, tryPassword } from "./support/lifecycle";
import { DEMO_PASSWORD, loginAs } from "./support/login";
import { lookAt } from "./support/look";

const PARENT = "ouder@example.com";

async function counts(page: Page) {
  const list = page.locator(".activity-list");
  await expect(list).toBeVisible();
  return (await list.locator(".activity-count").allTextContents()).map(Number);
}

test("a parent switches between two portals, each with its own overview", async ({ page }, testInfo) => {
  const _phone = testInfo.project.name === "phone";
  await loginAs(page, PARENT);
  await expect(page.getByText(/Portaal van (Sanne|Daan) Jansen/)).toBeVisible();
  const first = (await page.getByText(/Portaal van (Sanne|Daan) Jansen/).textContent()) ?? "";
  const other = first.includes("Sanne") ? "Daan Jansen" : "Sanne Jansen";
  await lookAt(page, testInfo, "home");
  await openUserMenu(page, "Petra Jansen");
  await lookAt(page, testInfo, "switcher");
  await page.getByRole("link", { name: new RegExp(other) }).click();
  await expect(page.getByText(`Portaal van ${other}`)).toBeVisible();
  const url = page.url();
  // The URL carries the portal: a second tab shows the other client.
  const tab = await page.context().newPage();
  await tab.goto(url);
  await expect(tab.getByText(`Portaal van ${other}`)).toBeVisible();
  await tab.close();
  // A portal that is not one's own answers 403 from the BFF.
  const foreign = await page.request.get("/api/portal/aaaaaaaaaaaaaaaa/overview");
  expect(foreign.status()).toBe(403);
});

test("the overview counts what arrived since the previous login, and starts again at the next", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const sanneHome = async () => {
    await page.goto("/");
    const eyebrow = page.getByText(/Portaal van (Sanne|Daan) Jansen/);
    await expect(eyebrow).toBeVisible();
    if (((await eyebrow.textContent()) ?? "").includes("Daan")) {
      await openUserMenu(page, "Petra Jansen");
      await page.getByRole("link", { name: /Sanne Jansen/ }).click();
    }
    await expect(page.getByText("Portaal van Sanne Jansen")).toBeVisible();
  };
  // The trusted device spares the code at every login after the first.
  const relogin = async () => {
    await logout(page, "Petra Jansen");
    await tryPassword(page, PARENT, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/portaal\//);
    await sanneHome();
  };
  await loginAs(page, PARENT, { trustDevice: true });
  await relogin();
  const before = await counts(page);
  addActivity(baseURL, PARENT, "Sanne Jansen");
  await page.reload();
  const after = await counts(page);
  expect(after).toEqual(before.map((n) => n + 1));
  // The login after the items arrived still counts them (they came after the previous login)...
  await relogin();
  expect(await counts(page)).toEqual(after);
  // ...and the next one starts again.
  await relogin();
  expect(await counts(page)).toEqual([0, 0, 0, 0, 0, 0, 0]);
});

test("the guided tour runs start to end and restarts from the footer", async ({ page }, testInfo) => {
  const phone = testInfo.project.name === "phone";
  await loginAs(page, "client@example.com");
  const offer = page.getByRole("button", { name: "Start de rondleiding" });
  const start = async () => {
    if (phone) await page.getByRole("button", { name: "Menu", exact: true }).click();
    await page.getByRole("button", { name: "Rondleiding" }).first().click();
  };
  if (await offer.isVisible()) await offer.click();
  else await start();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: "Welkom in het cliëntenportaal" })).toBeFocused();
  // The overview loads beside the tour; once it is there, the tour counts its parts too.
  await expect(page.locator('[data-tour="activity"]')).toBeVisible();
  await lookAt(page, testInfo, "tour");
  const total = Number(/van (\d+)/.exec((await dialog.locator(".tour-progress").textContent()) ?? "")?.[1]);
  expect(total).toBeGreaterThanOrEqual(6);
  for (let i = 1; i < total; i++) {
    await page.keyboard.press("Tab");
    await dialog.getByRole("button", { name: "Volgende" }).click();
    await expect(dialog.locator(".tour-progress")).toHaveText(`Stap ${i + 1} van ${total}`);
    await expect(page.locator(".tour-highlight")).toHaveCount(1);
    // The card sits beside the part it explains, never over it; a screenshot of each step to look at.
    const part = await page.locator(".tour-highlight").boundingBox();
    const card = await dialog.boundingBox();
    if (!part || !card) throw new Error("tour step without a box");
    const overlaps =
      card.x < part.x + part.width && part.x < card.x + card.width && card.y < part.y + part.height && part.y < card.y + card.height;
    expect(overlaps, `step ${i + 1}: card ${JSON.stringify(card)} over part ${JSON.stringify(part)}`).toBe(false);
    await page.screenshot({ path: path.resolve(import.meta.dirname, `../screenshots/${testInfo.project.name}-tour-step-${i + 1}.png`) });
  }
  await lookAt(page, testInfo, "tour-last");
  await dialog.getByRole("button", { name: "Afronden" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Start de rondleiding" })).toHaveCount(0);
  // Restart from the footer (or the phone menu); Escape closes it.
  await start();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("Support, Over ons and Mijn account are reachable and pass axe", async ({ page }, testInfo) => {
  const phone = testInfo.project.name === "phone";
  await loginAs(page, "client@example.com");
  for (const [link, heading, name] of [
    ["Support", "Support", "support"],
    ["Over ons", "Over ons", "about"],
    ["Mijn account", "Mijn account", "account-page"],
  ] as const) {
    if (phone) await page.getByRole("button", { name: "Menu", exact: true }).click();
    await page.getByRole("contentinfo").or(page.locator("#phone-menu")).getByRole("link", { name: link }).first().click();
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    await lookAt(page, testInfo, name);
  }
  // English is a choice, and it is remembered.
  if (phone) await page.getByRole("button", { name: "Menu", exact: true }).click();
  await page.getByRole("button", { name: "Language: English" }).first().click();
  await expect(page.getByRole("heading", { name: "My account", level: 1 })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "My account", level: 1 })).toBeVisible();
  if (phone) await page.getByRole("button", { name: "Menu", exact: true }).click();
  await page.getByRole("button", { name: "Taal: Nederlands" }).first().click();
  await expect(page.getByRole("heading", { name: "Mijn account", level: 1 })).toBeVisible();
});

test("the layout holds at 320 px wide", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "phone", "one narrow run is enough");
  await page.setViewportSize({ width: 320, height: 640 });
  await loginAs(page, "client@example.com");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await lookAt(page, testInfo, "home-320");
});
