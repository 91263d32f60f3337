// Mijn account: secret question (checked by staff on the phone), password change, authenticators
// (the last one stays where the policy requires one), sessions; and a forgotten password.
import { expect, test } from "@playwright/test";
import { activate, addRelationAndActivate, hostOf, logout, openClient, staffPage, tryPassword } from "./support/lifecycle";
import { nextTotpCode } from "./support/login";
import { lookAt } from "./support/look";
import { linkIn, newestMail } from "./support/mail";

test("a relation manages their account and resets a forgotten password", async ({ page, browser, baseURL, request }, testInfo) => {
  test.setTimeout(300_000); // a beheerder also logs in to lift a blocked secret check
  const host = hostOf(baseURL);
  const tag = `${testInfo.project.name}${Date.now().toString(36)}`;
  const email = `tante.${tag}@example.org`;
  const name = `Tante Jansen${tag}`;
  const password = "Regenboog-Boven-Zee-31";
  page.on("dialog", (d) => void d.accept());
  const staff = await staffPage(browser, host, "secretariaat@hetbaken.example");
  await openClient(staff, host, "Daan Jansen");
  await addRelationAndActivate(staff, "Tante", `Jansen${tag}`, email);
  await activate(page, linkIn(await newestMail(request, email)), { birthDate: "2015-09-02", password, factor: "app", email });

  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Mijn account", level: 1 })).toBeVisible();
  await expect(page.getByText("Deze sessie")).toBeVisible();
  await lookAt(page, testInfo, "account");

  await test.step("secret question, checked by staff without reading it", async () => {
    await page.getByLabel("Vraag", { exact: true }).fill("Naam van mijn eerste huisdier?");
    await page.getByLabel("Antwoord", { exact: true }).fill("Bello");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByText("Uw geheime vraag is opgeslagen.")).toBeVisible();
    await staff.reload();
    const card = staff.locator("li.access-card", { hasText: name });
    await card.getByText(`Geheime vraag van ${name} controleren`).click();
    await card.getByLabel("Antwoord dat de beller geeft").fill(" bello ");
    await card.getByRole("button", { name: "Controleren" }).click();
    await expect(card.getByText("Het antwoord klopt.")).toBeVisible();
    await card.getByLabel("Antwoord dat de beller geeft").fill("Minoes");
    await card.getByRole("button", { name: "Controleren" }).click();
    await expect(card.getByText("Het antwoord klopt niet. Nog 2 pogingen over")).toBeVisible();
    // Three misses in all: the check stops until a beheerder lifts it, whoever is calling.
    for (const guess of ["Tijger", "Pluis"]) {
      await card.getByLabel("Antwoord dat de beller geeft").fill(guess);
      await card.getByRole("button", { name: "Controleren" }).click();
    }
    await expect(card.getByText(`De geheime vraag van ${name} is geblokkeerd na te veel foute antwoorden.`)).toBeVisible();
    await expect(card.getByText("Een beheerder kan de controle weer vrijgeven.")).toBeVisible();
    await expect(card.getByRole("button", { name: "Controleren" })).toHaveCount(0);
    await lookAt(staff, testInfo, "beheer-secret-check-blocked");
    const beheer = await staffPage(browser, host, "beheer@hetbaken.example");
    await openClient(beheer, host, "Daan Jansen");
    const theirCard = beheer.locator("li.access-card", { hasText: name });
    await theirCard.getByRole("button", { name: "Geheime vraag weer vrijgeven" }).click();
    await expect(theirCard.getByText(`Geheime vraag van ${name} controleren`)).toBeVisible();
    await beheer.context().close();
  });

  const newPassword = "Zeilboot-Op-Het-Meer-58";
  await test.step("change password: the current one is asked", async () => {
    await page.getByLabel("Huidig wachtwoord").fill("niet-het-goede");
    await page.getByLabel("Nieuw wachtwoord").fill(newPassword);
    await page.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
    await expect(page.getByText("Uw huidige wachtwoord klopt niet.")).toBeVisible();
    await page.getByLabel("Huidig wachtwoord").fill(password);
    await page.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
    await expect(page.getByText("Uw wachtwoord is gewijzigd.")).toBeVisible();
  });

  await test.step("a second authenticator can be added after confirming the password; the last one cannot be removed", async () => {
    await page.getByRole("button", { name: "Authenticator-app toevoegen" }).click();
    // Changing how one logs in asks the password again, even right after logging in.
    const dialog = page.getByRole("dialog", { name: "Bevestig dat u het bent" });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Wachtwoord").fill("niet-het-goede");
    await dialog.getByRole("button", { name: "Bevestigen" }).click();
    await expect(dialog.getByRole("alert")).toContainText("klopt niet");
    await lookAt(page, testInfo, "account-reauth");
    await dialog.getByLabel("Wachtwoord").fill(newPassword);
    await dialog.getByRole("button", { name: "Bevestigen" }).click();
    await expect(dialog).toBeHidden();
    const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
    await page.getByLabel("Verificatiecode").fill(await nextTotpCode(`${email}#2`, secret));
    await page.getByRole("button", { name: "Code bevestigen" }).click();
    await expect(page.getByText("De authenticator-app is toegevoegd.")).toBeVisible();
    const remove = page.getByRole("button", { name: /^Verwijderen/ });
    await expect(remove).toHaveCount(2);
    await remove.first().click();
    await expect(remove).toHaveCount(1);
    await remove.first().click();
    await expect(page.getByRole("alert")).toContainText("laatste manier");
    await expect(remove).toHaveCount(1);
    await lookAt(page, testInfo, "account-factors");
  });

  await test.step("forgotten password: a link by e-mail, and the second factor is still asked", async () => {
    await logout(page, name);
    await page.getByRole("link", { name: "Wachtwoord vergeten?" }).click();
    // The login page has an E-mailadres field too: wait for the lazily loaded page before filling.
    await expect(page.getByRole("heading", { name: "Wachtwoord vergeten", level: 1 })).toBeVisible();
    await page.getByLabel("E-mailadres").fill(email);
    await page.getByRole("button", { name: "Link versturen" }).click();
    await expect(page.getByText("Als dit e-mailadres bij een actief account hoort")).toBeVisible();
    await lookAt(page, testInfo, "forgot-password");
    const mail = await newestMail(request, email, { subject: /Nieuw wachtwoord/ });
    await page.goto(linkIn(mail));
    const reset = "Vuurtoren-In-De-Nacht-77";
    await page.getByLabel("Nieuw wachtwoord").fill(reset);
    await page.getByLabel("Herhaal het wachtwoord").fill(reset);
    await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
    await expect(page.getByText("Uw wachtwoord is gewijzigd.")).toBeVisible();
    await tryPassword(page, email, newPassword);
    await expect(page.getByRole("alert")).toContainText("klopt niet");
    await tryPassword(page, email, reset);
    await expect(page.getByRole("heading", { name: "Verificatiecode" })).toBeVisible();
  });
  await staff.context().close();
});
