// Logging in through the browser: staff see Beheer, a parent sees their portals and no Beheer.
import { expect, test } from "@playwright/test";
import { openUserMenu } from "./support/lifecycle";
import { DEMO_PASSWORD, loginAs } from "./support/login";
import { lookAt } from "./support/look";

test("the login page speaks Dutch, explains errors and passes axe", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/inloggen/);
  await expect(page.getByRole("heading", { name: "Inloggen" })).toBeVisible();
  await expect(page.getByText("Zorggroep Het Baken")).toBeVisible();
  await lookAt(page, testInfo, "login");

  await page.getByLabel("E-mailadres").fill("niemand@example.com");
  await page.getByLabel("Wachtwoord").fill("fout-wachtwoord");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("alert")).toContainText("klopt niet");
  await lookAt(page, testInfo, "login-error");
});

test("a staff member logs in and sees the Beheer tab with the client list", async ({ page }, testInfo) => {
  await loginAs(page, "beheer@hetbaken.example");
  await expect(page).toHaveURL(/\/beheer$/);
  const beheer = page.getByRole("link", { name: "Beheer" });
  if (testInfo.project.name === "desktop") await expect(beheer).toBeVisible();
  await expect(page.getByRole("heading", { name: "Cliënten" })).toBeVisible();
  // The demo's 39, and those that client-records.spec.ts created before this spec ran.
  const count = page.getByText(/^\d+ cliënten$/);
  await expect(count).toBeVisible();
  expect(Number.parseInt((await count.textContent()) ?? "0", 10)).toBeGreaterThanOrEqual(39);
  await lookAt(page, testInfo, "beheer-clients");

  await page.getByLabel("Zoek op naam, cliëntnummer of e-mailadres").fill("Jansen");
  await page.getByRole("button", { name: "Zoeken" }).click();
  await expect(page.getByRole("link", { name: "Sanne Jansen" })).toBeVisible();
  await page.getByRole("link", { name: "Sanne Jansen" }).click();
  await expect(page.getByRole("heading", { name: "Sanne Jansen" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Actuele relaties" })).toBeVisible();
  const relations = page.locator("section", { has: page.getByRole("heading", { name: "Actuele relaties" }) });
  await expect(relations.locator("strong", { hasText: "Petra Jansen" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Gebruikerstoegang" })).toBeVisible();
  await lookAt(page, testInfo, "beheer-client");
});

test("a parent logs in, reaches two portals and never sees Beheer", async ({ page }, testInfo) => {
  await loginAs(page, "ouder@example.com");
  await expect(page).toHaveURL(/\/portaal\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { name: "Welkom, Petra Jansen" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Beheer" })).toHaveCount(0);
  await openUserMenu(page, "Petra Jansen");
  await expect(page.getByRole("link", { name: /Sanne Jansen/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Daan Jansen/ })).toBeVisible();
  await lookAt(page, testInfo, "portal-home-menu");

  // The BFF refuses Beheer to a parent, whatever the SPA shows.
  const res = await page.request.get("/api/beheer/clients");
  expect(res.status()).toBe(403);
  await page.goto("/beheer");
  await expect(page.getByRole("alert")).toContainText("alleen voor medewerkers");
});

test("a second factor is required: a half login reaches nothing", async ({ page }) => {
  await page.goto("/inloggen");
  await page.getByLabel("E-mailadres").fill("client@example.com");
  await page.getByLabel("Wachtwoord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("heading", { name: "Verificatiecode" })).toBeVisible();
  expect((await page.request.get("/api/me")).status()).toBe(401);
  await page.getByLabel("Verificatiecode").fill("000000");
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await expect(page.getByRole("alert")).toContainText("klopt niet");
});

test("Noorderlicht has its own portal and does not know Het Baken's accounts", async ({ page }) => {
  const host = `http://noorderlicht.localhost:${new URL(test.info().project.use.baseURL ?? "http://localhost:3100").port}`;
  await page.goto(`${host}/inloggen`);
  await expect(page.getByText("GGZ Noorderlicht")).toBeVisible();
  await page.getByLabel("E-mailadres").fill("ouder@example.com");
  await page.getByLabel("Wachtwoord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("alert")).toContainText("klopt niet");
  await loginAs(page, "client@example.net", { host });
  await expect(page.getByRole("heading", { name: "Welkom, Ruben Visser" })).toBeVisible();
});
