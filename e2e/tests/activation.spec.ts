// The account lifecycle through the browser, for the zorg preset (Het Baken) and the ggz preset (Noorderlicht):
// staff add a relation and activate access, the relation activates from the e-mail, logs in with each
// factor, trusts the device, gets blocked and unblocked, is reactivated and sets everything anew, is closed.
import { expect, test } from "@playwright/test";
import { activate, addRelationAndActivate, hostOf, logout, openClient, staffAction, staffPage, tryPassword } from "./support/lifecycle";
import { loginAs } from "./support/login";
import { lookAt } from "./support/look";
import { linkIn, newestMail } from "./support/mail";

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
  // Not a dead end: the organization's page, with the way to log in.
  await expect(page.locator(".auth-org")).toHaveText(/Het Baken/);
  await lookAt(page, testInfo, "activation-used-link");
  // Still signed in from the activation: the login page takes the person straight to their portal.
  await page.getByRole("link", { name: "Naar inloggen" }).click();
  await expect(page.getByRole("heading", { name: `Welkom, ${name}` })).toBeVisible();

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
    // Every wrong password gets the same answer, also the one that blocks: a stranger learns nothing.
    for (let i = 0; i < 5; i++) {
      await tryPassword(page, email, `Verkeerd-${i}-wachtwoord`);
      await expect(page.getByRole("alert")).toContainText("klopt niet");
    }
    // The holder is told by e-mail, and only the right password hears of the block, with whom to call.
    const blocked = await newestMail(request, email, { subject: /geblokkeerd/ });
    expect(blocked.text).toContain("Bel Zorggroep Het Baken");
    await tryPassword(page, email, password);
    await expect(page.getByRole("alert")).toContainText("geblokkeerd");
    await expect(page.getByRole("alert")).toContainText("Bel Zorggroep Het Baken");
    await lookAt(page, testInfo, "login-blocked");
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
  test.setTimeout(240_000);
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

  await page.goto(`${host}/`);
  // Noorderlicht's purple at the door too, as inside the portal.
  await expect(page.getByRole("button", { name: "Inloggen" })).toHaveCSS("background-color", "rgb(74, 58, 140)");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByText("We hebben een code van 6 cijfers")).toBeVisible();
  const codeMail = await newestMail(request, email, { subject: /verificatiecode/ });
  const code = /(\d{6})/.exec(codeMail.text)?.[1] ?? "";
  // A wrong code's error goes once the code is typed again.
  await page.getByLabel("Verificatiecode").fill(code === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await expect(page.getByRole("alert")).toContainText("klopt niet");
  await page.getByLabel("Verificatiecode").fill(code);
  await expect(page.getByRole("alert")).toHaveCount(0);
  // "Vertrouw deze computer" is offered with e-mailed codes too.
  await page.getByLabel("Vertrouw deze computer voor een week").check();
  await lookAt(page, testInfo, "login-email-code");
  const [resend, back] = [
    page.getByRole("button", { name: "Stuur een nieuwe code" }),
    page.getByRole("button", { name: "Terug naar inloggen" }),
  ];
  const [a, b] = [await resend.boundingBox(), await back.boundingBox()];
  expect(a && b && (b.x >= a.x + a.width + 8 || b.y >= a.y + a.height)).toBe(true);
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await expect(page.getByRole("heading", { name: `Welkom, ${name}` })).toBeVisible();
  await logout(page, name);
  // The trusted browser skips the code.
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("heading", { name: `Welkom, ${name}` })).toBeVisible();
  await staff.context().close();
});
