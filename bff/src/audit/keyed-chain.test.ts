// The attack an outside review ran on a copy of the database: triggers dropped, rows deleted, the hashes
// recomputed. With the chain keyed by a secret outside the database, numbered without gaps and checked
// against signed checkpoints outside it, audit:verify finds every variant, also rows cut off the end.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config";
import { type Db, openDb } from "../db/client";
import * as schema from "../db/schema";
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
async function copyOfDataFolder(): Promise<{ dir: string; sqlite: Database.Database }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portaal-attack-"));
  copies.push(dir);
  await h.deps.db.$client.backup(path.join(dir, "portaal.db"));
  for (const f of ["secret.key", CHECKPOINT_FILE]) fs.copyFileSync(path.join(h.dataDir, f), path.join(dir, f));
  const sqlite = new Database(path.join(dir, "portaal.db"));
  sqlite.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete");
  return { dir, sqlite };
}

/** Recomputes every row's hash and link from the start, as an attacker would after deleting rows. */
function rechain(sqlite: Database.Database, hashOf: (prev: string, row: Row) => string) {
  const db = drizzle(sqlite, { schema });
  let prev = GENESIS;
  const update = sqlite.prepare("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?");
  for (const row of db.select().from(schema.auditLog).orderBy(schema.auditLog.seq).all()) {
    const hash = hashOf(prev, row);
    update.run(prev, hash, row.seq);
    prev = hash;
  }
}

const check = (dir: string, sqlite: Database.Database) => {
  const key = readServerKey(dir, null) as Buffer;
  return checkAuditLogOf(drizzle(sqlite, { schema }) as unknown as Db, dir, deriveAuditKeys(key));
};

beforeAll(async () => {
  h = await makeHarness();
  for (const email of ["ouder@example.com", "beheer@hetbaken.example", "client@example.com"]) await h.login(HET_BAKEN, email);
  h.deps.audit.write();
});
afterAll(() => {
  h.close();
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the keyed audit chain", () => {
  it("finds rows deleted and the unkeyed hashes recomputed (the review's attack), through npm run audit:verify", async () => {
    const { dir, sqlite } = await copyOfDataFolder();
    const login = (sqlite.prepare("SELECT seq FROM audit_log WHERE action = 'login' ORDER BY seq LIMIT 1").get() as { seq: number }).seq;
    sqlite.prepare("DELETE FROM audit_log WHERE seq = ?").run(login);
    rechain(sqlite, (prev, row) => auditHash(prev, row));
    sqlite.close();
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
    sqlite.prepare("DELETE FROM audit_log WHERE seq = (SELECT max(seq) - 2 FROM audit_log)").run();
    // Renumbered as well, so no gap shows: only the key can tell.
    sqlite.exec("UPDATE audit_log SET seq = seq - 1 WHERE seq > (SELECT max(seq) - 2 FROM audit_log)");
    rechain(sqlite, (prev, row) => keyedAuditHash(guess, row.seq, prev, row));
    const report = check(dir, sqlite);
    expect(report.keyedFrom).toBeNull();
    expect(report.breaks.length).toBeGreaterThan(1);
    sqlite.close();
  });

  it("finds rows cut off the end through the signed checkpoint, and a removed or forged checkpoint file", async () => {
    const last = (h.deps.db.$client.prepare("SELECT max(seq) s FROM audit_log").get() as { s: number }).s;
    const { dir, sqlite } = await copyOfDataFolder();
    expect(check(dir, sqlite).breaks).toEqual([]);
    // The end cut off: what is left is a perfect chain, but the checkpoint names a row it no longer has.
    sqlite.prepare("DELETE FROM audit_log WHERE seq > ?").run(last - 3);
    const cut = check(dir, sqlite);
    expect(cut.breaks.map((b) => [b.seq, b.reason])).toEqual([[last, "checkpoint"]]);

    const file = path.join(dir, CHECKPOINT_FILE);
    const lines = fs.readFileSync(file, "utf8").trimEnd().split("\n");
    const forged = lines.map((l) => {
      const cp = JSON.parse(l) as { seq: number; hash: string };
      return JSON.stringify({ ...cp, seq: Math.min(cp.seq, last - 3) });
    });
    fs.writeFileSync(file, `${forged.join("\n")}\n`);
    expect(check(dir, sqlite).problems.join()).toMatch(/not signed with this server's key/);
    fs.rmSync(file);
    expect(check(dir, sqlite).problems.join()).toMatch(/checkpoint file .* is missing/);
    // The copy kept from the portal's log output still shows the cut, whatever happened to the folder.
    const logOutput = ["[bff] listening on port 3000", ...lines.map((l) => `[audit] checkpoint ${l}`), "[bff] {niet van ons}"].join("\n");
    const key = readServerKey(dir, null) as Buffer;
    const fromLog = checkAuditLogOf(drizzle(sqlite, { schema }) as unknown as Db, dir, deriveAuditKeys(key), [logOutput]);
    expect(fromLog.breaks.map((b) => [b.seq, b.reason])).toEqual([[last, "checkpoint"]]);
    expect(fromLog.problems).toEqual([expect.stringMatching(/is missing/)]);
    sqlite.close();
  });

  it("keeps a log from before the keyed chain: its rows checked unkeyed up to a keyed marker that seals them", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portaal-oldlog-"));
    copies.push(dir);
    // Five rows as the previous version wrote them: unkeyed, numbered by SQLite.
    const old = openDb(path.join(dir, "portaal.db"));
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
      old
        .insert(schema.auditLog)
        .values({ ...row, prevHash: prev, hash })
        .run();
      prev = hash;
    }
    old.$client.close();

    const deps = createDeps(loadConfig({ ...process.env, DATA_DIR: dir, WEB_DIST: "" }));
    appendAudit(deps.db, { orgId: null, actorId: null, actorLabel: "nieuw", action: "nieuw", outcome: "success" });
    const marker = deps.db.$client.prepare("SELECT seq, details_json FROM audit_log WHERE action = ?").get(KEYED_MARKER) as {
      seq: number;
      details_json: string;
    };
    expect(marker).toEqual({ seq: 6, details_json: JSON.stringify({ unkeyedThrough: 5 }) });
    expect(check(dir, deps.db.$client).breaks).toEqual([]);
    // Starting again adds no second marker.
    deps.db.$client.close();
    const again = createDeps(loadConfig({ ...process.env, DATA_DIR: dir, WEB_DIST: "" }));
    expect(again.db.$client.prepare("SELECT count(*) n FROM audit_log WHERE action = ?").get(KEYED_MARKER)).toEqual({ n: 1 });

    // An old row changed and the unkeyed part recomputed: the keyed marker still names the old last hash.
    again.db.$client.exec("DROP TRIGGER audit_log_no_update");
    again.db.$client.prepare("UPDATE audit_log SET actor_label = 'iemand anders' WHERE seq = 2").run();
    const sqlite = again.db.$client;
    let p = GENESIS;
    for (const row of drizzle(sqlite, { schema }).select().from(schema.auditLog).orderBy(schema.auditLog.seq).all()) {
      if (row.seq > 5) break;
      const hash = auditHash(p, row);
      sqlite.prepare("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?").run(p, hash, row.seq);
      p = hash;
    }
    expect(check(dir, sqlite).breaks.map((b) => [b.seq, b.reason])).toEqual([[6, "link"]]);
    sqlite.close();
  });
});
