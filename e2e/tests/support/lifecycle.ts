// Shared steps of the account lifecycle for e2e specs: staff add and activate a relation, the user activates.
import { type Browser, expect, type Page } from "@playwright/test";
import { loginAs, nextTotpCode } from "./login";

export function hostOf(baseURL: string | undefined, sub?: string): string {
  const url = new URL(baseURL ?? "http://localhost:3100");
  return sub ? `http://${sub}.localhost:${url.port}` : url.origin;
}

/** Staff work in their own browser context, beside the user's. */
export async function staffPage(browser: Browser, host: string, email: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  // Staff confirm every "are you sure?" question.
  page.on("dialog", (d) => void d.accept());
  await loginAs(page, email, { host });
  return page;
}

export async function openClient(staff: Page, host: string, name: string) {
  await staff.goto(`${host}/beheer?q=${encodeURIComponent(name)}`);
  await staff.getByRole("link", { name }).first().click();
  await expect(staff.getByRole("heading", { name, level: 1 })).toBeVisible();
}

export async function addRelationAndActivate(staff: Page, first: string, last: string, email: string) {
  const form = staff.locator("form", { has: staff.getByRole("heading", { name: "Nieuwe relatie toevoegen" }) });
  await form.getByLabel("Voornaam").fill(first);
  await form.getByLabel("Achternaam").fill(last);
  await form.getByLabel("E-mailadres", { exact: true }).fill(email);
  await form.getByLabel("Rol").selectOption("verwant");
  await form.getByRole("button", { name: "Toevoegen" }).click();
  await expect(form.getByText("De relatie is toegevoegd.")).toBeVisible();
  const card = staff.locator("li.access-card", { hasText: `${first} ${last}` });
  await expect(card.getByText("Geen toegang")).toBeVisible();
  // A verwant (no gezag) needs consent first: of the (first) gezag holder for a child, of the client from 16.
  await recordConsent(staff, `${first} ${last}`);
  await card.getByRole("button", { name: /Toegang activeren/ }).click();
  await expect(staff.getByText(`${first} ${last} ontvangt een e-mail met een activatielink.`)).toBeVisible();
  await expect(card.getByText("Uitgenodigd")).toBeVisible();
}

/** Staff record the consent a relation without gezag needs, with the choice the client page offers first. */
export async function recordConsent(staff: Page, name: string) {
  const row = staff.locator("li.consent-row", { hasText: name });
  await row.getByRole("button", { name: new RegExp(`^Toestemming( van .+)? vastleggen voor ${name}$`) }).click();
  await expect(row.getByText(/^Toestemming sinds/)).toBeVisible();
}

export async function staffAction(staff: Page, name: string, action: "Deblokkeren" | "Heractiveren" | "Sluiten") {
  await staff.reload();
  const card = staff.locator("li.access-card", { hasText: name });
  await card.getByRole("button", { name: new RegExp(`^${action}`) }).click();
  await expect(staff.getByRole("status").filter({ hasText: name })).toBeVisible();
}

/** Opens the user's menu: the avatar on desktop, the hamburger on phones. Both hold the portals and logout. */
export async function openUserMenu(page: Page, name: string) {
  const hamburger = page.getByRole("button", { name: "Menu", exact: true });
  const avatar = page.getByRole("button", { name: `Menu van ${name}` });
  // One of the two shows, depending on the width; wait for the shell before choosing.
  await expect(hamburger.or(avatar)).toBeVisible();
  if (await hamburger.isVisible()) await hamburger.click();
  else await avatar.click();
}

export async function logout(page: Page, name: string) {
  await openUserMenu(page, name);
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page).toHaveURL(/inloggen/);
  await expect(page.getByText("U bent uitgelogd.")).toBeVisible();
}

export async function activate(
  page: Page,
  link: string,
  opts: { birthDate: string; password: string; factor: "app" | "skip" | "key"; email: string; look?: (name: string) => Promise<void> },
) {
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Controle van de geboortedatum" })).toBeVisible();
  await opts.look?.("activation-birth-date");
  // Typed the Dutch way, as the hint beside the field says.
  await page.getByLabel("Geboortedatum").fill("31-02-2000");
  await page.getByRole("button", { name: "Volgende" }).click();
  await expect(page.getByText("Vul de geboortedatum in als dag-maand-jaar")).toBeVisible();
  await page.getByLabel("Geboortedatum").fill("01-01-2000");
  await page.getByRole("button", { name: "Volgende" }).click();
  await expect(page.getByRole("alert")).toContainText("nog 4 keer");
  await page.getByLabel("Geboortedatum").fill(opts.birthDate.split("-").reverse().join("-"));
  await page.getByRole("button", { name: "Volgende" }).click();
  await expect(page.getByRole("heading", { name: "Kies een wachtwoord" })).toBeVisible();
  // F5 resumes at the same step.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Kies een wachtwoord" })).toBeVisible();
  await page.getByLabel("Nieuw wachtwoord").fill("kort");
  await opts.look?.("activation-password");
  await page.getByLabel("Herhaal het wachtwoord").fill("kort");
  await page.getByRole("button", { name: "Volgende" }).click();
  await expect(page.getByRole("alert")).toContainText("voldoet niet");
  await page.getByLabel("Nieuw wachtwoord").fill(opts.password);
  await page.getByLabel("Herhaal het wachtwoord").fill(opts.password);
  await page.getByRole("button", { name: "Volgende" }).click();
  await expect(page.getByRole("heading", { name: "Tweestapsverificatie" })).toBeVisible();
  let secret: string | undefined;
  if (opts.factor === "app") {
    await page.getByRole("button", { name: "Authenticator-app op mijn telefoon" }).click();
    secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
    // On the phone that holds the app, the key opens in the app itself.
    await expect(page.getByRole("link", { name: "Open in authenticator-app" })).toHaveAttribute("href", /^otpauth:\/\/totp\/.+secret=/);
    await opts.look?.("activation-totp");
    await page.getByLabel("Verificatiecode").fill(await nextTotpCode(opts.email, secret));
    await page.getByRole("button", { name: "Code bevestigen" }).click();
  } else if (opts.factor === "key") {
    await page.getByRole("button", { name: "Beveiligingssleutel (zoals een YubiKey)" }).click();
  } else {
    await page.getByRole("button", { name: "Nu overslaan en codes per e-mail ontvangen" }).click();
  }
  await expect(page.getByRole("heading", { name: "Gebruiksvoorwaarden" })).toBeVisible();
  await page.getByRole("button", { name: "Account activeren" }).click();
  await expect(page.getByText("Ga akkoord met de gebruiksvoorwaarden om verder te gaan.")).toBeVisible();
  await page.getByLabel("Ik ga akkoord met de gebruiksvoorwaarden").check();
  await page.getByRole("button", { name: "Account activeren" }).click();
  await expect(page).toHaveURL(/\/portaal\/[a-z0-9]+$/);
  return secret;
}

/** A password typed at the login form of this browser, signed out first (a signed-in one goes straight on); its trust stays. */
export async function tryPassword(page: Page, email: string, password: string) {
  await page.context().clearCookies({ name: /sessie/ });
  await page.goto("/inloggen");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
}
