// The benchmark measures the production build of the BFF, made exactly as `npm run build` makes it.
import fs from "node:fs";
import path from "node:path";
import { bffDist, buildBff as buildProduction } from "../../bff/src/build";

export { bffDist };

export async function buildBff(): Promise<string> {
  const server = await buildProduction();
  // TODO(lead): bff/src/build.ts copies only the SQLite migrations beside the bundle, and the bundle on
  // DATABASE_URL looks for its PostgreSQL ones there too (db/client.ts, pgMigrationsFolder). Until the build
  // copies them, the bench does (the same files, so harmless after), for `--db postgres`; remove it then.
  const pgMigrations = path.join(bffDist, "migrations-pg");
  fs.rmSync(pgMigrations, { recursive: true, force: true });
  fs.cpSync(path.resolve(import.meta.dirname, "../../bff/src/db/migrations-pg"), pgMigrations, { recursive: true });
  return server;
}
