// The attack an outside review ran on a copy of the database: triggers dropped, rows deleted, the hashes
// recomputed. With the chain keyed by a secret outside the database, numbered without gaps and checked
// against signed checkpoints outside it, audit:verify finds every variant, also rows cut off the end.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config";
import { type Db, openSqlite } from "../db/client";
import * as schema from "../db/tables";
import { createDeps } from "../deps";
import { type Harness, HET_BAKEN, makeHarness } from "../test-support/app-harness";
import { CHECKPOINT_FILE } from "./checkpoints";
import { deriveAuditKeys, readServerKey } from "./keys";
import { appendAudit, auditHash, GENESIS, KEYED_MARKER, keyedAuditHash } from "./log";
import { checkAuditLogOf } from "./verify";

const bff = path.resolve(import.meta.dirname, "../..");
function verifyCli(dataDir: string) {
  const run = spawnSync(path.join(bff, "node_modules/.bin/tsx"), ["src/audit/verify-cli.ts"], {
    cwd: bff,
    env: { ...process.env, DATA_DIR: dataDir, INIT_CWD: bff },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

type Row = typeof schema.auditLog.$inferSelect;
let h: Harness;
const copies: string[] = [];

/** A copy of the data folder as someone with file access would take it: database, key file, checkpoints. */
async function copyOfDataFolder(): Promise<{ dir: string; sqlite: Db }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portaal-attack-"));
  copies.push(dir);
  const source = new Database(path.join(h.dataDir, "portaal.db"), { readonly: true });
  try {
    await source.backup(path.join(dir, "portaal.db"));
  } finally {
    source.close();
  }
  for (const f of ["secret.key", CHECKPOINT_FILE]) fs.copyFileSync(path.join(h.dataDir, f), path.join(dir, f));
  const sqlite = openSqlite(path.join(dir, "portaal.db"));
  await sqlite.$raw.run("DROP TRIGGER audit_log_no_update");
  await sqlite.$raw.run("DROP TRIGGER audit_log_no_delete");
  return { dir, sqlite };
}

/** Recomputes every row's hash and link from the start, as an attacker would after deleting rows. */
async function rechain(sqlite: Db, hashOf: (prev: string, row: Row) => string) {
  let prev = GENESIS;
  for (const row of await sqlite.select().from(schema.auditLog).orderBy(schema.auditLog.seq)) {
    const hash = hashOf(prev, row);
    await sqlite.$raw.run("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", prev, hash, row.seq);
    prev = hash;
  }
}

const check = async (dir: string, sqlite: Db) => {
  const key = readServerKey(dir, null) as Buffer;
  return await checkAuditLogOf(sqlite, dir, deriveAuditKeys(key));
};

beforeAll(async () => {
  h = await makeHarness();
  for (const email of ["ouder@example.com", "beheer@hetbaken.example", "client@example.com"]) await h.login(HET_BAKEN, email);
  await h.deps.audit.write();
});
afterAll(async () => {
  await h.close();
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
});

// The attacks are on copies of the SQLite file in a data folder (and a data folder from an older version):
// SQLite only.
describe.skipIf(process.env.TEST_DATABASE === "pg")("the keyed audit chain", () => {
  it("finds rows deleted and the unkeyed hashes recomputed (the review's attack), through npm run audit:verify", async () => {
    const { dir, sqlite } = await copyOfDataFolder();
    const login = ((await sqlite.$raw.get("SELECT seq FROM audit_log WHERE action = 'login' ORDER BY seq LIMIT 1")) as { seq: number }).seq;
    await sqlite.$raw.run("DELETE FROM audit_log WHERE seq = ?", login);
    await rechain(sqlite, (prev, row) => auditHash(prev, row));
    await sqlite.$raw.close();
    const { code, out } = verifyCli(dir);
    expect(out).toContain("the log has no keyed part");
    expect(out).toMatch(new RegExp(`BROKEN at seq ${login + 1} .*seq ${login} missing`));
    // The checkpoint written before the copy no longer matches either.
    expect(out).toMatch(/BROKEN at seq \d+: the signed checkpoint of .* names this row with another hash/);
    expect(out).not.toContain("chain intact");
    expect(code).toBe(1);
  });

  it("finds a chain recomputed in the keyed format with any key but the server's", async () => {
    const { dir, sqlite } = await copyOfDataFolder();
    const guess = randomBytes(32);
    await sqlite.$raw.run("DELETE FROM audit_log WHERE seq = (SELECT max(seq) - 2 FROM audit_log)");
    // Renumbered as well, so no gap shows: only the key can tell.
    await sqlite.$raw.run("UPDATE audit_log SET seq = seq - 1 WHERE seq > (SELECT max(seq) - 2 FROM audit_log)");
    await rechain(sqlite, (prev, row) => keyedAuditHash(guess, row.seq, prev, row));
    const report = await check(dir, sqlite);
    expect(report.keyedFrom).toBeNull();
    expect(report.breaks.length).toBeGreaterThan(1);
    await sqlite.$raw.close();
  });

  it("finds rows cut off the end through the signed checkpoint, and a removed or forged checkpoint file", async () => {
    const last = ((await h.deps.db.$raw.get("SELECT max(seq) s FROM audit_log")) as { s: number }).s;
    const { dir, sqlite } = await copyOfDataFolder();
    expect((await check(dir, sqlite)).breaks).toEqual([]);
    // The end cut off: what is left is a perfect chain, but the checkpoint names a row it no longer has.
    await sqlite.$raw.run("DELETE FROM audit_log WHERE seq > ?", last - 3);
    const cut = await check(dir, sqlite);
    expect(cut.breaks.map((b) => [b.seq, b.reason])).toEqual([[last, "checkpoint"]]);

    const file = path.join(dir, CHECKPOINT_FILE);
    const lines = fs.readFileSync(file, "utf8").trimEnd().split("\n");
    const forged = lines.map((l) => {
      const cp = JSON.parse(l) as { seq: number; hash: string };
      return JSON.stringify({ ...cp, seq: Math.min(cp.seq, last - 3) });
    });
    fs.writeFileSync(file, `${forged.join("\n")}\n`);
    expect((await check(dir, sqlite)).problems.join()).toMatch(/not signed with this server's key/);
    fs.rmSync(file);
    expect((await check(dir, sqlite)).problems.join()).toMatch(/checkpoint file .* is missing/);
    // The copy kept from the portal's log output still shows the cut, whatever happened to the folder.
    const logOutput = ["[bff] listening on port 3000", ...lines.map((l) => `[audit] checkpoint ${l}`), "[bff] {niet van ons}"].join("\n");
    const key = readServerKey(dir, null) as Buffer;
    const fromLog = await checkAuditLogOf(sqlite, dir, deriveAuditKeys(key), [logOutput]);
    expect(fromLog.breaks.map((b) => [b.seq, b.reason])).toEqual([[last, "checkpoint"]]);
    expect(fromLog.problems).toEqual([expect.stringMatching(/is missing/)]);
    await sqlite.$raw.close();
  });

  it("keeps a log from before the keyed chain: its rows checked unkeyed up to a keyed marker that seals them", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portaal-oldlog-"));
    copies.push(dir);
    // Five rows as the previous version wrote them: unkeyed, numbered by SQLite.
    const old = openSqlite(path.join(dir, "portaal.db"));
    let prev = GENESIS;
    for (let i = 1; i <= 5; i++) {
      const row = {
        orgId: null,
        at: 1_700_000_000_000 + i,
        actorId: null,
        actorLabel: "oud",
        action: `oud.${i}`,
        outcome: "success" as const,
      };
      const hash = auditHash(prev, row);
      await old.insert(schema.auditLog).values({ ...row, prevHash: prev, hash });
      prev = hash;
    }
    await old.$raw.close();

    const deps = await createDeps(loadConfig({ ...process.env, DATA_DIR: dir, WEB_DIST: "" }));
    await appendAudit(deps.db, { orgId: null, actorId: null, actorLabel: "nieuw", action: "nieuw", outcome: "success" });
    const marker = await deps.db.$raw.get<{ seq: number; details_json: string }>(
      "SELECT seq, details_json FROM audit_log WHERE action = ?",
      KEYED_MARKER,
    );
    expect(marker).toEqual({ seq: 6, details_json: JSON.stringify({ unkeyedThrough: 5 }) });
    expect((await check(dir, deps.db)).breaks).toEqual([]);
    // Starting again adds no second marker.
    await deps.db.$raw.close();
    const again = await createDeps(loadConfig({ ...process.env, DATA_DIR: dir, WEB_DIST: "" }));
    expect(await again.db.$raw.get("SELECT count(*) n FROM audit_log WHERE action = ?", KEYED_MARKER)).toEqual({ n: 1 });

    // An old row changed and the unkeyed part recomputed: the keyed marker still names the old last hash.
    await again.db.$raw.run("DROP TRIGGER audit_log_no_update");
    await again.db.$raw.run("UPDATE audit_log SET actor_label = 'iemand anders' WHERE seq = 2");
    const sqlite = again.db;
    let p = GENESIS;
    for (const row of await sqlite.select().from(schema.auditLog).orderBy(schema.auditLog.seq)) {
      if (row.seq > 5) break;
      const hash = auditHash(p, row);
      await sqlite.$raw.run("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", p, hash, row.seq);
      p = hash;
    }
    expect((await check(dir, sqlite)).breaks.map((b) => [b.seq, b.reason])).toEqual([[6, "link"]]);
    await sqlite.$raw.close();
  });

  it("refuses to start with another server key than the one that wrote the log, and writes nothing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portaal-otherkey-"));
    copies.push(dir);
    const first = await createDeps(loadConfig({ ...process.env, DATA_DIR: dir, WEB_DIST: "" }));
    await appendAudit(first.db, { orgId: null, actorId: null, actorLabel: "eerste", action: "eerste", outcome: "success" });
    const rows = await first.db.$raw.get("SELECT count(*) n FROM audit_log");
    await first.db.$raw.close();
    const otherKey = randomBytes(32).toString("base64");
    await expect(createDeps(loadConfig({ ...process.env, DATA_DIR: dir, WEB_DIST: "", PORTAAL_SECRET_KEY: otherKey }))).rejects.toThrow(
      "The server key is not the key this database was written with",
    );
    const again = await createDeps(loadConfig({ ...process.env, DATA_DIR: dir, WEB_DIST: "" }));
    expect(await again.db.$raw.get("SELECT count(*) n FROM audit_log")).toEqual(rows);
    expect((await check(dir, again.db)).breaks).toEqual([]);
    await again.db.$raw.close();
  });
});
