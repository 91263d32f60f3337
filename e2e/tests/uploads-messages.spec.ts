// Issue 11 points 4 and 5, from a parent's chair: one's own uploads stay in view and can be removed until
// staff keep them; a message goes to a chosen team member with a file, says who can read it and shows
// one's own name; the practitioner opens it from the inbox and downloads the file.
import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { hostOf, openUserMenu, staffPage } from "./support/lifecycle";
import { loginAs } from "./support/login";
import { lookAt } from "./support/look";

const PDF = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`, "latin1");
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

/** A person opens the portal's address and logs in there. */
async function loginAtStart(page: Page, email: string) {
  await loginAs(page, email);
  // The avatar menu on a wide screen, the hamburger "Menu" on a phone.
  await expect(page.getByRole("button", { name: /(^|\s)Menu( van .+)?$/ }).first()).toBeVisible();
}

/** Into one child's portal through the portal switcher, then a part of it through the navigation. */
async function openPortalPart(page: Page, child: string, part: "Dossier" | "Berichten", phone: boolean) {
  await openUserMenu(page, "Petra Jansen");
  await page
    .getByRole("link", { name: new RegExp(child) })
    .first()
    .click();
  const nav = page.getByRole("navigation", { name: phone ? "Onderdelen" : "Hoofdnavigatie" });
  await nav.getByRole("link", { name: new RegExp(`^${part}`) }).click();
  await expect(page.getByRole("heading", { name: part, level: 1 })).toBeVisible();
}

test.describe.configure({ timeout: 180_000 });

test("Mijn uploads: a parent sees and removes an own upload; one that staff kept stays", async ({ page, browser, baseURL }, testInfo) => {
  const host = hostOf(baseURL);
  const phone = testInfo.project.name === "phone";
  const tag = testInfo.project.name;
  const wrong = `verkeerde-brief-${tag}.pdf`;
  const keep = `verwijsbrief-${tag}.pdf`;
  page.on("dialog", (d) => void d.accept());

  await loginAtStart(page, "ouder@example.com");
  await openPortalPart(page, "Sanne Jansen", "Dossier", phone);
  const mine = page.getByRole("list", { name: "Mijn uploads" });
  for (const name of [wrong, keep]) {
    await page.getByLabel("Bestand kiezen").setInputFiles({ name, mimeType: "application/pdf", buffer: PDF(name) });
    await expect(page.getByText(`${name} is geüpload`)).toBeVisible();
    await expect(mine.getByRole("listitem").filter({ hasText: name })).toContainText("Nog niet bekeken/bewaard");
  }
  await lookAt(page, testInfo, "my-uploads");

  // The wrong one goes, after a confirmation.
  await mine
    .getByRole("listitem")
    .filter({ hasText: wrong })
    .getByRole("button", { name: `Verwijderen ${wrong}` })
    .click();
  await expect(page.getByText(`${wrong} is verwijderd.`)).toBeVisible();
  await expect(mine.getByText(wrong)).toHaveCount(0);

  // The practitioner keeps the other one.
  const staff = await staffPage(browser, host, "begeleider@hetbaken.example");
  await staff.goto(`${host}/beheer?q=${encodeURIComponent("Sanne Jansen")}`);
  await staff.getByRole("link", { name: "Sanne Jansen" }).first().click();
  await expect(staff.getByRole("link", { name: wrong })).toHaveCount(0);
  await staff.getByRole("button", { name: `Bewaren in dossier ${keep}` }).click();
  await expect(staff.getByRole("listitem").filter({ hasText: keep }).getByText("Bewaard", { exact: true })).toBeVisible();
  await staff.context().close();

  // Now it says so, and it can no longer be removed: not in the page, and not by asking the BFF directly.
  await page.reload();
  const kept = mine.getByRole("listitem").filter({ hasText: keep });
  await expect(kept).toContainText("Bewaard in het dossier");
  await expect(kept.getByRole("button", { name: /Verwijderen/ })).toHaveCount(0);
  const portal = /\/portaal\/([a-z0-9]+)/.exec(page.url())?.[1] ?? "";
  const uploads = (await page.request.get(`/api/portal/${portal}/uploads`).then((r) => r.json())) as {
    items: { id: string; file: { name: string } }[];
  };
  const keptId = uploads.items.find((u) => u.file.name === keep)?.id ?? "";
  // Through the page's own fetch, so the request carries the portal's origin like the SPA's.
  const refused = await page.evaluate(async (url) => {
    const res = await fetch(url, { method: "DELETE" });
    return { status: res.status, body: (await res.json()) as { error: { message: string } } };
  }, `/api/portal/${portal}/uploads/${keptId}`);
  expect(refused.status).toBe(409);
  expect(refused.body.error.message).toMatch(/al bewaard in het dossier/);
  await lookAt(page, testInfo, "my-uploads-kept");
});

test("Berichten: a file to a chosen team member, cancel a draft, who can read it; staff download the file", async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  const host = hostOf(baseURL);
  const phone = testInfo.project.name === "phone";
  const subject = `Schoolrapport (${testInfo.project.name})`;
  const file = `rapport-${testInfo.project.name}.pdf`;
  page.on("dialog", (d) => void d.accept());

  await loginAtStart(page, "ouder@example.com");
  // Daan's care team is Joost Verbeek and Ayse Demir: a choice to make.
  await openPortalPart(page, "Daan Jansen", "Berichten", phone);

  // A draft can be dropped.
  await page.getByRole("button", { name: "Nieuw bericht" }).click();
  await page.getByLabel("Onderwerp").fill("Laat maar");
  await page.getByRole("button", { name: "Annuleren" }).click();
  await expect(page.getByRole("heading", { name: "Nieuw bericht" })).toHaveCount(0);

  await page.getByRole("button", { name: "Nieuw bericht" }).click();
  const to = page.getByRole("group", { name: "Aan wie in het team" });
  await expect(to.getByLabel(/Joost Verbeek/)).toBeChecked();
  await expect(to.getByLabel(/Ayse Demir/)).toBeChecked();
  await to.getByLabel(/Ayse Demir/).uncheck();
  await page.getByLabel("Onderwerp").fill(subject);
  await page.getByLabel("Bericht", { exact: true }).fill("Hierbij het rapport van school.");
  // The file picker offers photos (and so the camera on a phone) without forcing it; phones also get
  // a separate "Foto maken" that asks for the camera.
  await expect(page.getByLabel("Bestand toevoegen")).toHaveAttribute("accept", /image\/\*/);
  await expect(page.getByLabel("Bestand toevoegen")).not.toHaveAttribute("capture");
  if (phone) await expect(page.getByLabel("Foto maken")).toHaveAttribute("capture", "environment");
  await expect(page.getByText("Foto maken")).toBeVisible({ visible: phone });
  await page.getByLabel("Bestand toevoegen").setInputFiles([
    { name: file, mimeType: "application/pdf", buffer: PDF(file) },
    { name: "foto.png", mimeType: "image/png", buffer: PNG },
  ]);
  await expect(page.getByRole("button", { name: "foto.png weghalen" })).toBeVisible();
  await page.getByRole("button", { name: "foto.png weghalen" }).click();
  await expect(page.getByRole("button", { name: `${file} weghalen` })).toBeVisible();
  await expect(page.getByRole("button", { name: "foto.png weghalen" })).toHaveCount(0);
  await lookAt(page, testInfo, "messages-compose-attachment");
  await page.getByRole("button", { name: "Versturen" }).click();

  await expect(page.getByRole("heading", { name: subject, level: 2 })).toBeFocused();
  const readers = page.getByText(/^Dit gesprek kunnen lezen:/);
  await expect(readers).toContainText("Petra Jansen (u)");
  await expect(readers).toContainText("Joost Verbeek (begeleider)");
  // Beheerders read every conversation (capability threads.all): the line says so.
  await expect(readers).toContainText("de beheerders van de organisatie");
  await expect(readers).not.toContainText("Ayse Demir");
  await expect(page.locator(".message-mine .message-meta")).toContainText("Petra Jansen (u)");
  await expect(page.locator(".message-mine").getByRole("link", { name: `Downloaden ${file}` })).toBeVisible();
  await lookAt(page, testInfo, "messages-thread-attachment");

  // The chosen practitioner finds it in the inbox and downloads the file.
  const staff = await staffPage(browser, host, "begeleider@hetbaken.example");
  await staff.goto(`${host}/berichten`);
  await staff.getByRole("button", { name: new RegExp(subject.replace(/[()]/g, "\\$&")) }).click();
  await expect(staff.getByText(/^Dit gesprek kunnen lezen:/)).toContainText("Joost Verbeek (u, begeleider)");
  const [download] = await Promise.all([staff.waitForEvent("download"), staff.getByRole("link", { name: `Downloaden ${file}` }).click()]);
  expect(download.suggestedFilename()).toBe(file);
  expect(fs.readFileSync(await download.path(), "latin1")).toContain("%PDF-1.4");
  await lookAt(staff, testInfo, "messages-staff-attachment");
  await staff.context().close();
});
