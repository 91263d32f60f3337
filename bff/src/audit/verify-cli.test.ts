// The audit:verify command, run as its own process on a real database file: silent about an intact
// chain, and naming the row where someone with file access changed or removed an entry.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, HET_BAKEN, makeHarness } from "../test-support/app-harness";

const bff = path.resolve(import.meta.dirname, "../..");
function verify(dataDir: string, databaseUrl = h.deps.config.databaseUrl) {
  const run = spawnSync(path.join(bff, "node_modules/.bin/tsx"), ["src/audit/verify-cli.ts"], {
    cwd: bff,
    env: { ...process.env, DATA_DIR: dataDir, INIT_CWD: bff, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
  for (const email of ["ouder@example.com", "beheer@hetbaken.example", "client@example.com", "begeleider@hetbaken.example"])
    await h.login(HET_BAKEN, email);
});
afterAll(() => h.close());

// PostgreSQL's bigint (seq, count) comes as a string: Number() reads it on both dialects.
const seqOf = async (action: string, n = 0) =>
  Number(
    ((await h.deps.db.$raw.get("SELECT seq FROM audit_log WHERE action = ? ORDER BY seq LIMIT 1 OFFSET ?", action, n)) as { seq: number })
      .seq,
  );
const dropTrigger = (name: string) =>
  h.deps.db.$raw.run(h.deps.db.$dialect === "pg" ? `DROP TRIGGER ${name} ON audit_log` : `DROP TRIGGER ${name}`);

describe("audit:verify", () => {
  it("reports an intact chain with exit code 0", async () => {
    const rows = Number(((await h.deps.db.$raw.get("SELECT count(*) n FROM audit_log")) as { n: number }).n);
    expect(rows).toBeGreaterThan(4);
    const { code, out } = verify(h.dataDir);
    expect(out).toContain(`chain intact, ${rows} rows checked`);
    expect(code).toBe(0);
  });

  it("names the altered row and the row after a removed one, with exit code 1", async () => {
    const altered = await seqOf("login", 1);
    const removed = await seqOf("login", 2);
    const after = Number(((await h.deps.db.$raw.get("SELECT min(seq) s FROM audit_log WHERE seq > ?", removed)) as { s: number }).s);
    // Someone with access to the file drops the guards and edits one row, then deletes another.
    await dropTrigger("audit_log_no_update");
    await dropTrigger("audit_log_no_delete");
    await h.deps.db.$raw.run("UPDATE audit_log SET outcome = 'failure' WHERE seq = ?", altered);
    await h.deps.db.$raw.run("DELETE FROM audit_log WHERE seq = ?", removed);
    const { code, out } = verify(h.dataDir);
    expect(out).toMatch(new RegExp(`BROKEN at seq ${altered} \\(.*login\\): row content does not match its hash`));
    expect(out).toMatch(new RegExp(`BROKEN at seq ${after} .*does not follow the row before.*seq ${removed} missing`));
    expect(out).toContain("2 break(s)");
    expect(code).toBe(1);
  });

  it("says so when there is no database (exit code 2)", () => {
    // SQLite: a data folder without portaal.db; PostgreSQL: a database that does not exist.
    const url = h.deps.config.databaseUrl;
    const { code, out } = url ? verify(h.dataDir, url.replace(/\/[^/]+$/, "/bestaat_niet")) : verify(path.join(h.dataDir, "bestaat-niet"));
    expect(out).toContain("no database");
    expect(out).not.toMatch(/postgres:\/\/[^@\s]*:[^@\s]*@/);
    expect(code).toBe(2);
  });
});
