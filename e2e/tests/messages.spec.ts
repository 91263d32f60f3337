// Berichten: a parent writes, the practitioner finds it in the Beheer inbox and answers, the parent
// sees the unread badge and the answer; the e-mail notice carries no content.
import { expect, test } from "@playwright/test";
import { hostOf, openClient, staffPage } from "./support/lifecycle";
import { loginAs } from "./support/login";
import { lookAt } from "./support/look";
import { newestMail } from "./support/mail";

test("parent and practitioner exchange messages; unread badges; a notice without content", async ({ page, browser, baseURL }, testInfo) => {
  const host = hostOf(baseURL);
  const phone = testInfo.project.name === "phone";
  const subject = `Vraag over logeren (${testInfo.project.name})`;
  const secret = "Sanne slaapt slecht sinds de verhuizing";

  await loginAs(page, "ouder@example.com");
  const me = (await page.request.get("/api/me").then((r) => r.json())) as { portals: { clientId: string; name: string }[] };
  const sanneId = me.portals.find((p) => p.name === "Sanne Jansen")?.clientId ?? "";
  await page.goto(`/portaal/${sanneId}/berichten`);
  await expect(page.getByRole("heading", { name: "Berichten", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Nieuw bericht" }).click();
  await expect(page.getByText(/Bij spoed of crisis: bel/).first()).toBeVisible();
  // An empty message is refused with the reason, and nothing is sent.
  await page.getByLabel("Onderwerp").fill(subject);
  await page.getByRole("button", { name: "Versturen" }).click();
  await expect(page.getByText("Schrijf een bericht.")).toBeVisible();
  await page.getByLabel("Bericht", { exact: true }).fill(`${secret}.\nKunnen we bellen?`);
  await lookAt(page, testInfo, "messages-compose");
  await page.getByRole("button", { name: "Versturen" }).click();
  await expect(page.getByRole("heading", { name: subject, level: 2 })).toBeFocused();
  await expect(page.locator(".message-mine")).toContainText(secret);

  // Other tests may leave unread messages in this portal: count from here.
  const unread = async () => ((await page.request.get(`/api/portal/${sanneId}/unread`).then((r) => r.json())) as { unread: number }).unread;
  const before = await unread();

  // The practitioner sees it as unread in the inbox, opens it and answers.
  const staff = await staffPage(browser, host, "begeleider@hetbaken.example");
  await staff.goto(`${host}/berichten?ongelezen=1`);
  const item = staff.getByRole("button", { name: new RegExp(subject.replace(/[()]/g, "\\$&")) });
  await expect(item).toContainText("Sanne Jansen");
  await expect(item).toContainText("1 ongelezen");
  await item.click();
  await expect(staff.locator(".message-body")).toContainText(secret);
  await staff.getByLabel("Uw antwoord").fill("Ik bel u morgen om 10 uur.");
  await staff.getByRole("button", { name: "Versturen" }).click();
  await expect(staff.getByText("Uw bericht is verstuurd.")).toBeVisible();
  await expect(staff.locator(".message-mine")).toContainText("Ik bel u morgen");
  await lookAt(staff, testInfo, "messages-staff-inbox");
  // From the client's page the inbox opens filtered on that client.
  await openClient(staff, host, "Sanne Jansen");
  await staff.getByRole("link", { name: "Berichten", exact: true }).last().click();
  await expect(staff.getByRole("button", { name: new RegExp(subject.replace(/[()]/g, "\\$&")) })).toBeVisible();
  await staff.context().close();

  // The parent gets a notice without the content, and sees the badge in the navigation.
  const mail = await newestMail(page.request, "ouder@example.com", { subject: /bericht/i });
  expect(mail.text).not.toContain(secret);
  expect(mail.text).not.toContain("Ik bel u morgen");
  expect(mail.subject).not.toContain("logeren");
  await page.goto(`/portaal/${sanneId}`);
  const nav = page.getByRole("navigation", { name: phone ? "Onderdelen" : "Hoofdnavigatie" });
  const badge = (n: number) => new RegExp(`^Berichten\\s*${n} ongelezen berichte?n?$`);
  await expect(nav.getByRole("link", { name: badge(before + 1) })).toBeVisible();
  await lookAt(page, testInfo, "messages-badge");
  await nav.getByRole("link", { name: /Berichten/ }).click();
  await page.getByRole("button", { name: new RegExp(subject.replace(/[()]/g, "\\$&")) }).click();
  await expect(page.locator(".message").last()).toContainText("Ik bel u morgen om 10 uur.");
  await lookAt(page, testInfo, "messages-thread");
  if (before === 0) await expect(nav.getByRole("link", { name: /ongelezen/ })).toHaveCount(0);
  else await expect(nav.getByRole("link", { name: badge(before) })).toBeVisible();
});
