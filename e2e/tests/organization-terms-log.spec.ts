// Organisatie → Gebruiksvoorwaarden and Logboek (issue 13): the beheerder publishes new terms; the client
// who logs in next accepts them before seeing the portal; the beheerder finds that visit in the Logboek,
// exports it as CSV and has the chain checked.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import Database from "better-sqlite3";
import { logout } from "./support/lifecycle";
import { loginAs } from "./support/login";
import { lookAt } from "./support/look";

const BEHEER = "beheer@hetbaken.example";
const CLIENT = "client@example.com";
const CLIENT_NAME = "Lotte Bakker";

/** Organisatie, the way a beheerder gets there: the main navigation, or on a phone the menu. */
async function openOrganisatie(page: Page, phone: boolean, part: string) {
  if (phone) {
    await page.getByRole("button", { name: "Menu", exact: true }).click();
    await page.getByRole("link", { name: "Organisatie", exact: true }).click();
  } else {
    await page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Organisatie", exact: true }).click();
  }
  await page.getByRole("navigation", { name: "Onderdelen van Organisatie" }).getByRole("link", { name: part }).click();
  await expect(page.getByRole("heading", { level: 1, name: part })).toBeVisible();
}

/** Today on the Dutch calendar, as typed in the period fields (dd-mm-jjjj). */
function dutchToday(): string {
  const [y, m, d] = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam" }).format(new Date()).split("-");
  return `${d}-${m}-${y}`;
}

function openDb(testInfo: { project: { use: { baseURL?: string } } }) {
  const port = new URL(String(testInfo.project.use.baseURL ?? "http://localhost:3100")).port;
  const db = new Database(path.join(os.tmpdir(), `portaal-e2e-${port}`, "portaal.db"));
  db.pragma("busy_timeout = 5000");
  return db;
}

/**
 * The demo's other specs expect the demo accounts to be past the terms (some log in by hand, not through
 * loginAs): once this spec has seen a client accept them, every demo account of the database has accepted
 * the newest version, as if they had all logged in since.
 */
// biome-ignore lint/correctness/noEmptyPattern: Playwright wants the fixtures destructured, even when none are used
test.afterAll(({}, testInfo) => {
  const db = openDb(testInfo);
  try {
    db.prepare(
      `INSERT OR IGNORE INTO terms_acceptances (org_id, account_id, terms_version_id, accepted_at)
       SELECT a.org_id, a.id, t.id, ? FROM accounts a
       JOIN terms_versions t ON t.org_id = a.org_id
        AND t.version = (SELECT max(version) FROM terms_versions WHERE org_id = a.org_id)`,
    ).run(Date.now());
  } finally {
    db.close();
  }
});

test("the beheerder publishes new terms; the next client accepts them first; the Logboek shows, exports and checks", async ({
  page,
}, testInfo) => {
  // The beheerder logs in twice: a TOTP step may not be used again, so the second login can wait up to 30 s.
  test.setTimeout(120_000);
  const phone = testInfo.project.name === "phone";
  const stamp = `${testInfo.project.name}-${Date.now()}`;
  const text = `Gebruiksvoorwaarden (${stamp})\n\nU gebruikt het portaal alleen voor uzelf of voor de cliënt bij wie u betrokken bent.\n\nHet portaal is niet bedoeld voor crisissituaties: bel dan 112.`;

  // The beheerder writes a new version, looks at the preview and publishes after confirming.
  await loginAs(page, BEHEER);
  await openOrganisatie(page, phone, "Gebruiksvoorwaarden");
  const editor = page.getByRole("textbox", { name: /^Tekst van versie \d+$/ });
  const next = Number(/\d+$/.exec((await page.locator(`label[for="${await editor.getAttribute("id")}"]`).textContent()) ?? "")?.[0]);
  expect(next).toBeGreaterThan(1);
  await lookAt(page, testInfo, "org-terms");
  // Nothing written yet: publishing is refused with a sentence.
  await editor.fill("");
  await page.getByRole("button", { name: "Publiceren…" }).click();
  await expect(page.getByText(/De tekst van de voorwaarden is leeg/)).toBeVisible();
  await editor.fill(text);
  await page.getByRole("button", { name: "Voorbeeld bekijken" }).click();
  const preview = page.getByRole("region", { name: `Voorbeeld: zo ziet iedereen versie ${next}` });
  await expect(preview).toContainText(stamp);
  await page.getByRole("button", { name: "Publiceren…" }).click();
  await expect(page.getByRole("heading", { name: `Versie ${next} publiceren?` })).toBeFocused();
  await lookAt(page, testInfo, "org-terms-confirm");
  await page.getByRole("button", { name: `Ja, versie ${next} publiceren` }).click();
  await expect(page.getByText(`Versie ${next} is gepubliceerd.`)).toBeVisible();
  const newest = page.getByRole("table", { name: "Versies" }).getByRole("row").nth(1);
  await expect(newest).toContainText(`${next} (huidige versie)`);
  await expect(newest).toContainText("Ingrid Wolters");
  await expect(newest).toContainText(/1 van \d+ actieve accounts/);
  await lookAt(page, testInfo, "org-terms-published");
  await logout(page, "Ingrid Wolters");

  // The client who logs in next reads and accepts them before the portal opens.
  await loginAs(page, CLIENT, { acceptTerms: false });
  await expect(page.getByRole("heading", { level: 1, name: "Gebruiksvoorwaarden" })).toBeVisible();
  await expect(page.getByText(`De gebruiksvoorwaarden zijn gewijzigd (versie ${next})`)).toBeVisible();
  await expect(page.getByRole("region", { name: new RegExp(`versie ${next}`, "i") })).toContainText(stamp);
  await lookAt(page, testInfo, "org-terms-client-gate");
  await page.getByRole("button", { name: "Akkoord en verder" }).click();
  await expect(page.getByText("Ga akkoord met de gebruiksvoorwaarden om verder te gaan.")).toBeVisible();
  await page.getByLabel("Ik ga akkoord met de gebruiksvoorwaarden").check();
  await page.getByRole("button", { name: "Akkoord en verder" }).click();
  await expect(page).toHaveURL(/\/portaal\/[a-z0-9]+/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // A view of the dossier that the Logboek must show: the appointments.
  const nav = page.getByRole("navigation", { name: phone ? "Onderdelen" : "Hoofdnavigatie" });
  const afspraken = nav.getByRole("link", { name: /^Afspraken/ });
  if (phone && !(await afspraken.isVisible())) await nav.getByRole("button", { name: "Meer" }).click();
  await afspraken.click();
  await expect(page.getByRole("heading", { level: 1, name: "Afspraken" })).toBeVisible();
  await logout(page, CLIENT_NAME);

  // The beheerder opens the Logboek, filtered by that client and today.
  await loginAs(page, BEHEER);
  await openOrganisatie(page, phone, "Logboek");
  const client = page.getByLabel("Cliënt");
  const option = client.locator("option", { hasText: CLIENT_NAME });
  await client.selectOption({ label: (await option.first().textContent()) ?? CLIENT_NAME });
  await page.getByLabel("Van", { exact: true }).fill(dutchToday());
  await page.getByLabel("Tot en met").fill(dutchToday());
  await page.getByRole("button", { name: "Toepassen" }).click();
  const rows = page.getByRole("table", { name: "Logboek" }).getByRole("row");
  const visit = rows.filter({ hasText: "Afspraken bekeken" }).first();
  await expect(visit).toContainText(`${CLIENT_NAME} (Cliënt)`);
  await expect(visit).toContainText("Gelukt");
  // Every row shown is about this client.
  for (const row of await rows.all()) {
    if (await row.locator("td").count()) await expect(row.locator("td").nth(2)).toContainText(CLIENT_NAME);
  }
  await lookAt(page, testInfo, "org-log");

  // The CSV export: same filters, a download with a safe name.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Exporteren als CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^logboek-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync((await download.path()) ?? "", "utf8");
  expect(csv).toContain('"Volgnummer";"Tijdstip";"Wie"');
  expect(csv).toContain(`"${CLIENT_NAME}";"Cliënt";"${CLIENT_NAME}";"Afspraken bekeken"`);

  // Nu controleren: the chain is intact, with the time of the check.
  await page.getByRole("button", { name: "Nu controleren" }).click();
  await expect(page.getByText(/In orde: gecontroleerd op .* door Ingrid Wolters/)).toBeVisible();
  await lookAt(page, testInfo, "org-log-checked");
});

test("a client who is signed in when new terms are published gets the terms form at the next click", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const phone = testInfo.project.name === "phone";
  await loginAs(page, CLIENT);
  await expect(page).toHaveURL(/\/portaal\/[a-z0-9]+/);
  // Published in the meantime (straight into the database: the beheerder's screen is the test above).
  const db = openDb(testInfo);
  let next = 0;
  try {
    const org = db.prepare("SELECT org_id FROM accounts WHERE email = ?").get(CLIENT) as { org_id: string };
    next = (db.prepare("SELECT max(version) AS v FROM terms_versions WHERE org_id = ?").get(org.org_id) as { v: number }).v + 1;
    db.prepare("INSERT INTO terms_versions (id, org_id, version, body, published_at) VALUES (?, ?, ?, ?, ?)").run(
      `e2eterms${testInfo.project.name}${next}`,
      org.org_id,
      next,
      `Gebruiksvoorwaarden versie ${next}, gepubliceerd terwijl u was ingelogd.`,
      Date.now(),
    );
  } finally {
    db.close();
  }
  // The next page asks the BFF, which refuses (terms_not_accepted): the terms form shows instead.
  const nav = page.getByRole("navigation", { name: phone ? "Onderdelen" : "Hoofdnavigatie" });
  const berichten = nav.getByRole("link", { name: /^Berichten/ });
  if (phone && !(await berichten.isVisible())) await nav.getByRole("button", { name: "Meer" }).click();
  await berichten.click();
  await expect(page.getByText(`De gebruiksvoorwaarden zijn gewijzigd (versie ${next})`)).toBeVisible();
  await page.getByLabel("Ik ga akkoord met de gebruiksvoorwaarden").check();
  await page.getByRole("button", { name: "Akkoord en verder" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Berichten" })).toBeVisible();
});
