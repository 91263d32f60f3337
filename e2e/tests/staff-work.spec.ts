// The secretariaat's everyday work (issue 11, points 6–8 and 10), from where people start: the portal's
// address or an e-mail's link. A relation asks to close their account and gets blocked; the secretariaat
// finds it in the Werkvoorraad, finds the person by e-mail, reads them the secret question and closes the
// account. Staff move and cancel an appointment; the parent sees it changed and the .ics follows.
import fs from "node:fs/promises";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { activate, addRelationAndActivate, hostOf, tryPassword } from "./support/lifecycle";
import { loginAs } from "./support/login";
import { lookAt } from "./support/look";
import { linkIn, newestMail } from "./support/mail";

/** Opens `start` (the portal's address, or a link from an e-mail) and logs in on the page it leads to. */
async function signInFrom(page: Page, start: string, email: string) {
  await loginAs(page, email, { start });
}

/** A browser of its own for a second person, at the size of the project under test. */
async function secondPerson(browser: Browser, phone: boolean): Promise<Page> {
  const ctx = await browser.newContext(phone ? { viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true } : {});
  const page = await ctx.newPage();
  page.on("dialog", (d) => void d.accept());
  return page;
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

test("a close request and a blocked account reach the secretariaat, who finds the person and closes the account", async ({
  page,
  browser,
  request,
}, testInfo) => {
  test.setTimeout(240_000);
  const phone = testInfo.project.name === "phone";
  const tag = `${testInfo.project.name}${Date.now().toString(36)}`;
  const email = `oom.${tag}@example.org`;
  const name = `Oom Jansen${tag}`;
  const password = "Wolkenkrabber-Aan-Zee-42";
  page.on("dialog", (d) => void d.accept());

  // The secretariaat starts at the portal's address and lands in Beheer.
  await signInFrom(page, "/", "secretariaat@hetbaken.example");
  await expect(page.getByRole("heading", { name: "Cliënten", level: 1 })).toBeVisible();
  await page.getByLabel("Zoek op naam, cliëntnummer of e-mailadres").fill("Daan Jansen");
  await page.getByRole("button", { name: "Zoeken" }).click();
  await page.getByRole("link", { name: "Daan Jansen" }).click();
  await expect(page.getByRole("heading", { name: "Daan Jansen", level: 1 })).toBeVisible();
  await addRelationAndActivate(page, "Oom", `Jansen${tag}`, email);

  // The relation activates from the e-mail, sets a secret question and asks to close the account.
  const person = await secondPerson(browser, phone);
  await activate(person, linkIn(await newestMail(request, email)), { birthDate: "2015-09-02", password, factor: "app", email });
  const menu = person.getByRole("button", { name: "Menu", exact: true });
  if (await menu.isVisible()) await menu.click();
  await person.getByRole("contentinfo").or(person.locator("#phone-menu")).getByRole("link", { name: "Mijn account" }).first().click();
  await expect(person.getByRole("heading", { name: "Mijn account", level: 1 })).toBeVisible();
  await person.getByLabel("Vraag", { exact: true }).fill("Waar gingen we elke zomer naartoe?");
  await person.getByLabel("Antwoord", { exact: true }).fill("Texel");
  await person.getByRole("button", { name: "Opslaan" }).click();
  await expect(person.getByText("Uw geheime vraag is opgeslagen.")).toBeVisible();
  await person.getByRole("button", { name: "Vragen om mijn account te sluiten" }).click();
  await expect(person.getByText(/gevraagd om uw account te sluiten/)).toBeVisible();
  await lookAt(person, testInfo, "account-close-requested");
  // Someone tries the account with wrong passwords until it blocks.
  // Every wrong password gets the same answer (issue 12); only the right one hears of the block.
  for (let i = 0; i < 5; i++) await tryPassword(person, email, "Niet-Het-Goede-1");
  await expect(person.getByRole("alert")).toContainText("klopt niet");
  await tryPassword(person, email, password);
  await expect(person.getByRole("alert")).toContainText("geblokkeerd");
  await person.context().close();

  // The secretariaat is e-mailed: the policy's subject, no name, a link to the client page.
  const mail = await newestMail(request, "secretariaat@hetbaken.example", { subject: /cliëntenportaal/ });
  expect(mail.text).toContain("Er wacht een verzoek om een account van het cliëntenportaal te sluiten.");
  expect(`${mail.text}${mail.html}`).not.toContain(tag);
  expect(`${mail.text}${mail.html}`).not.toContain("Daan");
  const clientLink = /(https?:\/\/\S+\/beheer\/clienten\/[a-z0-9]+)/.exec(mail.text)?.[1] ?? "";
  expect(clientLink).not.toBe("");

  await test.step("the Werkvoorraad lists the close request and the block with its reason", async () => {
    await navigate(page, "Werkvoorraad");
    await expect(page.getByRole("heading", { name: "Werkvoorraad", level: 1 })).toBeVisible();
    const rows = page.locator("li.work-item", { hasText: name });
    await expect(rows.filter({ hasText: "Vraagt om het account te sluiten" })).toBeVisible();
    const blocked = rows.filter({ hasText: "Account geblokkeerd" });
    await expect(blocked.getByText("Geblokkeerd: te vaak een onjuist wachtwoord")).toBeVisible();
    await expect(blocked.getByRole("link", { name: "Daan Jansen" })).toBeVisible();
    await lookAt(page, testInfo, "werkvoorraad");
  });

  await test.step("the person who phones in is found by e-mail, with the client they relate to", async () => {
    await navigate(page, "Beheer");
    await page.getByLabel("Zoek op naam, cliëntnummer of e-mailadres").fill(email);
    await page.getByRole("button", { name: "Zoeken" }).click();
    const card = page.locator("li.card", { has: page.getByRole("link", { name: "Daan Jansen" }) });
    await expect(card.getByText(`Gevonden via relatie: ${name} (verwant, ${email})`)).toBeVisible();
    await expect(card.locator(".access-states li", { hasText: name })).toContainText("Geblokkeerd");
    await expect(card.locator(".access-states li", { hasText: name })).toContainText("vraagt om sluiten");
    await expect(card.locator(".access-states li", { hasText: "Petra Jansen" })).toContainText("Actief");
    await lookAt(page, testInfo, "beheer-search-relation");
    // The filter finds clients by the state of someone's access.
    await page.getByLabel("Zoek op naam, cliëntnummer of e-mailadres").fill("");
    await page.getByRole("button", { name: "Zoeken" }).click();
    await page.getByLabel("Toegang").selectOption({ label: "Vraagt om sluiten" });
    await expect(page).toHaveURL(/toegang=sluitverzoek/);
    await expect(page.getByRole("link", { name: "Daan Jansen" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Sanne Jansen" })).toHaveCount(0);
  });

  await test.step("on the client page (from the e-mail's link): the request, the question read out, the account closed", async () => {
    await page.goto(clientLink);
    await expect(page.getByRole("heading", { name: "Daan Jansen", level: 1 })).toBeVisible();
    const card = page.locator("li.access-card", { hasText: name });
    await expect(card.getByText(`${name} vroeg op`)).toBeVisible();
    await expect(card.getByText("Geblokkeerd: te vaak een onjuist wachtwoord")).toBeVisible();
    await card.getByText(`Geheime vraag van ${name} controleren`).click();
    await expect(card.getByText("Waar gingen we elke zomer naartoe?")).toBeVisible();
    await expect(card.getByText("Texel")).toHaveCount(0);
    await card.getByLabel("Antwoord dat de beller geeft").fill("texel");
    await card.getByRole("button", { name: "Controleren" }).click();
    await expect(card.getByText("Het antwoord klopt.")).toBeVisible();
    await lookAt(page, testInfo, "beheer-close-request");
    await card.getByRole("button", { name: /^Account sluiten/ }).click();
    await expect(page.getByText(`Het account van ${name} is gesloten.`)).toBeVisible();
    await expect(card.getByText("Gesloten", { exact: true })).toBeVisible();
    await expect(card.getByText(`${name} vroeg op`)).toHaveCount(0);
  });

  await test.step("and it leaves the Werkvoorraad", async () => {
    await navigate(page, "Werkvoorraad");
    await expect(page.getByRole("heading", { name: "Werkvoorraad", level: 1 })).toBeVisible();
    await expect(page.locator("li.work-item", { hasText: name })).toHaveCount(0);
  });
});

test("staff move and then cancel an appointment; the parent sees it changed and the .ics follows", async ({
  page,
  browser,
  baseURL,
  request,
}, testInfo) => {
  test.setTimeout(180_000);
  const phone = testInfo.project.name === "phone";
  const host = hostOf(baseURL);
  const place = `Spreekkamer ${testInfo.project.name} ${Date.now().toString(36)}`;
  const when = new Date(Date.now() + 4 * 86_400_000);
  const day = when.toISOString().slice(0, 10);

  const staff = await secondPerson(browser, phone);
  await signInFrom(staff, `${host}/`, "begeleider@hetbaken.example");
  await staff.getByLabel("Zoek op naam, cliëntnummer of e-mailadres").fill("Sanne Jansen");
  await staff.getByRole("button", { name: "Zoeken" }).click();
  await staff.getByRole("link", { name: "Sanne Jansen" }).click();
  await expect(staff.getByRole("heading", { name: "Sanne Jansen", level: 1 })).toBeVisible();
  await staff.getByText("Afspraak toevoegen").click();
  await staff.getByLabel("Datum en tijd").first().fill(`${day}T10:00`);
  await staff.getByLabel("Locatie").first().fill(place);
  await staff.getByRole("button", { name: "Toevoegen", exact: true }).last().click();
  await expect(staff.getByText("De afspraak is opgeslagen.")).toBeVisible();

  const card = staff.locator("li.staff-appointment", { hasText: place });
  await card.locator("summary", { hasText: "Wijzigen" }).click();
  const form = card.getByRole("form");
  await form.getByLabel("Datum en tijd").fill(`${day}T15:30`);
  await form.getByLabel("Locatie").fill(`${place} (kamer 2)`);
  await form.getByLabel("Omschrijving (niet verplicht)").fill("Kennismaking met de nieuwe begeleider");
  await form.getByRole("button", { name: "Opslaan" }).click();
  await expect(card.getByText("De wijziging is opgeslagen.")).toBeVisible();
  await expect(card.getByText("Gewijzigd", { exact: true })).toBeVisible();
  await lookAt(staff, testInfo, "beheer-appointment-edit");

  // The parent hears of it by e-mail (no content) and starts at the portal's address.
  const mail = await newestMail(request, "ouder@example.com", { subject: /cliëntenportaal/ });
  expect(mail.text).not.toContain(place);
  await signInFrom(page, "/", "ouder@example.com");
  await expect(page.getByRole("heading", { name: /Welkom, Petra Jansen/ })).toBeVisible();
  const sanneId = /\/beheer\/clienten\/([a-z0-9]+)/.exec(staff.url())?.[1] ?? "";
  await page.goto(`/portaal/${sanneId}`);
  await expect(page.locator(".activity-list")).toContainText(/nieuwe of gewijzigde afspra(ak|ken)/);
  await page
    .locator(".activity-list")
    .getByRole("link", { name: /nieuwe of gewijzigde afspra/ })
    .click();
  await expect(page.getByRole("heading", { name: "Afspraken", level: 1 })).toBeVisible();
  const mine = page.locator("li.card", { hasText: place });
  await expect(mine).toContainText("15:30");
  await expect(mine).toContainText("Gewijzigd");
  await expect(mine).toContainText("Kennismaking met de nieuwe begeleider");
  await lookAt(page, testInfo, "appointments-changed");
  const ics = async () => {
    const download = page.waitForEvent("download");
    await mine.getByRole("link", { name: /In mijn agenda zetten/ }).click();
    return fs.readFile((await (await download).path()) ?? "", "utf8");
  };
  const moved = await ics();
  expect(moved).toContain("SEQUENCE:1");
  expect(moved).toContain("STATUS:CONFIRMED");
  const uid = /UID:(\S+)/.exec(moved)?.[1];

  // Staff cancel it; the portal and the calendar file say so, under the same UID.
  await card.getByRole("button", { name: "Afspraak afzeggen" }).click();
  await expect(card.locator(".badge", { hasText: "Afgezegd" })).toBeVisible();
  await page.reload();
  await expect(mine.locator(".badge", { hasText: "Afgezegd" })).toBeVisible();
  const cancelled = await ics();
  expect(cancelled).toContain("STATUS:CANCELLED");
  expect(cancelled).toContain("SEQUENCE:2");
  expect(/UID:(\S+)/.exec(cancelled)?.[1]).toBe(uid);
  if (phone) await lookAt(page, testInfo, "appointments-cancelled");
  await staff.context().close();
});
