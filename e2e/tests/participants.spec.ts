// Issue 14 part 4: conversations have participants, appointments an audience. A parent starts a
// conversation with the client (the other person in the portal) and one for herself only; the client sees
// the first, not the second, until staff add him in Beheer. Staff plan an appointment for the client only.
import { expect, type Page, test } from "@playwright/test";
import { hostOf, openClient, staffPage } from "./support/lifecycle";
import { loginAs } from "./support/login";
import { lookAt } from "./support/look";

const literal = (s: string) => s.replace(/[()]/g, "\\$&");

async function portalOf(page: Page, name: string): Promise<string> {
  const me = (await page.request.get("/api/me").then((r) => r.json())) as { portals: { clientId: string; name: string }[] };
  return me.portals.find((p) => p.name === name)?.clientId ?? "";
}

test("a parent names who takes part; the other sees only that; staff add someone and plan for one person", async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  // Three people in three browsers on a small machine.
  test.slow();
  const host = hostOf(baseURL);
  const phone = testInfo.project.name === "phone";
  const together = `Samen over school (${testInfo.project.name})`;
  const alone = `Alleen voor mij (${testInfo.project.name})`;

  // The parent writes two conversations in Jesse's portal: one with Jesse, one for herself.
  await loginAs(page, "ouder.jesse@example.com");
  const jesseId = await portalOf(page, "Jesse Kok");
  await page.goto(`/portaal/${jesseId}/berichten`);
  await page.getByRole("button", { name: "Nieuw bericht" }).click();
  const who = page.getByRole("group", { name: "Wie doen er mee?" });
  await expect(who).toBeVisible();
  await expect(who.getByRole("checkbox", { name: "Marloes Kok (u, Ouder)" })).toBeChecked();
  await expect(who.getByRole("checkbox", { name: "Marloes Kok (u, Ouder)" })).toBeDisabled();
  await who.getByRole("checkbox", { name: "Jesse Kok (Cliënt)" }).check();
  await page.getByLabel("Onderwerp").fill(together);
  await page.getByLabel("Bericht", { exact: true }).fill("Zullen we samen naar de ouderavond?");
  await lookAt(page, testInfo, "participants-compose");
  await page.getByRole("button", { name: "Versturen" }).click();
  await expect(page.getByRole("heading", { name: together, level: 2 })).toBeFocused();
  await expect(page.locator(".thread-readers")).toContainText("Jesse Kok");
  await lookAt(page, testInfo, "participants-thread");

  await page.getByRole("button", { name: "Nieuw bericht" }).click();
  const compose = page.locator("form.compose");
  await compose.getByLabel("Onderwerp").fill(alone);
  await compose.getByLabel("Bericht", { exact: true }).fill("Een vraag die alleen ik stel.");
  await compose.getByRole("button", { name: "Versturen" }).click();
  await expect(page.getByRole("heading", { name: alone, level: 2 })).toBeFocused();
  await expect(page.locator(".thread-readers")).not.toContainText("Jesse Kok");

  // Jesse sees the conversation he takes part in, and not the other.
  const jesseCtx = await browser.newContext(phone ? { viewport: { width: 390, height: 844 }, isMobile: true } : {});
  const jesse = await jesseCtx.newPage();
  await loginAs(jesse, "jesse@example.com", { host });
  await jesse.goto(`${host}/portaal/${jesseId}/berichten`);
  await jesse.getByRole("button", { name: new RegExp(literal(together)) }).click();
  await expect(jesse.locator(".message-body")).toContainText("Zullen we samen naar de ouderavond?");
  await expect(jesse.locator(".thread-readers")).toContainText("Jesse Kok (u)");
  await expect(jesse.getByRole("button", { name: new RegExp(literal(alone)) })).toHaveCount(0);

  // Staff see who takes part and add Jesse to the second conversation.
  const staff = await staffPage(browser, host, "beheer@hetbaken.example");
  if (phone) await staff.setViewportSize({ width: 390, height: 844 });
  await staff.goto(`${host}/berichten?client=${jesseId}`);
  // A conversation staff start is for everyone in the portal unless they untick someone.
  await staff.getByRole("button", { name: "Nieuw bericht" }).click();
  const staffWho = staff.getByRole("group", { name: "Wie doen er mee?" });
  await expect(staffWho.getByRole("checkbox", { name: "Jesse Kok (Cliënt)" })).toBeChecked();
  await expect(staffWho.getByRole("checkbox", { name: "Marloes Kok (Ouder)" })).toBeChecked();
  await lookAt(staff, testInfo, "participants-staff-compose");
  await staff.getByRole("button", { name: "Annuleren" }).click();
  await staff.getByRole("button", { name: new RegExp(literal(alone)) }).click();
  const taking = staff.getByRole("region", { name: "Doen mee in het portaal" });
  await expect(taking.getByRole("listitem")).toHaveText(["Marloes Kok (Ouder)"]);
  await taking.getByLabel("Iemand toevoegen").selectOption({ label: "Jesse Kok (Cliënt)" });
  await lookAt(staff, testInfo, "participants-staff-thread");
  await taking.getByRole("button", { name: "Toevoegen" }).click();
  await expect(taking.getByText("Toegevoegd aan het gesprek.")).toBeVisible();
  await expect(taking.getByRole("listitem").filter({ hasText: "Jesse Kok (Cliënt)" })).toBeVisible();

  await jesse.reload();
  await jesse.getByRole("button", { name: new RegExp(literal(alone)) }).click();
  await expect(jesse.locator(".message-body")).toContainText("Een vraag die alleen ik stel.");

  // An appointment for Jesse only: the parent does not see it.
  const where = `Spreekkamer ${testInfo.project.name} ${Date.now()}`;
  await openClient(staff, host, "Jesse Kok");
  await staff.getByText("Afspraak toevoegen").click();
  const form = staff.locator("form", { has: staff.getByRole("group", { name: "Voor wie is deze afspraak?" }) }).first();
  const tomorrow = new Date(Date.now() + 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  await form.getByLabel("Datum en tijd").fill(`${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(tomorrow.getDate())}T10:30`);
  await form.getByLabel("Locatie").fill(where);
  await form.getByRole("radio", { name: "Alleen voor:" }).check();
  await form.getByRole("checkbox", { name: "Jesse Kok (Cliënt)" }).check();
  await lookAt(staff, testInfo, "participants-appointment-form");
  await form.getByRole("button", { name: "Toevoegen" }).click();
  await expect(staff.getByText("Alleen voor: Jesse Kok").first()).toBeVisible();
  await staff.context().close();

  await jesse.goto(`${host}/portaal/${jesseId}/afspraken`);
  await expect(jesse.getByText(where)).toBeVisible();
  await jesseCtx.close();
  await page.goto(`/portaal/${jesseId}/afspraken`);
  await expect(page.getByRole("heading", { name: "Afspraken", level: 1 })).toBeVisible();
  await expect(page.getByText(where)).toHaveCount(0);
});
