// The account lifecycle through the browser, for the zorg preset (Het Baken) and the ggz preset (Noorderlicht):
// staff add a relation and activate access, the relation activates from the e-mail, logs in with each
// factor, trusts the device, gets blocked and unblocked, is reactivated and sets everything anew, is closed.
import { type Browser, expect, type Page, test } from "@playwright/test";
import { loginAs, nextTotpCode } from "./support/login";
import { lookAt } from "./support/look";
import { linkIn, newestMail } from "./support/mail";

function hostOf(baseURL: string | undefined, sub?: string): string {
  const url = new URL(baseURL ?? "http://localhost:3100");
  return sub ? `http://${sub}.localhost:${url.port}` : url.origin;
}

/** Staff work in their own browser context, beside the user's. */
async function staffPage(browser: Browser, host: string, email: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  // Staff confirm every "are you sure?" question.
  page.on("dialog", (d) => void d.accept());
  await loginAs(page, email, { host });
  return page;
}

async function openClient(staff: Page, host: string, name: string) {
  await staff.goto(`${host}/beheer?q=${encodeURIComponent(name)}`);
  await staff.getByRole("link", { name }).first().click();
  await expect(staff.getByRole("heading", { name, level: 1 })).toBeVisible();
}

async function addRelationAndActivate(staff: Page, first: string, last: string, email: string) {
  const form = staff.locator("form", { has: staff.getByRole("heading", { name: "Nieuwe relatie toevoegen" }) });
  await form.getByLabel("Voornaam").fill(first);
  await form.getByLabel("Achternaam").fill(last);
  await form.getByLabel("E-mailadres", { exact: true }).fill(email);
  await form.getByLabel("Rol").selectOption("verwant");
  await form.getByRole("button", { name: "Toevoegen" }).click();
  await expect(form.getByText("De relatie is toegevoegd.")).toBeVisible();
  const card = staff.locator("li.access-card", { hasText: `${first} ${last}` });
  await expect(card.getByText("Geen toegang")).toBeVisible();
  await card.getByRole("button", { name: /Toegang activeren/ }).click();
  await expect(staff.getByText(`${first} ${last} ontvangt een e-mail met een activatielink.`)).toBeVisible();
  await expect(card.getByText("Uitgenodigd")).toBeVisible();
}

async function staffAction(staff: Page, name: string, action: "Deblokkeren" | "Heractiveren" | "Sluiten") {
  await staff.reload();
  const card = staff.locator("li.access-card", { hasText: name });
  await card.getByRole("button", { name: new RegExp(`^${action}`) }).click();
  await expect(staff.getByRole("status").filter({ hasText: name })).toBeVisible();
}

async function logout(page: Page, name: string) {
  await page.getByRole("button", { name: `Menu van ${name}` }).click();
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page).toHaveURL(/inloggen/);
}

async function activate(
  page: Page,
  link: string,
  opts: { birthDate: string; password: string; factor: "app" | "skip"; email: string; look?: (name: string) => Promise<void> },
) {
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Controle van de geboortedatum" })).toBeVisible();
  await opts.look?.("activation-birth-date");
  await page.getByLabel("Geboortedatum").fill("2000-01-01");
  await page.getByRole("button", { name: "Volgende" }).click();
  await expect(page.getByRole("alert")).toContainText("nog 4 keer");
  await page.getByLabel("Geboortedatum").fill(opts.birthDate);
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
    await opts.look?.("activation-totp");
    await page.getByLabel("Verificatiecode").fill(await nextTotpCode(opts.email, secret));
    await page.getByRole("button", { name: "Code bevestigen" }).click();
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

async function tryPassword(page: Page, email: string, password: string) {
  await page.goto("/inloggen");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

test("zorg: activate with an authenticator app, trust the device, block, unblock, reactivate, close", async ({
  page,
  browser,
  baseURL,
  request,
}, testInfo) => {
  test.setTimeout(240_000);
  const host = hostOf(baseURL);
  const tag = `${testInfo.project.name}${Date.now().toString(36)}`;
  const email = `oma.${tag}@example.org`;
  const name = `Oma Jansen${tag}`;
  const password = "Zonnig-Weer-Vandaag-42";
  const staff = await staffPage(browser, host, "secretariaat@hetbaken.example");
  await openClient(staff, host, "Sanne Jansen");
  await addRelationAndActivate(staff, "Oma", `Jansen${tag}`, email);

  const mail = await newestMail(request, email);
  expect(mail.subject).toBe("Activeer uw account voor het Zorggroep Het Baken cliëntenportaal");
  expect(mail.text).not.toContain(password);
  const secret = await activate(page, linkIn(mail), {
    birthDate: "2012-03-14",
    password,
    factor: "app",
    email,
    look: (n) => lookAt(page, testInfo, n),
  });
  await expect(page.getByRole("heading", { name: `Welkom, ${name}` })).toBeVisible();
  // The link works once.
  await page.goto(linkIn(mail));
  await expect(page.getByRole("alert")).toContainText("al gebruikt");

  await test.step("log in with the authenticator and trust this computer", async () => {
    await page.goto("/");
    await logout(page, name);
    await loginAs(page, email, { password, secret, trustDevice: true });
    await logout(page, name);
    await tryPassword(page, email, password);
    await expect(page).toHaveURL(/\/portaal\//);
    await logout(page, name);
  });

  await test.step("five wrong passwords block the account; staff unblock it", async () => {
    for (let i = 0; i < 5; i++) await tryPassword(page, email, `Verkeerd-${i}-wachtwoord`);
    await expect(page.getByRole("alert")).toContainText("geblokkeerd");
    await tryPassword(page, email, password);
    await expect(page.getByRole("alert")).toContainText("geblokkeerd");
    await staffAction(staff, name, "Deblokkeren");
    await tryPassword(page, email, password);
    await expect(page).toHaveURL(/\/portaal\//);
    await logout(page, name);
  });

  await test.step("reactivation sends a new link and everything is set anew", async () => {
    await staffAction(staff, name, "Heractiveren");
    const again = await newestMail(request, email, { after: mail.id });
    await tryPassword(page, email, password);
    await expect(page.getByRole("alert")).toBeVisible();
    const newPassword = "Nieuw-Begin-Na-Heractivatie-7";
    await activate(page, linkIn(again), { birthDate: "2012-03-14", password: newPassword, factor: "app", email });
    await logout(page, name);
    // The old device trust is gone: the code is asked again.
    await tryPassword(page, email, newPassword);
    await expect(page.getByRole("heading", { name: "Verificatiecode" })).toBeVisible();
  });

  await test.step("a closed account cannot log in", async () => {
    await staffAction(staff, name, "Sluiten");
    await tryPassword(page, email, "Nieuw-Begin-Na-Heractivatie-7");
    await expect(page.getByRole("alert")).toContainText("gesloten");
  });
  await staff.context().close();
});

test("ggz: activate without an app, log in with an e-mailed code", async ({ page, browser, baseURL, request }, testInfo) => {
  test.setTimeout(120_000);
  const host = hostOf(baseURL, "noorderlicht");
  const tag = `${testInfo.project.name}${Date.now().toString(36)}`;
  const email = `partner.${tag}@example.org`;
  const name = `Pim Visser${tag}`;
  const password = "lange zin met een teken!";
  const staff = await staffPage(browser, host, "beheer@noorderlicht.example");
  await openClient(staff, host, "Ruben Visser");
  await lookAt(staff, testInfo, "beheer-access");
  await addRelationAndActivate(staff, "Pim", `Visser${tag}`, email);
  const mail = await newestMail(request, email);
  const link = linkIn(mail);
  expect(link.startsWith(host)).toBe(true);
  await activate(page, link, { birthDate: "1991-11-30", password, factor: "skip", email });
  await logout(page, name);

  await page.goto(`${host}/inloggen`);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByText("We hebben een code van 6 cijfers")).toBeVisible();
  const codeMail = await newestMail(request, email, { subject: /verificatiecode/ });
  const code = /(\d{6})/.exec(codeMail.text)?.[1] ?? "";
  await page.getByLabel("Verificatiecode").fill(code);
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await expect(page.getByRole("heading", { name: `Welkom, ${name}` })).toBeVisible();
  await staff.context().close();
});
