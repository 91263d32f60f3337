// Client records in Beheer (issue 14, part 1): the secretariaat starts at the portal's address, creates a
// client with a placement, edits the client and the placement, adds a parent with gezag and a verwant,
// edits the verwant's role and ends that relation, which then shows as ended.
import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { loginAs } from "./support/login";
import { lookAt } from "./support/look";

/** A full-page screenshot from the top: the sticky header then sits where it belongs. */
async function look(page: Page, testInfo: TestInfo, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await lookAt(page, testInfo, name);
}

function section(page: Page, heading: string) {
  return page.locator("section", { has: page.getByRole("heading", { name: heading, level: 2 }) });
}

test("the secretariaat creates a client with a placement, edits it, adds a parent with gezag and ends a relation", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const tag = `${testInfo.project.name === "phone" ? "p" : "d"}${Date.now().toString(36)}`;
  const lastName = `Vries${tag}`;
  const name = `Noor ${lastName}`;
  const clientNumber = `R-${tag}`;

  await loginAs(page, "secretariaat@hetbaken.example");
  await expect(page.getByRole("heading", { name: "Cliënten", level: 1 })).toBeVisible();

  // Nieuwe cliënt: a mistake first (no birth date), then the client.
  await page.getByRole("link", { name: "Nieuwe cliënt" }).click();
  await expect(page.getByRole("heading", { name: "Nieuwe cliënt", level: 1 })).toBeVisible();
  await page.getByLabel("Voornaam").fill("Noor");
  await page.getByLabel("Achternaam").fill(lastName);
  await page.getByLabel(/^Cliëntnummer/).fill(clientNumber);
  await page.getByLabel(/^E-mailadres/).fill(`noor.${tag}@example.org`);
  await page.getByRole("button", { name: "Cliënt aanmaken" }).click();
  await expect(page.getByText("Vul de geboortedatum in.").first()).toBeVisible();
  await look(page, testInfo, "client-records-new");
  await page.getByLabel("Geboortedatum").fill("2014-05-04");
  await page.getByRole("button", { name: "Cliënt aanmaken" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByText("De cliënt is aangemaakt.")).toBeVisible();

  // A placement, starting today.
  const placements = section(page, "Plaatsingen en producten");
  await placements.getByRole("button", { name: "Plaatsing of product toevoegen" }).click();
  await placements.getByLabel("Locatie of productnaam").fill("Woongroep De Linde");
  await look(page, testInfo, "client-records-add-placement");
  await placements.getByRole("button", { name: "Toevoegen" }).click();
  await expect(placements.locator("strong", { hasText: "Woongroep De Linde" })).toBeVisible();
  await expect(placements.getByText("Actief", { exact: true })).toBeVisible();

  // Edit the client's data and the placement.
  const contact = section(page, "Contactgegevens");
  await contact.getByRole("button", { name: "Gegevens wijzigen" }).click();
  await contact.getByLabel(/^Telefoon/).fill("06 1234 5678");
  await contact.getByLabel(/^Adres/).fill("Dorpsstraat 1, Baarn");
  await contact.getByRole("button", { name: "Opslaan" }).click();
  await expect(contact.getByText("De gegevens zijn opgeslagen.")).toBeVisible();
  await expect(contact.getByText("Dorpsstraat 1, Baarn")).toBeVisible();
  await placements.getByRole("button", { name: "Wijzigen Woongroep De Linde" }).click();
  await placements.getByLabel("Locatie of productnaam").fill("Woongroep De Linde, Baarn");
  await placements.getByRole("button", { name: "Opslaan" }).click();
  await expect(placements.locator("strong", { hasText: "Woongroep De Linde, Baarn" })).toBeVisible();

  // A parent with gezag, and a verwant.
  const addForm = page.locator("form", { has: page.getByRole("heading", { name: "Nieuwe relatie toevoegen" }) });
  const addRelation = async (first: string, role: string, gezag: boolean) => {
    await addForm.getByLabel("Voornaam").fill(first);
    await addForm.getByLabel("Achternaam").fill(lastName);
    await addForm.getByLabel("E-mailadres", { exact: true }).fill(`${first.toLowerCase()}.${tag}@example.org`);
    await addForm.getByLabel("Rol").selectOption(role);
    if (gezag) await addForm.getByLabel("Gezag").check();
    else await addForm.getByLabel("Gezag").uncheck();
    await addForm.getByRole("button", { name: "Toevoegen" }).click();
    await expect(addForm.getByText("De relatie is toegevoegd.")).toBeVisible();
  };
  await addRelation("Mirjam", "ouder", true);
  await addRelation("Kees", "verwant", false);
  const relations = section(page, "Actuele relaties");
  const parent = relations.getByRole("listitem").filter({ hasText: `Mirjam ${lastName}` });
  await expect(parent.getByText("Gezag", { exact: true })).toBeVisible();

  // The verwant becomes mentor, then the relation ends: it moves to Beëindigde relaties.
  const verwant = relations.getByRole("listitem").filter({ hasText: `Kees ${lastName}` });
  await verwant.getByRole("button", { name: `Wijzigen Kees ${lastName}` }).click();
  await verwant.getByLabel("Rol").selectOption("mentor");
  await verwant.getByRole("button", { name: "Opslaan" }).click();
  await expect(verwant.getByText("· mentor")).toBeVisible();
  await verwant.getByRole("button", { name: `Relatie beëindigen Kees ${lastName}` }).click();
  await expect(verwant.getByText(/Relatie met Kees .* beëindigen\?/)).toBeVisible();
  await look(page, testInfo, "client-records-end-relation");
  await verwant.getByRole("button", { name: "Ja, relatie beëindigen" }).click();
  await expect(relations.getByRole("heading", { name: "Beëindigde relaties" })).toBeVisible();
  const ended = relations.getByRole("listitem").filter({ hasText: `Kees ${lastName}` });
  await expect(ended.getByText(/^Beëindigd op/)).toBeVisible();
  await expect(ended.getByRole("button")).toHaveCount(0);
  await expect(parent.getByRole("button", { name: `Relatie beëindigen Mirjam ${lastName}` })).toBeVisible();
  await look(page, testInfo, "client-records-client");

  // The client is in the list with the active placement.
  await page.getByRole("link", { name: /Terug naar de cliëntenlijst/ }).click();
  await page.getByLabel("Zoek op naam, cliëntnummer of e-mailadres").fill(clientNumber);
  await page.getByRole("button", { name: "Zoeken" }).click();
  const card = page.getByRole("listitem").filter({ hasText: name });
  await expect(card.getByText("Woongroep De Linde, Baarn")).toBeVisible();
  await look(page, testInfo, "client-records-list");
});
