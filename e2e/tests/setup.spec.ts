// Issue 13, "done when": a care organization installs the portal without the demo. The build of
// `npm run build`, then `npm run admin -- organization create` for two organizations, `npm run serve`,
// and in the browser each beheerder activates from the e-mailed link and sets up their organization.
// Each sees only its own.
import { type Browser, expect, type Page, test } from "@playwright/test";
import { nextTotpCode } from "./support/login";
import { type Installation, install, linkInMail, type Smtp, startSmtp } from "./support/production";

const PASSWORD = "Zonnebloem-akker-2026-lang";

interface Org {
  name: string;
  host: string;
  address: string;
  beheerder: string;
  preset: string;
  colour: string;
  secret?: string;
}

let smtp: Smtp;
let site: Installation;
let orgs: Org[];

test.describe.configure({ mode: "serial", timeout: 300_000 });
// One installation, walked once: the phone's widths are covered by the specs of each page.
test.skip(({ isMobile }) => isMobile, "the setup path runs once, at desktop width");

test.beforeAll(async () => {
  smtp = await startSmtp();
  site = await install(smtp);
  orgs = [
    {
      name: "Zorg Oost",
      host: "oost.localhost",
      beheerder: "beheer@zorgoost.example",
      preset: "aanbevolen",
      colour: "#1f4e79",
      address: "",
    },
    {
      name: "Jeugdhulp West",
      host: "west.localhost",
      beheerder: "beheer@jeugdwest.example",
      preset: "zorg",
      colour: "#6b2d5c",
      address: "",
    },
  ].map((o) => ({ ...o, address: `http://${o.host}:${site.port}` }));
});

test.afterAll(async () => {
  await site?.stop();
  await smtp?.close();
});

test("the operator's command line: bad arguments change nothing, then two organizations", async () => {
  const bad = site.admin("organization", "create", "--name", "Zorg Oost", "--address", "portaal.zorgoost.nl", "--phone", "088 123 45 67");
  expect(bad.code).not.toBe(0);
  expect(bad.output).toContain("is not a web address");
  for (const o of orgs) {
    const r = site.admin(
      "organization",
      "create",
      "--name",
      o.name,
      "--address",
      o.address,
      "--preset",
      o.preset,
      "--phone",
      "088 123 45 67",
      "--beheerder-email",
      o.beheerder,
      "--beheerder-name",
      `Beheer ${o.name}`,
    );
    expect(r.output, r.output).toContain(`Organization "${o.name}" created`);
    expect(r.code).toBe(0);
  }
  const list = site.admin("organization", "list");
  expect(list.output).toContain("Zorg Oost");
  expect(list.output).toContain("Jeugdhulp West");
  await site.serve();
});

/** The beheerder opens the e-mailed link: a password, an authenticator app (staff always need one), the terms. */
async function activateBeheerder(page: Page, o: Org) {
  const mail = await smtp.newest(o.beheerder);
  const link = linkInMail(mail);
  expect(link.startsWith(`${o.address}/`)).toBe(true);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Kies een wachtwoord" })).toBeVisible();
  await page.getByLabel("Nieuw wachtwoord").fill(PASSWORD);
  await page.getByLabel("Herhaal het wachtwoord").fill(PASSWORD);
  await page.getByRole("button", { name: "Volgende" }).click();
  await expect(page.getByRole("heading", { name: "Tweestapsverificatie" })).toBeVisible();
  // Staff cannot skip the second factor, whatever the preset.
  await expect(page.getByRole("button", { name: /Nu overslaan/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Authenticator-app op mijn telefoon" }).click();
  o.secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
  await page.getByLabel("Verificatiecode").fill(await nextTotpCode(`${o.host}:${o.beheerder}`, o.secret));
  await page.getByRole("button", { name: "Code bevestigen" }).click();
  await expect(page.getByRole("heading", { name: "Gebruiksvoorwaarden" })).toBeVisible();
  await page.getByLabel("Ik ga akkoord met de gebruiksvoorwaarden").check();
  await page.getByRole("button", { name: "Account activeren" }).click();
  await expect(page).toHaveURL(/\/beheer/);
  await expect(page.getByRole("link", { name: new RegExp(o.name) }).first()).toBeVisible();
}

/** Organisatie → one of its parts, from the main navigation. */
async function openPart(page: Page, part: string) {
  if (!page.url().includes("/organisatie")) {
    await page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Organisatie", exact: true }).click();
  }
  await page.locator(".subnav").getByRole("link", { name: part }).click();
  await expect(page.getByRole("heading", { name: part, level: 1 })).toBeVisible();
}

/** Branding: the name in the logo, a colour (one that fails contrast first), the phone number; the SPA uses them at once. */
async function setBranding(page: Page, o: Org) {
  await openPart(page, "Instellingen");
  const colour = page.getByLabel("Hoofdkleur (hexadecimaal)");
  await colour.fill("#ffcc00");
  await page.getByRole("button", { name: "Instellingen opslaan" }).click();
  await expect(page.getByText(/Witte tekst op deze kleur is slecht leesbaar/).first()).toBeVisible();
  await colour.fill(o.colour);
  await page.getByLabel("Tekst op de pagina Support").fill(`Vragen over het portaal? Bel ${o.name} op werkdagen.`);
  await page.getByLabel("Een aankondiging tonen op Home").check();
  await page.getByLabel("Titel van de aankondiging").fill(`Welkom bij het portaal van ${o.name}`);
  await page.getByLabel("Tekst van de aankondiging").fill("Hier vindt u wat wij met u delen.");
  await page.getByRole("button", { name: "Instellingen opslaan" }).click();
  await expect(page.getByText("De instellingen zijn opgeslagen.")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("style", new RegExp(`--brand:\\s*${o.colour}`));
}

/** The policy: the preset's weaker settings are explained; one is made stricter and saved. */
async function setPolicy(page: Page, o: Org) {
  await openPart(page, "Beveiligingsbeleid");
  if (o.preset === "aanbevolen") {
    await expect(page.getByText("Geen enkele instelling is zwakker dan aanbevolen.")).toBeVisible();
  } else {
    await expect(page.getByText(/instellingen? (is|zijn) zwakker dan aanbevolen/)).toBeVisible();
    await expect(page.getByText(/Hoe langer een code geldig blijft, hoe meer codes tegelijk werken/)).toBeVisible();
    await page.getByLabel(/Geldigheid van een code uit de app/).fill("1");
    await page.getByRole("button", { name: "Beleid opslaan" }).click();
    await expect(page.getByText(/Het beveiligingsbeleid is opgeslagen/)).toBeVisible();
    await expect(page.getByText(/Hoe langer een code geldig blijft/)).toHaveCount(0);
  }
}

/** Medewerkers: invite a colleague by e-mail; a duplicate address is refused first. */
async function invite(page: Page, o: Org, who: { name: string; email: string; role: string }) {
  await openPart(page, "Medewerkers");
  const form = page.getByRole("region", { name: "Nieuwe medewerker uitnodigen" });
  await form.getByRole("button", { name: "Medewerker uitnodigen" }).click();
  await form.getByLabel("Naam").fill(who.name);
  await form.getByLabel("E-mailadres").fill(o.beheerder);
  await form.getByLabel("Rol").selectOption(who.role);
  await form.getByRole("button", { name: "Uitnodiging versturen" }).click();
  await expect(form.getByRole("alert")).toContainText("al een account met dit e-mailadres");
  await form.getByLabel("E-mailadres").fill(who.email);
  await form.getByRole("button", { name: "Uitnodiging versturen" }).click();
  await expect(form.getByText(`De uitnodiging is verstuurd naar ${who.email}.`)).toBeVisible();
}

/** Gebruiksvoorwaarden: the organization's own text, published after a confirmation. */
async function publishTerms(page: Page, o: Org) {
  await openPart(page, "Gebruiksvoorwaarden");
  const editor = page.getByRole("textbox", { name: /^Tekst van versie \d+$/ });
  await editor.fill(`Gebruiksvoorwaarden van ${o.name}. U gebruikt het portaal alleen voor uzelf of voor wie u zorgt.`);
  await page.getByRole("button", { name: "Publiceren…" }).click();
  await page.getByRole("button", { name: /^Ja, versie \d+ publiceren$/ }).click();
  await expect(page.getByText(/^Versie \d+ is gepubliceerd\./)).toBeVisible();
}

/** A colleague opens the e-mailed link on the organization's address: no birth date, a second factor, the beheerder's own terms. */
async function activateColleague(browser: Browser, o: Org, who: { email: string }) {
  const page = await newPage(browser);
  const link = linkInMail(await smtp.newest(who.email));
  expect(link.startsWith(`${o.address}/`)).toBe(true);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Kies een wachtwoord" })).toBeVisible();
  await page.getByLabel("Nieuw wachtwoord").fill(PASSWORD);
  await page.getByLabel("Herhaal het wachtwoord").fill(PASSWORD);
  await page.getByRole("button", { name: "Volgende" }).click();
  await expect(page.getByRole("button", { name: /Nu overslaan/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Authenticator-app op mijn telefoon" }).click();
  const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
  await page.getByLabel("Verificatiecode").fill(await nextTotpCode(`${o.host}:${who.email}`, secret));
  await page.getByRole("button", { name: "Code bevestigen" }).click();
  await expect(page.getByRole("heading", { name: "Gebruiksvoorwaarden" })).toBeVisible();
  await expect(page.getByText(`Gebruiksvoorwaarden van ${o.name}.`)).toBeVisible();
  await page.getByLabel("Ik ga akkoord met de gebruiksvoorwaarden").check();
  await page.getByRole("button", { name: "Account activeren" }).click();
  await expect(page).toHaveURL(/\/beheer/);
  // Not a beheerder: no Organisatie in the menu.
  await expect(page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Organisatie" })).toHaveCount(0);
  await page.context().close();
}

async function newPage(browser: Browser) {
  const context = await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam", viewport: { width: 1280, height: 860 } });
  return context.newPage();
}

test("each beheerder activates from the e-mail and sets up their organization", async ({ browser }) => {
  for (const o of orgs) {
    const page = await newPage(browser);
    await activateBeheerder(page, o);
    await setPolicy(page, o);
    await setBranding(page, o);
    await publishTerms(page, o);
    const domain = o.beheerder.split("@")[1];
    const colleagues = [
      { name: "Sam Secretariaat", email: `secretariaat@${domain}`, role: "secretariaat" },
      { name: "Bo Begeleider", email: `begeleider@${domain}`, role: "begeleider" },
    ];
    for (const who of colleagues) await invite(page, o, who);
    // The staff list holds this organization's people only.
    await page.getByLabel("Zoek op naam of e-mailadres").fill("@");
    await page.getByRole("button", { name: "Zoeken" }).click();
    await expect(page.getByText("3 medewerkers", { exact: true })).toBeVisible();
    for (const other of orgs.filter((x) => x !== o)) await expect(page.getByText(other.beheerder)).toHaveCount(0);
    await activateColleague(browser, o, colleagues[0] as (typeof colleagues)[0]);
    // What happened is in the organization's own Logboek, with an intact chain.
    await openPart(page, "Logboek");
    await page.getByRole("button", { name: "Nu controleren" }).click();
    await expect(page.getByText(/In orde: gecontroleerd op/)).toBeVisible();
    await expect(page.getByRole("table", { name: "Logboek" })).toContainText("Sam Secretariaat");
    await page.context().close();
  }
});

test("each organization sees only its own: a beheerder's password is unknown at the other address", async ({ browser }) => {
  const [oost, west] = orgs as [Org, Org];
  const page = await newPage(browser);
  await page.goto(`${west.address}/`);
  await expect(page).toHaveURL(/\/inloggen/);
  await page.getByLabel("E-mailadres").fill(oost.beheerder);
  await page.getByLabel("Wachtwoord").fill(PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByText("Het e-mailadres of het wachtwoord klopt niet.")).toBeVisible();
  await page.context().close();
});
