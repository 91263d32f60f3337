// vitest global setup of the "pg" project: one real PostgreSQL server on loopback for the whole run, and a
// migrated template database that every test database is copied from (test-support/postgres.ts).
import pg from "pg";
import { openPostgres } from "../db/client";
import { startTestPostgres, TEMPLATE_DB, type TestPostgres } from "./postgres";

let server: TestPostgres | undefined;

export async function setup(): Promise<void> {
  server = await startTestPostgres(TEMPLATE_DB, { maxConnections: 300 });
  const db = await openPostgres(server.url, { max: 1 });
  await db.$raw.close();
  const admin = new URL(server.url);
  admin.pathname = "/postgres";
  // Read by the test workers (forked after this ran): test-support/postgres.ts freshTestDatabaseUrl().
  process.env.TEST_PG_ADMIN_URL = admin.toString();
  // No connection may stay on the template, or copying it is refused.
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${TEMPLATE_DB}' AND pid <> pg_backend_pid()`);
  await c.end();
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
