// The client's access log (issue 14 part 4), from where people start: staff give a guardian access to
// Sanne's portal, the parent hears of it by e-mail (no names) and reads it in the log, beside who viewed
// the items shared with her (with role), and narrows the log to a period of days.
import { expect, type Page, test } from "@playwright/test";
import { hostOf, openClient, openUserMenu, staffPage } from "./support/lifecycle";
import { loginAs } from "./support/login";
import { lookAt } from "./support/look";
import { newestMail } from "./support/mail";

const CHILD = "Sanne Jansen";

/** Today as the Dutch write it (dd-mm-jjjj), on the Dutch calendar. */
function dutchToday(): string {
  const [y, m, d] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date()).split("-");
  return `${d}-${m}-${y}`;
}

async function openPortalPart(page: Page, phone: boolean, part: string) {
  await openUserMenu(page, "Petra Jansen");
  await page
    .getByRole("link", { name: new RegExp(CHILD) })
    .first()
    .click();
  const nav = page.getByRole("navigation", { name: phone ? "Onderdelen" : "Hoofdnavigatie" });
  await nav.getByRole("link", { name: new RegExp(`^${part}`) }).click();
  await expect(page.getByRole("heading", { name: part, level: 1 })).toBeVisible();
}

test("a parent reads who viewed what was shared with her and who got access, by period", async ({
  page,
  browser,
  baseURL,
  request,
}, testInfo) => {
  test.setTimeout(240_000);
  const host = hostOf(baseURL);
  const phone = testInfo.project.name === "phone";
  const guardian = { first: "Wilma", last: `Voogd-${testInfo.project.name}`, email: `voogd.${testInfo.project.name}@example.org` };

  // The secretariaat adds a guardian with gezag to Sanne and activates her access.
  const staff = await staffPage(browser, host, "secretariaat@hetbaken.example");
  await openClient(staff, host, CHILD);
  const form = staff.locator("form", { has: staff.getByRole("heading", { name: "Nieuwe relatie toevoegen" }) });
  await form.getByLabel("Voornaam").fill(guardian.first);
  await form.getByLabel("Achternaam").fill(guardian.last);
  await form.getByLabel("E-mailadres", { exact: true }).fill(guardian.email);
  await form.getByLabel("Rol").selectOption("voogd");
  await form.getByLabel("Gezag").check();
  await form.getByRole("button", { name: "Toevoegen" }).click();
  await expect(form.getByText("De relatie is toegevoegd.")).toBeVisible();
  const card = staff.locator("li.access-card", { hasText: `${guardian.first} ${guardian.last}` });
  await card.getByRole("button", { name: /Toegang activeren/ }).click();
  await expect(card.getByText("Uitgenodigd")).toBeVisible();
  await staff.context().close();

  // The parent gets an e-mail without names that says where to look.
  const mail = await newestMail(request, "ouder@example.com", { baseURL: host, subject: /^Bericht van het/ });
  expect(mail.text).toContain("Iemand heeft zojuist toegang gekregen");
  expect(mail.text).toContain("/inloggen");
  for (const name of [guardian.first, guardian.last, "Sanne", "Petra"]) expect(mail.text).not.toContain(name);

  // She opens an item shared with her, then the log.
  await loginAs(page, "ouder@example.com");
  await openPortalPart(page, phone, "Dossier");
  await page
    .getByRole("button", { name: /^Bekijken/ })
    .first()
    .click();
  await page.getByRole("link", { name: "Wie heeft de gedeelde stukken bekeken?" }).click();
  await expect(page.getByRole("heading", { name: "Wie heeft de stukken bekeken", level: 1 })).toBeVisible();
  const rows = page.getByRole("row");
  await expect(
    rows.filter({ hasText: `${guardian.first} ${guardian.last} (Voogd)` }).filter({ hasText: "heeft toegang gekregen" }),
  ).toHaveCount(1);
  await expect(rows.filter({ hasText: "Petra Jansen (Ouder)" }).filter({ hasText: "bekeken" }).first()).toBeVisible();
  await expect(page.getByText("@")).toHaveCount(0);

  // Today only: the new lines are there, and the heading says which period.
  const today = dutchToday();
  await page.getByRole("textbox", { name: "Van" }).fill(today);
  await page.getByRole("textbox", { name: "Tot en met" }).fill(today);
  await page.getByRole("button", { name: "Periode tonen" }).click();
  await expect(page).toHaveURL(/van=\d{4}-\d{2}-\d{2}&tot=/);
  await expect(page.getByRole("heading", { name: new RegExp(`regels? van ${today} tot en met ${today}`) })).toBeVisible();
  await expect(rows.filter({ hasText: "heeft toegang gekregen" }).filter({ hasText: guardian.last })).toHaveCount(1);
  await lookAt(page, testInfo, "access-log-period");

  // A year long ago: nothing.
  await page.getByRole("textbox", { name: "Van" }).fill("01-01-2020");
  await page.getByRole("textbox", { name: "Tot en met" }).fill("31-12-2020");
  await page.getByRole("button", { name: "Periode tonen" }).click();
  await expect(page.getByText("Niets gevonden in deze periode.")).toBeVisible();

  // A date that does not exist, and an end before the start, are said at the field.
  await page.getByRole("textbox", { name: "Van" }).fill("31-02-2026");
  await page.getByRole("button", { name: "Periode tonen" }).click();
  await expect(page.getByText("Vul een bestaande datum in, zoals 14-03-2026.")).toBeVisible();
  await page.getByRole("textbox", { name: "Van" }).fill("05-03-2026");
  await page.getByRole("textbox", { name: "Tot en met" }).fill("01-03-2026");
  await page.getByRole("button", { name: "Periode tonen" }).click();
  await expect(page.getByText("Deze datum ligt vóór de datum bij Van.", { exact: false })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Tot en met" })).toHaveAttribute("aria-invalid", "true");
  await lookAt(page, testInfo, "access-log-period-errors");

  // Back to the whole log.
  await page.getByRole("button", { name: "Periode wissen" }).click();
  await expect(page.getByRole("textbox", { name: "Van" })).toHaveValue("");
  await expect(page.getByRole("button", { name: "Periode wissen" })).toHaveCount(0);
  await expect(rows.filter({ hasText: guardian.last })).toHaveCount(1);
  await lookAt(page, testInfo, "access-log");
});
