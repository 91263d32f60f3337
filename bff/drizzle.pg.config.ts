import { defineConfig } from "drizzle-kit";

// The PostgreSQL schema and its migrations, beside the SQLite ones (drizzle.config.ts).
// Generate with: npx drizzle-kit generate --config drizzle.pg.config.ts --name <name>
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema-pg.ts",
  out: "./src/db/migrations-pg",
});
