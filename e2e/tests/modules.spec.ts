// Aan de slag: staff build a module and set it out for a parent, who fills half, reloads, finishes and
// submits; staff then read the answers, and the parent can no longer change them.
import { expect, test } from "@playwright/test";
import { hostOf, openClient, staffPage } from "./support/lifecycle";
import { loginAs } from "./support/login";
import { lookAt } from "./support/look";

test("the parent fills half a module, reloads, finishes it, and staff read the answers", async ({ page, browser, baseURL }, testInfo) => {
  const host = hostOf(baseURL);
  const title = `Terugblik op de logeerweek (${testInfo.project.name})`;

  // Staff build a two-page module; a choice question without options is refused with where it is.
  const staff = await staffPage(browser, host, "begeleider@hetbaken.example");
  // In the phone run, staff work at phone width too, so the builder is looked at there as well.
  if (testInfo.project.name === "phone") await staff.setViewportSize({ width: 390, height: 844 });
  await staff.goto(`${host}/vragenlijsten`);
  await expect(staff.getByRole("heading", { name: "Vragenlijsten en modules", level: 1 })).toBeVisible();
  await expect(staff.getByText("Omgaan met spanning")).toBeVisible();
  // The ready-made list says what it holds: four questions on one page, in words and in figures.
  const ready = staff.locator("li.card", { hasText: "Hoe gaat het nu?" });
  await expect(ready).toContainText("Vier korte vragen");
  await expect(ready).toContainText("1 pagina, 4 vragen");
  await staff.getByRole("button", { name: "Nieuwe maken" }).click();
  const builder = staff.locator("form.builder");
  await builder.getByText("Module", { exact: true }).click();
  await builder.getByLabel("Titel", { exact: true }).fill(title);
  const page1 = builder.locator("fieldset.builder-page").nth(0);
  await page1.getByLabel("Titel van de pagina").fill("Hoe ging het?");
  await page1.getByLabel("Vraag", { exact: true }).fill("Wat ging er goed?");
  await page1.locator("label.checkbox", { hasText: "Verplicht" }).locator("input").check();
  await page1.getByRole("button", { name: "Vraag toevoegen" }).click();
  const scale = page1.locator("fieldset.builder-question").nth(1);
  await scale.getByLabel("Soort vraag").selectOption("schaal");
  await scale.getByLabel("Vraag", { exact: true }).fill("Hoe tevreden bent u?");
  await builder.getByRole("button", { name: "Pagina toevoegen" }).click();
  const page2 = builder.locator("fieldset.builder-page").nth(1);
  await page2.getByLabel("Titel van de pagina").fill("Volgende keer");
  await page2.getByLabel("Soort vraag").selectOption("keuze");
  await page2.getByLabel("Vraag", { exact: true }).fill("Weer logeren?");
  await page2.locator("label.checkbox", { hasText: "Verplicht" }).locator("input").check();
  await builder.getByRole("button", { name: "Opslaan" }).click();
  await expect(builder.getByText("Pagina 2, Vraag 1: Geef minstens twee antwoordmogelijkheden.")).toBeVisible();
  await page2.getByLabel("Antwoordmogelijkheden (één per regel)").fill("Ja\nNee\nWeet ik nog niet");
  await lookAt(staff, testInfo, "modules-builder");
  await builder.getByRole("button", { name: "Opslaan" }).click();
  await expect(staff.getByText("De vragenlijst is opgeslagen.")).toBeVisible();
  await expect(staff.locator("li.card", { hasText: title })).toContainText("2 pagina's, 3 vragen");

  // ... and set it out for the mother only.
  await openClient(staff, host, "Sanne Jansen");
  const panel = staff.getByRole("region", { name: "Aan de slag" });
  await panel.getByLabel("Vragenlijst of module").selectOption({ label: `${title} (Module)` });
  await panel.getByLabel("Voor wie").selectOption({ label: "Petra Jansen (ouder)" });
  await panel.getByRole("button", { name: "Klaarzetten" }).click();
  await expect(panel.getByText(/^Klaargezet\./)).toBeVisible();
  const staffCard = panel.locator("li.card", { hasText: title });
  await expect(staffCard).toContainText("Nog niet begonnen");
  await expect(staffCard).toContainText("Voor Petra Jansen");

  // The mother starts it and answers the first page.
  await loginAs(page, "ouder@example.com");
  const me = (await page.request.get("/api/me").then((r) => r.json())) as { portals: { clientId: string; name: string }[] };
  const sanneId = me.portals.find((p) => p.name === "Sanne Jansen")?.clientId ?? "";
  await page.goto(`/portaal/${sanneId}/aan-de-slag`);
  const card = page.locator("li.assignment-card", { hasText: title });
  await expect(card).toContainText("0 van 3 vragen beantwoord");
  await lookAt(page, testInfo, "modules-list");
  await card.getByRole("link", { name: /Beginnen/ }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(page.getByText("Pagina 1 van 2")).toBeVisible();
  // The questions say "u": the mother reads whose answers she gives.
  await expect(page.getByText("U vult dit in over Sanne Jansen")).toBeVisible();
  await expect(page.getByTestId("portal-of")).toHaveText("Portaal van Sanne Jansen");
  // A required question left open stops her at this page with the reason.
  await page.getByLabel("Wat ging er goed? (verplicht)").fill("Ze heeft goed geslapen");
  await page.getByRole("group", { name: "Hoe tevreden bent u?" }).getByText("8", { exact: true }).click();
  await expect(page.getByText(/Opgeslagen om/)).toBeVisible();
  await lookAt(page, testInfo, "modules-fill");
  await page.getByRole("button", { name: "Volgende" }).click();
  await expect(page.getByRole("heading", { name: "Volgende keer", level: 2 })).toBeFocused();

  // A reload loses nothing and resumes at the first page still open.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Volgende keer", level: 2 })).toBeVisible();
  await page.getByRole("button", { name: "Vorige" }).click();
  await expect(page.getByLabel("Wat ging er goed? (verplicht)")).toHaveValue("Ze heeft goed geslapen");
  await expect(page.getByRole("group", { name: "Hoe tevreden bent u?" }).getByRole("radio", { name: "8" })).toBeChecked();
  await page.getByRole("button", { name: "Volgende" }).click();

  // Submitting with the required choice open is refused; then she chooses and submits.
  await page.getByRole("button", { name: "Indienen" }).click();
  await expect(page.getByText("Deze vraag is verplicht.")).toBeVisible();
  await page
    .getByRole("group", { name: /Weer logeren\?/ })
    .getByText("Ja", { exact: true })
    .click();
  await page.getByRole("button", { name: "Indienen" }).click();
  await expect(page.getByText(/^Ingediend op/)).toBeVisible();
  await expect(page.getByText("Ze heeft goed geslapen")).toBeVisible();
  await lookAt(page, testInfo, "modules-submitted");
  // Submitted work cannot be changed, also not by a direct request.
  const assignmentId = new URL(page.url()).pathname.split("/").pop() ?? "";
  const change = await page.request.put(`/api/portal/${sanneId}/assignments/${assignmentId}/answers`, {
    data: { answers: {} },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(change.status()).toBe(409);

  // Staff read the answers.
  await staff.reload();
  const done = staff.getByRole("region", { name: "Aan de slag" }).locator("li.card", { hasText: title });
  await expect(done).toContainText("Ingediend");
  await done.getByRole("button", { name: /Antwoorden bekijken/ }).click();
  await expect(done).toContainText("Ingediend door Petra Jansen");
  await expect(done.locator("dd", { hasText: "Ze heeft goed geslapen" })).toBeVisible();
  await expect(done.locator("dl.answers > div", { hasText: "Weer logeren?" }).locator("dd")).toHaveText("Ja");
  await done.scrollIntoViewIfNeeded();
  await lookAt(staff, testInfo, "modules-staff-answers");
  await staff.context().close();
});
