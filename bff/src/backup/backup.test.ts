// Backups under load: the real backup command runs while the real BFF takes concurrent writes; the
// restore command brings the backup into a new data folder, and a portal started on it has every write
// acknowledged before the backup began, files and logins included, and passes integrity_check.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkDataFolder } from "../resilience/check-folder";
import { Ledger, prepareActors, reconnect, runWriteLoad, seededRandom } from "../resilience/load";
import { freePort, PortalClient, portRange, type ServerProcess, seedDemoFolder, startServer } from "../test-support/server-process";
import type { Manifest } from "./backup";

// Loopback ports in 3400-3499: the first free one of each range.
const LIVE_PORTS = portRange(3411, 3418);
const RESTORED_PORTS = portRange(3421, 3428);
const BFF_DIR = path.resolve(import.meta.dirname, "../..");

const folders: string[] = [];
const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const s of servers) await s.kill();
  for (const f of folders) fs.rmSync(f, { recursive: true, force: true });
});

function tempFolder(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `portaal-${name}-`));
  folders.push(dir);
  return dir;
}

/** The README's command, as a child process: `tsx src/backup/cli.ts backup|restore <folder>` with DATA_DIR. */
function runCli(command: "backup" | "restore", folder: string, dataDir: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/backup/cli.ts", command, folder], {
      cwd: BFF_DIR,
      env: { ...process.env, DATA_DIR: dataDir, INIT_CWD: BFF_DIR },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}

describe("backups", () => {
  it("backs up a portal under write load and restores every acknowledged write", async () => {
    const BFF_PORT = await freePort(LIVE_PORTS);
    const dataDir = tempFolder("live");
    const backupDir = path.join(tempFolder("backup"), "backup");
    const restoredDir = path.join(tempFolder("restored"), "data");
    const seed = Number(process.env.BACKUP_SEED ?? Date.now() % 1_000_000);
    const ledger = new Ledger();

    await seedDemoFolder(dataDir, BFF_PORT);
    const live = await startServer({ dataDir, port: BFF_PORT });
    servers.push(live);
    const actors = await prepareActors(BFF_PORT);

    // Load runs throughout; the backup starts once 300 writes are acknowledged and the load goes on
    // until 100 more were acknowledged after the backup finished.
    let backupDone = false;
    let ackedAfterBackup = 0;
    let backupStarted: () => void = () => {};
    const readyForBackup = new Promise<void>((r) => {
      backupStarted = r;
    });
    const load = runWriteLoad({
      actors,
      ledger,
      workers: 8,
      random: seededRandom(seed),
      shouldStop: () => backupDone && ackedAfterBackup >= 100,
      onAck: () => {
        if (ledger.totalAcked >= 300) backupStarted();
        if (backupDone) ackedAfterBackup++;
      },
    });
    await readyForBackup;
    const before = ledger.snapshot();
    const t0 = Date.now();
    const backup = await runCli("backup", backupDir, dataDir);
    const backupMs = Date.now() - t0;
    const ackedDuringBackup = ledger.totalAcked - before.totalAcked;
    backupDone = true;
    await load;
    expect(backup.code, backup.output).toBe(0);
    // It really ran under load: writes kept being acknowledged while it worked.
    expect(ackedDuringBackup).toBeGreaterThan(0);
    expect(ledger.unexpected).toEqual([]);
    await live.stop();

    // A copy of the live folder's files would be no backup: the database must come from the backup API.
    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, "backup.json"), "utf8")) as Manifest;
    expect(manifest.keyFile).toBe(true);
    // The audit log's signed checkpoints come along (only those the snapshot's rows reach), so the
    // restored log is checked against them: checkDataFolder below fails on a missing or mismatched one.
    expect(manifest.auditCheckpoints).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(backupDir, "portaal.db-wal"))).toBe(false);

    const restore = await runCli("restore", backupDir, restoredDir);
    expect(restore.code, restore.output).toBe(0);
    // Restoring over an existing portal is refused.
    const again = await runCli("restore", backupDir, restoredDir);
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/already holds portaal\.db/);

    // An interrupted backup (no backup.json, written last) is refused as a whole.
    const partial = path.join(tempFolder("partial"), "backup");
    fs.mkdirSync(partial);
    fs.copyFileSync(path.join(backupDir, "portaal.db"), path.join(partial, "portaal.db"));
    const refused = await runCli("restore", partial, path.join(tempFolder("restored-partial"), "data"));
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/not a complete backup/);

    // Stricter than "before the command": everything acknowledged before the snapshot itself began
    // (manifest.startedAt, same clock) must be there; a copy of the live file without its WAL fails this.
    const atSnapshot = ledger.asOf(Date.parse(manifest.startedAt));
    expect(atSnapshot.totalAcked).toBeGreaterThanOrEqual(before.totalAcked);
    const report = await checkDataFolder(restoredDir, atSnapshot, { laterAnswersFrom: ledger });
    expect(report.problems).toEqual([]);
    expect(report.integrity).toBe("ok");

    // The restored portal serves it: sessions, threads, files, and a fresh login (the server key came along).
    const RESTORED_PORT = await freePort(RESTORED_PORTS);
    const restored = await startServer({ dataDir: restoredDir, port: RESTORED_PORT });
    servers.push(restored);
    const people = reconnect(actors, RESTORED_PORT);
    for (const a of people) {
      const threads = await a.user.request<{ items: { id: string }[] }>("GET", `/api/portal/${a.clientId}/threads`);
      expect(threads.status).toBe(200);
      const listed = new Set(threads.body.items.map((t) => t.id));
      for (const [id, t] of before.threads) if (t.clientId === a.clientId) expect(listed.has(id), `thread ${id}`).toBe(true);
    }
    const [uploadId, upload] = [...before.uploads][0] ?? [];
    const owner = people.find((a) => a.clientId === upload?.clientId);
    if (uploadId && upload && owner) {
      const file = await owner.staff.request("GET", `/api/beheer/clients/${upload.clientId}/uploads/${uploadId}/file`);
      expect(file.status).toBe(200);
      expect(createHash("sha256").update(file.raw).digest("hex")).toBe(upload.sha256);
    }
    const fresh = new PortalClient(RESTORED_PORT, "localhost");
    await fresh.login("secretariaat@hetbaken.example");
    expect((await fresh.request("GET", "/api/me")).status).toBe(200);
    fresh.close();
    await restored.stop();

    console.log(
      [
        `backup suite (seed ${seed}): the backup command under load took ${backupMs} ms (with its start); ${ackedDuringBackup} writes acknowledged while it ran`,
        `backup: database ${manifest.databaseBytes} bytes, ${manifest.files} files (${manifest.fileBytes} bytes), server key; ${Date.parse(manifest.finishedAt) - Date.parse(manifest.startedAt)} ms from snapshot to manifest`,
        `acknowledged before the backup command: ${before.totalAcked} ${JSON.stringify(before.acked)}; before its snapshot began: ${atSnapshot.totalAcked}; missing after restore: 0`,
      ].join("\n"),
    );
  }, 180_000);
});
