// The per-account throttle on second-factor codes is for guesses: a holder who logs in often (a parent
// who opens every notice, a busy test suite) is never shut out by their own right codes.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Harness, HET_BAKEN, makeHarness } from "../../test-support/app-harness";

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(async () => {
  vi.useRealTimers();
  await h.close();
});

describe("second-factor throttle", () => {
  it("lets a holder log in twenty times within fifteen minutes with right codes", async () => {
    const start = Date.now();
    for (let i = 0; i < 20; i++) {
      // Thirty seconds apart: a new authenticator code each time, all inside one 15-minute window.
      vi.useFakeTimers({ toFake: ["Date"], now: start + i * 30_000 });
      const cookie = await h.login(HET_BAKEN, "client@example.com");
      expect((await h.request(HET_BAKEN, "GET", "/api/me", { cookie })).status).toBe(200);
    }
  });
});
