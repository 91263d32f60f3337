// Screenshots for people to look at, and an axe scan that must find nothing.
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";

/** Every rule that checks WCAG 2.1 A and AA, ... */
const WCAG21_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
/**
 * ...including the ones axe marks experimental and so leaves out of a tag run unless asked: label in
 * name (2.5.3), orientation (1.3.4) and the structure checks of 1.3.1.
 */
const EXPERIMENTAL_WCAG21_RULES = [
  "label-content-name-mismatch",
  "css-orientation-lock",
  "p-as-heading",
  "table-fake-caption",
  "td-has-header",
];

export async function lookAt(page: Page, testInfo: TestInfo, name: string) {
  const dir = path.resolve(import.meta.dirname, "../../screenshots");
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${testInfo.project.name}-${name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page })
    // options() replaces every option set before it, so it comes first.
    .options({ rules: Object.fromEntries(EXPERIMENTAL_WCAG21_RULES.map((id) => [id, { enabled: true }])) })
    .withTags(WCAG21_TAGS)
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `axe violations on ${name}`).toEqual([]);
}
