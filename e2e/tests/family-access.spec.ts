// Who sees what, as Dutch care law has it (issue 14, done-when): the secretariaat creates a client of 12
// with a placement, adds a mother with gezag and a verwant without, activates the mother, and the verwant
// only after the mother's consent is recorded. Both activate from their e-mail; each sees only what was
// shared with them and only the conversations they take part in (the mother's own; the verwant's with her).
import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { demoPdf } from "../../bff/src/demo/demo-pdf";
import { activate, hostOf, openClient, staffPage } from "./support/lifecycle";
import { loginAs } from "./support/login";
import { lookAt } from "./support/look";
import { linkIn, newestMail } from "./support/mail";

async function look(page: Page, testInfo: TestInfo, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await lookAt(page, testInfo, name);
}

function section(page: Page, heading: string) {
  return page.locator("section", { has: page.getByRole("heading", { name: heading, level: 2 }) });
}

test("a verwant gets access only after a gezag holder's consent, and each person sees only their own share", async ({
  page,
  browser,
  baseURL,
  request,
}, testInfo) => {
  test.setTimeout(360_000);
  const host = hostOf(baseURL);
  const tag = `${testInfo.project.name === "phone" ? "p" : "d"}${Date.now().toString(36)}`;
  const last = `Bakker${tag}`;
  const name = `Liv ${last}`;
  const birthDate = "2014-05-04";
  const mother = { first: "Mirjam", email: `mirjam.${tag}@example.org` };
  const verwant = { first: "Kees", email: `kees.${tag}@example.org` };

  // The secretariaat, at the portal's address: a new client with a placement, a mother and a verwant.
  await loginAs(page, "secretariaat@hetbaken.example");
  await page.getByRole("link", { name: "Nieuwe cliënt" }).click();
  await page.getByLabel("Voornaam").fill("Liv");
  await page.getByLabel("Achternaam").fill(last);
  await page.getByLabel(/^Cliëntnummer/).fill(`F-${tag}`);
  await page.getByLabel("Geboortedatum").fill(birthDate);
  await page.getByRole("button", { name: "Cliënt aanmaken" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const placements = section(page, "Plaatsingen en producten");
  await placements.getByRole("button", { name: "Plaatsing of product toevoegen" }).click();
  await placements.getByLabel("Locatie of productnaam").fill("Ambulante begeleiding");
  await placements.getByRole("button", { name: "Toevoegen" }).click();
  await expect(placements.getByText("Actief", { exact: true })).toBeVisible();

  const addForm = page.locator("form", { has: page.getByRole("heading", { name: "Nieuwe relatie toevoegen" }) });
  for (const [person, role, gezag] of [
    [mother, "ouder", true],
    [verwant, "verwant", false],
  ] as const) {
    await addForm.getByLabel("Voornaam").fill(person.first);
    await addForm.getByLabel("Achternaam").fill(last);
    await addForm.getByLabel("E-mailadres", { exact: true }).fill(person.email);
    await addForm.getByLabel("Rol").selectOption(role);
    if (gezag) await addForm.getByLabel("Gezag").check();
    else await addForm.getByLabel("Gezag").uncheck();
    await addForm.getByRole("button", { name: "Toevoegen" }).click();
    await expect(addForm.getByText("De relatie is toegevoegd.")).toBeVisible();
  }

  // The mother is activated; the verwant cannot be yet, and the page says whose consent is missing.
  // Cards by the name they lead with (the verwant's card names the mother in its sentence too).
  const accessCard = (first: string) =>
    page.locator("li.access-card", { has: page.locator("strong").getByText(`${first} ${last}`, { exact: true }) });
  const motherCard = accessCard(mother.first);
  const verwantCard = accessCard(verwant.first);
  await motherCard.getByRole("button", { name: /Toegang activeren/ }).click();
  await expect(motherCard.getByText("Uitgenodigd")).toBeVisible();
  const missing = `Voor toegang van ${verwant.first} ${last} (verwant, zonder gezag) is toestemming nodig van een ouder of voogd met gezag (${mother.first} ${last}).`;
  await expect(verwantCard.getByText(missing)).toBeVisible();
  await expect(verwantCard.getByRole("button", { name: /Toegang activeren/ })).toBeDisabled();
  const consentRow = page.locator("li.consent-row", { hasText: `${verwant.first} ${last}` });
  await expect(consentRow.getByText("Toestemming ontbreekt")).toBeVisible();
  await look(page, testInfo, "family-consent-missing");

  // The mother's consent, recorded by the secretariaat (she said so on the phone): then activation.
  await expect(consentRow.getByLabel("Toestemming van")).toHaveValue(/.+/);
  await consentRow.getByRole("button", { name: `Toestemming vastleggen voor ${verwant.first} ${last}` }).click();
  await expect(consentRow.getByText(new RegExp(`gegeven door ${mother.first} ${last}, gezaghouder`))).toBeVisible();
  await look(page, testInfo, "family-consent-recorded");
  await verwantCard.getByRole("button", { name: /Toegang activeren/ }).click();
  await expect(verwantCard.getByText("Uitgenodigd")).toBeVisible();

  // Both activate from the link in their e-mail.
  const motherPage = await (await browser.newContext()).newPage();
  await activate(motherPage, linkIn(await newestMail(request, mother.email)), {
    birthDate,
    password: "Lente-Bloesem-Tuin-2026",
    factor: "app",
    email: mother.email,
  });
  const verwantPage = await (await browser.newContext()).newPage();
  await activate(verwantPage, linkIn(await newestMail(request, verwant.email)), {
    birthDate,
    password: "Herfst-Bladeren-Bos-2026",
    factor: "app",
    email: verwant.email,
  });

  // A beheerder shares a care plan with the mother only.
  const beheer = await staffPage(browser, host, "beheer@hetbaken.example");
  await openClient(beheer, host, name);
  const title = `Zorgplan ${tag}`;
  await beheer.getByText("Document of verslag toevoegen").click();
  const docForm = beheer.locator("form", { has: beheer.getByLabel("Titel") });
  await docForm.getByLabel("Titel").fill(title);
  await docForm
    .getByLabel("Bestand (PDF, afbeelding, Word of Excel)")
    .setInputFiles({ name: "zorgplan.pdf", mimeType: "application/pdf", buffer: Buffer.from(demoPdf("Zorgplan", ["Voor Liv."], 2048)) });
  await docForm.getByRole("button", { name: "Toevoegen", exact: true }).click();
  const card = beheer.locator("li.card", { hasText: title });
  await card.getByLabel(new RegExp(`${mother.first} ${last}`)).check();
  await card.getByRole("button", { name: /Delen opslaan/ }).click();
  await expect(card.getByText(/Opgeslagen/)).toBeVisible();

  const dossier = async (p: Page) => {
    await p.getByRole("link", { name: "Dossier" }).first().click();
    await expect(p.getByRole("heading", { name: "Dossier", level: 1 })).toBeVisible();
  };
  await dossier(motherPage);
  await expect(motherPage.getByText(title).first()).toBeVisible();
  await dossier(verwantPage);
  await expect(verwantPage.getByRole("heading", { name: "Dossier", level: 1 })).toBeVisible();
  await expect(verwantPage.getByText(title)).toHaveCount(0);

  // Conversations: the mother writes one for herself (the default) and the verwant one with the mother.
  const write = async (p: Page, subject: string, body: string, also?: string) => {
    await p.getByRole("link", { name: "Berichten" }).first().click();
    await p.getByRole("button", { name: "Nieuw bericht" }).click();
    if (also)
      await p
        .getByRole("group", { name: "Wie doen er mee?" })
        .getByRole("checkbox", { name: new RegExp(`^${also}`) })
        .check();
    const compose = p.locator("form.compose");
    await compose.getByLabel("Onderwerp").fill(subject);
    await compose.getByLabel("Bericht", { exact: true }).fill(body);
    await compose.getByRole("button", { name: "Versturen" }).click();
    await expect(p.getByRole("heading", { name: subject, level: 2 })).toBeFocused();
  };
  const own = `Vraag van Mirjam ${tag}`;
  const shared = `Samen over Liv ${tag}`;
  await write(motherPage, own, "Een vraag die alleen ik stel.");
  await write(verwantPage, shared, "Zullen we samen naar het gesprek?", `${mother.first} ${last}`);
  await expect(verwantPage.locator(".thread-readers")).toContainText(`${mother.first} ${last}`);
  await lookAt(verwantPage, testInfo, "family-verwant-thread");

  await motherPage.reload();
  await expect(motherPage.getByRole("button", { name: new RegExp(shared) })).toBeVisible();
  await expect(motherPage.getByRole("button", { name: new RegExp(own) })).toBeVisible();
  await verwantPage.reload();
  await expect(verwantPage.getByRole("button", { name: new RegExp(shared) })).toBeVisible();
  await expect(verwantPage.getByRole("button", { name: new RegExp(own) })).toHaveCount(0);

  await beheer.context().close();
  await motherPage.context().close();
  await verwantPage.context().close();
});
