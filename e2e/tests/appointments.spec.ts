// Afspraken: staff add an appointment; the parent sees it with the phone notice and downloads a valid .ics.
import { expect, test } from "@playwright/test";
import { hostOf, openClient, staffPage } from "./support/lifecycle";
import { loginAs } from "./support/login";
import { lookAt } from "./support/look";

test("staff add an appointment and the parent downloads it for their calendar", async ({ page, browser, baseURL }, testInfo) => {
  const host = hostOf(baseURL);
  const staff = await staffPage(browser, host, "begeleider@hetbaken.example");
  await openClient(staff, host, "Sanne Jansen");
  const when = new Date(Date.now() + 3 * 86_400_000);
  const day = when.toISOString().slice(0, 10);
  const minute = testInfo.project.name === "phone" ? "15" : "45";
  const place = `Spreekkamer ${testInfo.project.name}`;
  await staff.getByText("Afspraak toevoegen").click();
  await staff.getByLabel("Datum en tijd").fill(`${day}T14:${minute}`);
  await staff.getByLabel("Locatie").fill(place);
  await staff.getByRole("button", { name: "Toevoegen", exact: true }).last().click();
  await expect(staff.getByText("De afspraak is opgeslagen.")).toBeVisible();
  await staff.context().close();

  await loginAs(page, "ouder@example.com");
  const me = (await page.request.get("/api/me").then((r) => r.json())) as { portals: { clientId: string; name: string }[] };
  const sanneId = me.portals.find((p) => p.name === "Sanne Jansen")?.clientId ?? "";
  await page.goto(`/portaal/${sanneId}/afspraken`);
  await expect(page.getByRole("heading", { name: "Afspraken", level: 1 })).toBeVisible();
  await expect(page.getByText(/Afzeggen of verzetten gaat telefonisch/)).toBeVisible();
  const card = page.locator("li.card", { hasText: place });
  await expect(card).toContainText(`14:${minute}`);
  await lookAt(page, testInfo, "appointments");
  const download = page.waitForEvent("download");
  await card.getByRole("link", { name: /In mijn agenda zetten/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`afspraak-${day}.ics`);
  const text = await (await import("node:fs/promises")).readFile((await file.path()) ?? "", "utf8");
  expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
  expect(text).toContain("BEGIN:VEVENT");
  expect(text).toContain(`LOCATION:${place}`);
});
