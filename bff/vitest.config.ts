import { defineConfig } from "vitest/config";

// Integration tests open real SQLite files and hash real argon2id passwords: give them time.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
