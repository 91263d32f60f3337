// FILES_DIR: uploaded files can live outside the data folder (a shared volume for several processes).
// Stored there, read back from there, backed up from there and restored into there; the default stays
// DATA_DIR/files.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupDataDir, restoreDataDir } from "../backup/backup";
import { loadConfig, settingProblems } from "../config";
import { referencedStorageNames } from "../db/documents";
import { type Harness, HET_BAKEN, makeHarness, PDF_BYTES } from "../test-support/app-harness";
import { sweepFiles } from "./store";

let h: Harness;
let filesDir: string;
let begeleider: string;
let clientId: string;
const scratch: string[] = [];
const tmp = (name: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `portaal-${name}-`));
  scratch.push(dir);
  return dir;
};

beforeAll(async () => {
  filesDir = path.join(tmp("shared-files"), "volume");
  h = await makeHarness({ FILES_DIR: filesDir });
  begeleider = await h.login(HET_BAKEN, "begeleider@hetbaken.example");
  const list = (await (await h.request(HET_BAKEN, "GET", "/api/beheer/clients?q=Sanne%20Jansen", { cookie: begeleider })).json()) as {
    items: { id: string }[];
  };
  clientId = list.items[0]?.id ?? "";
});
afterAll(async () => {
  await h.close();
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});

describe("FILES_DIR", () => {
  it("defaults to the files folder in DATA_DIR, follows FILES_DIR when set, and may not be the data folder itself", () => {
    expect(loadConfig({ DATA_DIR: "/srv/portaal" }).filesDir).toBe("/srv/portaal/files");
    expect(loadConfig({ DATA_DIR: "/srv/portaal", FILES_DIR: "/mnt/gedeeld/bestanden" }).filesDir).toBe("/mnt/gedeeld/bestanden");
    expect(loadConfig({ DATA_DIR: "/srv/portaal", FILES_DIR: "" }).filesDir).toBe("/srv/portaal/files");
    expect(settingProblems(loadConfig({ DATA_DIR: "/srv/portaal", FILES_DIR: "/srv/portaal/" })).join(" ")).toMatch(
      /FILES_DIR must not be the data folder/,
    );
    expect(settingProblems(loadConfig({ DATA_DIR: "/srv/portaal" })).join(" ")).not.toMatch(/FILES_DIR/);
  });

  it("stores an upload in FILES_DIR (not in the data folder), serves it from there, and the start-up sweep looks there", async () => {
    const form = new FormData();
    form.set("kind", "document");
    form.set("title", "Verwijsbrief");
    form.set("docDate", new Date().toISOString().slice(0, 10));
    form.set("file", new File([PDF_BYTES], "verwijsbrief.pdf", { type: "application/pdf" }));
    const created = await h.app.request(`/api/beheer/clients/${clientId}/documents`, {
      method: "POST",
      headers: { Host: HET_BAKEN, Origin: `http://${HET_BAKEN}`, Cookie: begeleider },
      body: form,
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const { s: storageName } = (await h.deps.db.$raw.get(
      "SELECT f.storage_name s FROM documents d JOIN files f ON f.id = d.file_id WHERE d.id = ?",
      id,
    )) as { s: string };
    expect(fs.readFileSync(path.join(filesDir, storageName))).toEqual(Buffer.from(PDF_BYTES));
    expect(fs.existsSync(path.join(h.dataDir, "files", storageName))).toBe(false);
    // The demo's seeded documents went there too: nothing of the files is in the data folder.
    expect(fs.existsSync(path.join(h.dataDir, "files"))).toBe(false);
    expect((fs.statSync(filesDir).mode & 0o777).toString(8)).toBe("700");

    const download = await h.request(HET_BAKEN, "GET", `/api/beheer/clients/${clientId}/documents/${id}/file`, { cookie: begeleider });
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF_BYTES);

    // The sweep server.ts runs at start, on the folder it is given: a half-written file goes, stored ones stay.
    fs.writeFileSync(path.join(filesDir, `${"a".repeat(32)}.tmp`), "half");
    expect(sweepFiles(h.deps.config.filesDir, await referencedStorageNames(h.deps.db))).toBe(1);
    expect(fs.existsSync(path.join(filesDir, storageName))).toBe(true);
  });

  it("on a shared FILES_DIR, sweeps only old unfinished files and passes a file another process just moved or removed", () => {
    const shared = tmp("shared");
    const hour = 60 * 60_000;
    const old = path.join(shared, `${"b".repeat(32)}.tmp`);
    const fresh = path.join(shared, `${"c".repeat(32)}.tmp`);
    const vanishing = path.join(shared, "d".repeat(32));
    for (const f of [old, fresh, vanishing]) fs.writeFileSync(f, "x");
    fs.utimesSync(old, new Date(Date.now() - 2 * hour), new Date(Date.now() - 2 * hour));
    // Another process renames its file away between the sweep's listing and its look at the file's age.
    const referenced = new (class extends Set<string> {
      override has(name: string) {
        if (name === path.basename(vanishing)) fs.rmSync(vanishing);
        return super.has(name);
      }
    })();
    expect(sweepFiles(shared, referenced, { olderThanMs: hour })).toBe(1);
    expect([fs.existsSync(old), fs.existsSync(fresh)]).toEqual([false, true]);
  });

  // npm run backup copies the SQLite file of the data folder (a PostgreSQL database is backed up with its own tools).
  it.skipIf(process.env.TEST_DATABASE === "pg")("is backed up from FILES_DIR and restored into another (empty) FILES_DIR", async () => {
    const backup = path.join(tmp("backup"), "b");
    const manifest = await backupDataDir(h.dataDir, backup, { filesDir });
    const stored = fs.readdirSync(filesDir).sort();
    expect(manifest.files).toBe(stored.length);
    expect(fs.readdirSync(path.join(backup, "files")).sort()).toEqual(stored);

    const dataDir = path.join(tmp("restored"), "data");
    const restoredFiles = tmp("restored-files");
    await restoreDataDir(backup, dataDir, { filesDir: restoredFiles });
    expect(fs.readdirSync(restoredFiles).sort()).toEqual(stored);
    expect(fs.existsSync(path.join(dataDir, "files"))).toBe(false);
    // A FILES_DIR that already holds files is refused, and nothing is written.
    const other = path.join(tmp("restored-again"), "data");
    await expect(restoreDataDir(backup, other, { filesDir: restoredFiles })).rejects.toThrow(/already holds files/);
    expect(fs.existsSync(other)).toBe(false);
  });
});
