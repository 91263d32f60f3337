// Security keys (WebAuthn) through a CDP virtual authenticator: activate with a key, log in with it.
import { expect, test } from "@playwright/test";
import { activate, addRelationAndActivate, hostOf, logout, openClient, staffPage, tryPassword } from "./support/lifecycle";
import { lookAt } from "./support/look";
import { linkIn, newestMail } from "./support/mail";
import { addVirtualSecurityKey } from "./support/virtual-authenticator";

test("a relation activates with a security key and logs in with it", async ({ page, browser, baseURL, request }, testInfo) => {
  test.setTimeout(120_000);
  const host = hostOf(baseURL);
  const tag = `${testInfo.project.name}${Date.now().toString(36)}`;
  const email = `neef.${tag}@example.org`;
  const name = `Neef Jansen${tag}`;
  const password = "Sleutelbos-Aan-De-Haak-64";
  await addVirtualSecurityKey(page);
  const staff = await staffPage(browser, host, "secretariaat@hetbaken.example");
  await openClient(staff, host, "Sanne Jansen");
  await addRelationAndActivate(staff, "Neef", `Jansen${tag}`, email);
  await activate(page, linkIn(await newestMail(request, email)), { birthDate: "2012-03-14", password, factor: "key", email });
  await expect(page.getByRole("heading", { name: `Welkom, ${name}` })).toBeVisible();

  await logout(page, name);
  await tryPassword(page, email, password);
  await expect(page.getByRole("button", { name: "Inloggen met beveiligingssleutel" })).toBeVisible();
  await lookAt(page, testInfo, "login-security-key");
  await page.getByRole("button", { name: "Inloggen met beveiligingssleutel" }).click();
  await expect(page.getByRole("heading", { name: `Welkom, ${name}` })).toBeVisible();

  await page.goto("/account");
  await expect(page.locator("li.card", { hasText: "Beveiligingssleutel" })).toHaveCount(1);
  // The same key cannot be added twice (after the password is confirmed again, as for every key change).
  await page.getByRole("button", { name: "Beveiligingssleutel toevoegen" }).click();
  const dialog = page.getByRole("dialog", { name: "Bevestig dat u het bent" });
  await dialog.getByLabel("Wachtwoord").fill(password);
  await dialog.getByRole("button", { name: "Bevestigen" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("alert")).toContainText("al gekoppeld");
  await staff.context().close();
});
