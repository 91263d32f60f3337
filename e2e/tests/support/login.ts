// Logs a demo account in through the real login page, with a TOTP code computed here.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Demo-wachtwoord-2026!";
const DEMO_KEY = decodeBase32IgnorePadding("JBSWY3DPEHPK3PXP");

/**
 * Codes cannot be replayed: a step once used (or an earlier one) is refused. The server accepts one
 * step ahead, so an account logs in at most twice per 30 s; past that we wait for the clock. The steps
 * used are kept in a file, because Playwright starts a new worker process after a failed test.
 */
const stepsFile = path.join(os.tmpdir(), "portaal-e2e-totp-steps.json");

function readSteps(): Record<string, number> {
  try {
    return JSON.parse(fs.readFileSync(stepsFile, "utf8")) as Record<string, number>;
  } catch {
    return {};
  }
}

export async function nextTotpCode(email: string, secret?: string): Promise<string> {
  const key = secret ? decodeBase32IgnorePadding(secret.replace(/\s/g, "")) : DEMO_KEY;
  const now = () => Math.floor(Date.now() / 30_000);
  const steps = readSteps();
  const step = Math.max(now(), (steps[email] ?? -1) + 1);
  while (step > now() + 1) await new Promise((r) => setTimeout(r, 1000));
  fs.writeFileSync(stepsFile, JSON.stringify({ ...readSteps(), [email]: step }));
  return generateHOTP(key, BigInt(step), 6);
}

export async function loginAs(
  page: Page,
  email: string,
  opts: { host?: string; trustDevice?: boolean; password?: string; secret?: string; start?: string; acceptTerms?: boolean } = {},
) {
  // People start at the portal's address (or a link in an e-mail), not at the login form.
  await page.goto(`${opts.host ?? ""}${opts.start ?? "/"}`);
  await expect(page).toHaveURL(/\/inloggen/);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(opts.password ?? DEMO_PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("heading", { name: "Verificatiecode" })).toBeVisible();
  await page.getByLabel("Verificatiecode").fill(await nextTotpCode(email, opts.secret));
  if (opts.trustDevice) await page.getByLabel("Vertrouw deze computer voor een week").check();
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await expect(page).not.toHaveURL(/inloggen/);
  // Signed in for real: the page behind the login shows, not the login form again.
  await expect(page.locator("#inhoud")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Inloggen", exact: true })).toHaveCount(0);
  // New terms of use were published (organization-terms-log.spec.ts): everyone accepts them at the next
  // login, as a person would. Tests about the terms form itself pass `acceptTerms: false`.
  if (opts.acceptTerms !== false) await acceptNewTerms(page);
}

/** When the terms form shows instead of the portal, tick the box and go on. */
export async function acceptNewTerms(page: Page) {
  const terms = page.getByRole("button", { name: "Akkoord en verder" });
  if (!(await terms.isVisible())) return;
  await page.getByLabel("Ik ga akkoord met de gebruiksvoorwaarden").check();
  await terms.click();
  await expect(terms).toHaveCount(0);
}
