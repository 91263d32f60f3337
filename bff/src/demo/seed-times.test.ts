// The demo's appointments fall in office hours on the Dutch clock, not at 02:00 at night.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Harness, makeHarness } from "../test-support/app-harness";

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

it("seeds appointments between 09:00 and 17:00 Amsterdam time", async () => {
  const rows = await h.deps.db.$raw.all<{ starts_at: number | string }>("SELECT starts_at FROM appointments");
  expect(rows.length).toBeGreaterThan(10);
  const hours = new Intl.DateTimeFormat("nl-NL", { timeZone: "Europe/Amsterdam", hour: "numeric", hourCycle: "h23" });
  // PostgreSQL's bigint comes as a string.
  for (const starts_at of rows.map((r) => Number(r.starts_at))) {
    const hour = Number(hours.format(starts_at));
    expect(hour, new Date(starts_at).toISOString()).toBeGreaterThanOrEqual(9);
    expect(hour, new Date(starts_at).toISOString()).toBeLessThan(17);
  }
});
