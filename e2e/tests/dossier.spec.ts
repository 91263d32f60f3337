// Dossier: staff share a document with the mother but not the father of the same client; the mother is
// told by e-mail and previews it; the father gets nothing, not even by id; unsharing hides it; a 10 MB
// upload shows progress and reaches staff; an executable renamed to .pdf is refused.
import { expect, type Page, test } from "@playwright/test";
import { demoPdf } from "../../bff/src/demo/demo-pdf";
import { activate, addRelationAndActivate, hostOf, openClient, staffPage } from "./support/lifecycle";
import { lookAt } from "./support/look";
import { linkIn, newestMail } from "./support/mail";

/** A real one-page PDF of about `size` bytes, so the preview has something to draw. */
function pdf(size: number): Buffer {
  return Buffer.from(demoPdf("Zorgplan", ["Een zorgplan voor de test."], size));
}

async function dossierOf(page: Page) {
  await page.goto("/");
  await expect(page.getByText(/Portaal van|Uw eigen portaal/)).toBeVisible();
  const portal = /\/portaal\/([a-z0-9]+)/.exec(page.url())?.[1] ?? "";
  await page.goto(`/portaal/${portal}/dossier`);
  await expect(page.getByRole("heading", { name: "Dossier", level: 1 })).toBeVisible();
  return portal;
}

test("share per person, preview, unshare, upload with progress, refuse a disguised executable", async ({
  page,
  browser,
  baseURL,
  request,
}, testInfo) => {
  test.setTimeout(240_000);
  const host = hostOf(baseURL);
  const tag = `${testInfo.project.name}${Date.now().toString(36)}`;
  const mother = { first: "Moeder", last: `Jansen${tag}`, email: `moeder.${tag}@example.org` };
  const father = { first: "Vader", last: `Jansen${tag}`, email: `vader.${tag}@example.org` };
  const secretariaat = await staffPage(browser, host, "secretariaat@hetbaken.example");
  await openClient(secretariaat, host, "Daan Jansen");
  await addRelationAndActivate(secretariaat, mother.first, mother.last, mother.email);
  await addRelationAndActivate(secretariaat, father.first, father.last, father.email);
  // Need to know: the secretariaat manages access but sees no dossier content.
  await expect(secretariaat.getByText(/alleen zichtbaar voor het zorgteam van de cliënt en beheerders/)).toBeVisible();
  await expect(secretariaat.getByRole("heading", { name: "Dossier en verslagen" })).toHaveCount(0);
  const refused = await secretariaat.request.get(
    `${host}/api/beheer/clients/${new URL(secretariaat.url()).pathname.split("/").pop()}/documents`,
  );
  expect(refused.status()).toBe(403);
  await lookAt(secretariaat, testInfo, "beheer-client-secretariaat");
  await secretariaat.context().close();

  const fatherContext = await browser.newContext();
  const fatherPage = await fatherContext.newPage();
  await activate(page, linkIn(await newestMail(request, mother.email)), {
    birthDate: "2015-09-02",
    password: "Lente-Bloesem-Tuin-2026",
    factor: "app",
    email: mother.email,
  });
  await activate(fatherPage, linkIn(await newestMail(request, father.email)), {
    birthDate: "2015-09-02",
    password: "Herfst-Bladeren-Bos-2026",
    factor: "app",
    email: father.email,
  });

  // Staff add a document and share it with the mother only.
  const staff = await staffPage(browser, host, "begeleider@hetbaken.example");
  await openClient(staff, host, "Daan Jansen");
  const title = `Zorgplan ${tag}`;
  await staff.getByText("Document of verslag toevoegen").click();
  await staff.getByLabel("Titel").fill(title);
  await staff
    .getByLabel("Bestand (PDF, afbeelding, Word of Excel)")
    .setInputFiles({ name: "zorgplan.pdf", mimeType: "application/pdf", buffer: pdf(4096) });
  await staff.getByRole("button", { name: "Toevoegen", exact: true }).click();
  await expect(staff.getByText("Toegevoegd. Kies hieronder met wie u het deelt.")).toBeVisible();
  const card = staff.locator("li.card", { hasText: title });
  await card.getByLabel(new RegExp(`${mother.first} ${mother.last}`)).check();
  await card.getByRole("button", { name: /Delen opslaan/ }).click();
  await expect(card.getByText(/Opgeslagen/)).toBeVisible();
  await lookAt(staff, testInfo, "beheer-documents");

  const notice = await newestMail(request, mother.email, { subject: /^Bericht van het/ });
  expect(notice.text).not.toContain(title);

  // The mother sees and previews it.
  const portal = await dossierOf(page);
  const item = page.locator("li.card", { hasText: title });
  await item.getByRole("button", { name: /Bekijken/ }).click();
  // Drawn by pdf.js on the page (no frame: phones show none), with its text for screen readers.
  await expect(item.locator(".pdf-page canvas")).toBeVisible();
  await expect(item.locator(".pdf-page figcaption")).toContainText("Een zorgplan voor de test.");
  const src = ((await item.getByRole("link", { name: /Downloaden/ }).getAttribute("href")) ?? "").replace("?download=1", "");
  const preview = await page.request.get(src);
  expect(preview.status()).toBe(200);
  expect(preview.headers()["content-type"]).toBe("application/pdf");
  await lookAt(page, testInfo, "dossier-preview");
  const documentId = /documents\/([a-z0-9]+)\/file/.exec(src)?.[1];

  // The father does not, and asking for it directly answers 404.
  await dossierOf(fatherPage);
  await expect(fatherPage.getByText(title)).toHaveCount(0);
  expect((await fatherPage.request.get(`/api/portal/${portal}/documents/${documentId}`)).status()).toBe(404);
  expect((await fatherPage.request.get(`/api/portal/${portal}/documents/${documentId}/file`)).status()).toBe(404);

  // Unsharing hides it at once.
  await card.getByLabel(new RegExp(`${mother.first} ${mother.last}`)).uncheck();
  await card.getByRole("button", { name: /Delen opslaan/ }).click();
  await expect(card.getByText(/Opgeslagen/)).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Dossier", level: 1 })).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);

  // A 10 MB upload, slowed down so the progress bar can be seen.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 20,
    downloadThroughput: -1,
    uploadThroughput: 4 * 1024 * 1024,
  });
  await page
    .getByLabel("Bestand kiezen")
    .setInputFiles({ name: `verwijsbrief-${tag}.pdf`, mimeType: "application/pdf", buffer: pdf(10 * 1024 * 1024) });
  await expect(page.getByRole("progressbar")).toBeVisible();
  await lookAt(page, testInfo, "dossier-upload-progress").catch(() => undefined);
  await expect(page.getByText(`verwijsbrief-${tag}.pdf is geüpload`)).toBeVisible({ timeout: 30_000 });
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  // An executable with a .pdf name is refused for what it is.
  const exe = Buffer.alloc(4096, 0);
  exe.write("MZ", 0, "latin1");
  await page.getByLabel("Bestand kiezen").setInputFiles({ name: "factuur.pdf", mimeType: "application/pdf", buffer: exe });
  await expect(page.getByRole("alert")).toContainText("kan niet worden geüpload");

  await staff.reload();
  await expect(staff.getByRole("link", { name: `verwijsbrief-${tag}.pdf` })).toBeVisible();
  await expect(staff.getByRole("link", { name: "factuur.pdf" })).toHaveCount(0);
  await staff.context().close();
  await fatherContext.close();
});
