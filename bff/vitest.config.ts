import { defineConfig } from "vitest/config";

// Integration tests open real databases and hash real argon2id passwords: give them time.
// Two projects: every suite on SQLite (the embedded default), and the integration and security suites again
// on a real PostgreSQL server (TEST_DATABASE=pg: one server for the run, a fresh database per harness).
// Files that test one dialect's own machinery (the SQLite file, its lock, the parity of both schemas, the
// processes on PostgreSQL) run once.
const runOnce = [
  "src/db/schema-parity.test.ts",
  "src/db/data-access-rules.test.ts",
  "src/admin/migrate-to-postgres.test.ts",
  "src/multi-process/**/*.test.ts",
];

export default defineConfig({
  test: {
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "sqlite", include: ["src/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "pg",
          include: ["src/**/*.test.ts"],
          exclude: [...runOnce, "src/resilience/**", "src/backup/**", "src/db/instance-lock*.test.ts"],
          env: { TEST_DATABASE: "pg" },
          globalSetup: ["src/test-support/pg-global-setup.ts"],
        },
      },
    ],
  },
});
