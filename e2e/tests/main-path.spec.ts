// The main path as people take it (issue 11, point 1): the portal's address, or the link in a
// notification e-mail, then one login, and the page they were going to.
import { expect, test } from "@playwright/test";
import { hostOf, staffPage } from "./support/lifecycle";
import { loginAs } from "./support/login";
import { lookAt } from "./support/look";
import { newestMail } from "./support/mail";

test("one login from the portal's address and from an e-mail's link; Nieuw voor u counts from the last visit", async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  test.slow();
  const host = hostOf(baseURL);
  // The portal's address: the login form, then Home, and a reload stays signed in.
  await loginAs(page, "ouder@example.com");
  await expect(page.getByRole("heading", { name: "Welkom, Petra Jansen" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Welkom, Petra Jansen" })).toBeVisible();
  const me = (await page.request.get("/api/me").then((r) => r.json())) as { portals: { clientId: string; name: string }[] };
  expect(me.portals).toHaveLength(2);
  expect((await page.request.post("/api/auth/logout", { headers: { Origin: host } })).status()).toBeLessThan(300);

  // The begeleider writes in both of the parent's portals; the parent gets a notice with a link. Notices
  // are bundled per person for ten minutes, so the newest may be an earlier one: its link is as good.
  const portalIds = me.portals.map((p) => p.clientId);
  const subject = `Nieuws van de begeleider (${testInfo.project.name})`;
  const staff = await staffPage(browser, host, "begeleider@hetbaken.example");
  for (const clientId of portalIds) {
    const sent = await staff.request.post(`${host}/api/beheer/clients/${clientId}/threads`, {
      headers: { Origin: host },
      data: { subject, body: "Vandaag ging het goed." },
    });
    expect(sent.status()).toBe(201);
  }
  await staff.context().close();
  const mail = await newestMail(page.request, "ouder@example.com", { subject: /bericht/i });
  expect(mail.text).not.toContain("Vandaag ging het goed");
  const link = /(https?:\/\/\S+\/portaal\/([a-z0-9]+)\/berichten)\b/.exec(mail.text);
  const clientId = link?.[2] ?? "";
  expect(portalIds).toContain(clientId);

  // The link: one login, and the person lands where the link goes, not on the login form again.
  await loginAs(page, "ouder@example.com", { start: new URL(link?.[1] ?? "").pathname });
  await expect(page).toHaveURL(new RegExp(`/portaal/${clientId}/berichten$`));
  await expect(page.getByRole("heading", { name: "Berichten", level: 1 })).toBeVisible();
  await expect(page.getByText(subject).first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Berichten", level: 1 })).toBeVisible();

  // Home counts from the previous visit, so the new message is news.
  await page.goto(`/portaal/${clientId}`);
  const activity = page.locator("section", { has: page.getByRole("heading", { name: "Nieuw voor u" }) });
  await expect(activity.getByText(/Sinds uw vorige bezoek op/)).toBeVisible();
  const messages = activity.getByRole("link", { name: /nieuwe? bericht/ });
  await expect(messages.locator(".activity-count")).not.toHaveText("0");
  await lookAt(page, testInfo, "main-path-home");
});

test("every shared item previews: a PDF drawn on the page, a verslag's text, or why not", async ({ page }, testInfo) => {
  // Two logins and a PDF drawn in the browser: on a busy machine this takes longer than the default minute.
  test.slow();
  await loginAs(page, "ouder@example.com");
  const me = (await page.request.get("/api/me").then((r) => r.json())) as { portals: { clientId: string; name: string }[] };
  const daanId = me.portals.find((p) => p.name === "Daan Jansen")?.clientId ?? "";
  await page.goto(`/portaal/${daanId}/dossier`);
  await expect(page.getByRole("heading", { name: "Dossier", level: 1 })).toBeVisible();

  // The first shared document of the demo is a PDF: pdf.js draws it, and its text is there for screen readers.
  const card = page
    .locator("li.card")
    .filter({ has: page.getByRole("link", { name: /Downloaden/ }) })
    .first();
  const title = (await card.locator(".doc-title").textContent()) ?? "";
  await card.getByRole("button", { name: /Bekijken/ }).click();
  const preview = page.getByRole("region", { name: `Voorbeeld van ${title}` });
  const canvas = preview.locator(".pdf-page canvas").first();
  await expect(canvas).toBeVisible();
  await expect(preview.locator("figcaption").first()).toContainText("Dit is een voorbeelddocument");
  await expect(preview.locator("figcaption").first()).toContainText(title);
  // Drawn for real: dark pixels of the text on the white page.
  await expect
    .poll(() =>
      canvas.evaluate((c: HTMLCanvasElement) => {
        const data = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 100) dark++;
        return dark;
      }),
    )
    .toBeGreaterThan(500);
  await lookAt(page, testInfo, "dossier-pdf-preview");

  // The download is the same file, with its own name.
  const download = await page.request.get((await card.getByRole("link", { name: /Downloaden/ }).getAttribute("href")) ?? "");
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect(download.headers()["content-security-policy"]).toContain("default-src 'none'");

  // A verslag shows its text.
  await page.goto(`/portaal/${daanId}/verslagen`);
  const report = page.locator("li.card").first();
  await report.getByRole("button", { name: /Bekijken/ }).click();
  await expect(page.locator(".doc-text").first()).toContainText("Het gaat goed.");
  await lookAt(page, testInfo, "verslagen-text-preview");
});
