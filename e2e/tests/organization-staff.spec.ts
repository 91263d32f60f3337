// Medewerkers (issue 13, part 3), from where the beheerder starts: the portal's address. She finds a
// begeleider, invites a new secretariaat who activates from the e-mail with an authenticator app, gives
// the begeleider a client in care (and takes it back), and deactivates the new colleague again.
import { type Browser, expect, type Page, test } from "@playwright/test";
import { loginAs, nextTotpCode } from "./support/login";
import { lookAt } from "./support/look";
import { linkIn, newestMail } from "./support/mail";

/** A browser of its own for a second person, at the size of the project under test. */
async function secondPerson(browser: Browser, phone: boolean): Promise<Page> {
  const ctx = await browser.newContext(phone ? { viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true } : {});
  return ctx.newPage();
}

/** A link of the main navigation, or of the phone menu where the navigation folds away. */
async function navigate(page: Page, name: string) {
  const menu = page.getByRole("button", { name: "Menu", exact: true });
  await expect(menu.or(page.getByRole("navigation", { name: "Hoofdnavigatie" }))).toBeVisible();
  if (await menu.isVisible()) {
    await menu.click();
    await page.locator("#phone-menu").getByRole("link", { name, exact: true }).click();
  } else {
    await page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name, exact: true }).click();
  }
}

test("the beheerder finds, invites, gives a client in care and deactivates staff", async ({ page, browser, request }, testInfo) => {
  test.setTimeout(120_000);
  const phone = testInfo.project.name === "phone";
  // Both projects run on one demo database: each invites its own colleague.
  const email = `secretariaat.${testInfo.project.name}@hetbaken.example`;
  const name = `Femke de Boer (${testInfo.project.name})`;
  page.on("dialog", (d) => void d.accept());

  await loginAs(page, "beheer@hetbaken.example");
  await navigate(page, "Organisatie");
  await page.getByRole("navigation", { name: "Onderdelen van Organisatie" }).getByRole("link", { name: "Medewerkers" }).click();
  await expect(page.getByRole("heading", { name: "Medewerkers", level: 1 })).toBeVisible();

  // Find a begeleider by search.
  await page.getByLabel("Zoek op naam of e-mailadres").fill("Demir");
  await page.getByRole("button", { name: "Zoeken" }).click();
  const ayse = page.locator("li.card", { hasText: "Ayse Demir" });
  await expect(ayse).toBeVisible();
  await expect(page.getByText("1 medewerker", { exact: true })).toBeVisible();
  await expect(ayse.getByText("Begeleider", { exact: true })).toBeVisible();
  await lookAt(page, testInfo, "org-staff-list");

  // Give her a client in care: search the client list, add, and the client shows in her care.
  await ayse.getByRole("button", { name: "Beheren Ayse Demir" }).click();
  const care = ayse.getByRole("region", { name: "Cliënten in zorg" });
  await care.getByLabel(/Cliënt toevoegen/).fill("Sanne");
  const sanneRow = care.locator("li", { hasText: "Sanne Jansen" });
  await sanneRow.getByRole("button", { name: "Toevoegen Sanne Jansen" }).click();
  await expect(care.getByText("Sanne Jansen staat nu in de zorg van Ayse Demir.")).toBeVisible();
  await expect(care.getByRole("button", { name: "Verwijderen Sanne Jansen" })).toBeVisible();
  await lookAt(page, testInfo, "org-staff-care-team");
  // And back again, so the demo stays as it was for the next run.
  await care.getByRole("button", { name: "Verwijderen Sanne Jansen" }).click();
  await expect(care.getByText("Sanne Jansen staat niet meer in de zorg van Ayse Demir.")).toBeVisible();

  // Invite a new secretariaat; a duplicate address is refused first.
  const invite = page.getByRole("region", { name: "Nieuwe medewerker uitnodigen" });
  await invite.getByRole("button", { name: "Medewerker uitnodigen" }).click();
  await invite.getByLabel("Naam").fill(name);
  await invite.getByLabel("E-mailadres").fill("begeleider@hetbaken.example");
  await invite.getByLabel("Rol").selectOption("secretariaat");
  await invite.getByRole("button", { name: "Uitnodiging versturen" }).click();
  await expect(invite.getByRole("alert")).toContainText("al een account met dit e-mailadres");
  await lookAt(page, testInfo, "org-staff-invite-error");
  await invite.getByLabel("E-mailadres").fill(email);
  await invite.getByRole("button", { name: "Uitnodiging versturen" }).click();
  await expect(invite.getByText(`De uitnodiging is verstuurd naar ${email}.`)).toBeVisible();

  // The new colleague activates from the e-mail in a browser of their own: no birth date, an app required.
  const mail = await newestMail(request, email);
  expect(mail.subject).toContain("medewerkersaccount");
  const colleague = await secondPerson(browser, phone);
  await colleague.goto(linkIn(mail));
  await expect(colleague.getByRole("heading", { name: "Kies een wachtwoord" })).toBeVisible();
  const password = "Femke-Kiest-Zelf-Een-Wachtwoord-7!";
  await colleague.getByLabel("Nieuw wachtwoord").fill(password);
  await colleague.getByLabel("Herhaal het wachtwoord").fill(password);
  await colleague.getByRole("button", { name: "Volgende" }).click();
  await expect(colleague.getByRole("heading", { name: "Tweestapsverificatie" })).toBeVisible();
  await expect(colleague.getByRole("button", { name: /Nu overslaan/ })).toHaveCount(0);
  await colleague.getByRole("button", { name: "Authenticator-app op mijn telefoon" }).click();
  const secret = ((await colleague.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
  await colleague.getByLabel("Verificatiecode").fill(await nextTotpCode(email, secret));
  await colleague.getByRole("button", { name: "Code bevestigen" }).click();
  await expect(colleague.getByRole("heading", { name: "Gebruiksvoorwaarden" })).toBeVisible();
  await colleague.getByLabel("Ik ga akkoord met de gebruiksvoorwaarden").check();
  await colleague.getByRole("button", { name: "Account activeren" }).click();
  await expect(colleague).toHaveURL(/\/beheer/);
  await expect(colleague.locator("#inhoud")).toBeVisible();

  // The beheerder sees the colleague active, and deactivates them: their open session ends at once.
  await page.getByLabel("Zoek op naam of e-mailadres").fill(email);
  await page.getByRole("button", { name: "Zoeken" }).click();
  const femke = page.locator("li.card", { hasText: email });
  await expect(femke.getByText("Actief", { exact: true })).toBeVisible();
  await femke.getByRole("button", { name: `Beheren ${name}` }).click();
  await lookAt(page, testInfo, "org-staff-member");
  await femke.getByRole("button", { name: `Deactiveren ${name}` }).click();
  await expect(femke.getByText(`${name} is gedeactiveerd; alle sessies zijn beëindigd.`)).toBeVisible();
  await expect(femke.getByText("Gedeactiveerd", { exact: true })).toBeVisible();
  await expect(femke.getByRole("button", { name: `Heractiveren ${name}` })).toBeVisible();

  await colleague.reload();
  await expect(colleague).toHaveURL(/inloggen/);
  await colleague.context().close();
});
