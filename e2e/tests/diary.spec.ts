// Dagboek: a parent writes an entry that staff cannot see; once shared, it shows for staff as shared.
import { expect, test } from "@playwright/test";
import { hostOf, openClient, staffPage } from "./support/lifecycle";
import { loginAs } from "./support/login";
import { lookAt } from "./support/look";

test("a diary entry stays invisible to staff until the parent shares it", async ({ page, browser, baseURL }, testInfo) => {
  const host = hostOf(baseURL);
  const text = `Sanne was vrolijk na zwemles (${testInfo.project.name})`;
  page.on("dialog", (d) => void d.accept());
  await loginAs(page, "ouder@example.com");
  const me = (await page.request.get("/api/me").then((r) => r.json())) as { portals: { clientId: string; name: string }[] };
  const sanneId = me.portals.find((p) => p.name === "Sanne Jansen")?.clientId ?? "";
  await page.goto(`/portaal/${sanneId}/dagboek`);
  await expect(page.getByRole("heading", { name: "Dagboek", level: 1 })).toBeVisible();
  // Without text the entry is refused with the reason.
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByText("Schrijf iets in uw dagboek.")).toBeVisible();
  await page.getByText("Goed", { exact: true }).click();
  await page.getByLabel("Labels").fill("zwemmen, Zwemmen, humeur");
  await page.getByLabel("Wat wilt u opschrijven?").fill(`${text}.\nZe wil volgende week weer.`);
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByText("Opgeslagen in uw dagboek.")).toBeVisible();
  const entry = page.locator("li.diary-entry", { hasText: text });
  await expect(entry).toContainText("Goed");
  await expect(entry.getByRole("list", { name: "Labels" }).getByRole("listitem")).toHaveText(["zwemmen", "humeur"]);
  await lookAt(page, testInfo, "diary");

  // Staff see nothing of it.
  const staff = await staffPage(browser, host, "begeleider@hetbaken.example");
  await openClient(staff, host, "Sanne Jansen");
  const panel = staff.getByRole("region", { name: "Gedeeld uit het dagboek" });
  await expect(panel.getByText(/Er is niets uit het dagboek gedeeld|Alleen stukken/).first()).toBeVisible();
  await expect(panel).not.toContainText(text);

  // Edit, then share.
  await entry.getByRole("button", { name: "Aanpassen" }).click();
  const editor = page.locator("li.diary-entry", { has: page.getByRole("button", { name: "Annuleren" }) });
  await editor.getByLabel("Wat wilt u opschrijven?").fill(`${text}. Aangepast.`);
  await editor.getByRole("button", { name: "Opslaan" }).click();
  const edited = page.locator("li.diary-entry", { hasText: `${text}. Aangepast.` });
  // Het Baken works with begeleiders: the button uses their word.
  await edited.getByRole("button", { name: "Delen met begeleider" }).click();
  await expect(edited.getByText(/Gedeeld met uw begeleider op/)).toBeVisible();
  await lookAt(page, testInfo, "diary-shared");

  await staff.reload();
  await expect(panel).toContainText(`${text}. Aangepast.`);
  await expect(panel).toContainText("Petra Jansen");
  await panel.scrollIntoViewIfNeeded();
  await lookAt(staff, testInfo, "diary-staff");
  await staff.context().close();

  // Deleting asks first, then it is gone.
  await edited.getByRole("button", { name: "Verwijderen" }).click();
  await expect(page.locator("li.diary-entry", { hasText: text })).toHaveCount(0);
});
