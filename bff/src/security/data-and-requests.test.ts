// Data at rest and requests from elsewhere: a private data folder, a bounded cache of host names, the
// whole origin compared (scheme too), reads that write refused from another site, an upload quota.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config";
import { cachedHostCount, MAX_CACHED_HOSTS } from "../db/organizations";
import { createDeps } from "../deps";
import { type Harness, HET_BAKEN, makeHarness, multipart, PDF_BYTES } from "../test-support/app-harness";

const QUOTA_BYTES = 5 * PDF_BYTES.byteLength + 10;
let h: Harness;
let prod: Harness;
let parent: string;
let staff: string;
let clientId: string;
const mode = (p: string) => fs.statSync(p).mode & 0o777;
const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;

beforeAll(async () => {
  h = await makeHarness({ UPLOAD_QUOTA_MB: String(QUOTA_BYTES / 1024 / 1024) });
  prod = await makeHarness({ NODE_ENV: "production" });
  parent = await h.login(HET_BAKEN, "ouder@example.com");
  staff = await h.login(HET_BAKEN, "begeleider@hetbaken.example");
  clientId = (await json<{ portals: { clientId: string }[] }>(h.request(HET_BAKEN, "GET", "/api/me", { cookie: parent }))).portals[0]
    ?.clientId as string;
});
afterAll(async () => {
  await h.close();
  await prod.close();
});

const upload = (name: string) => {
  const { form, origin } = multipart(HET_BAKEN, { file: { name, bytes: PDF_BYTES, type: "application/pdf" } });
  return h.app.request(`/api/portal/${clientId}/uploads`, {
    method: "POST",
    headers: { Host: HET_BAKEN, Cookie: parent, Origin: origin },
    body: form,
  });
};

describe("the data folder", () => {
  it("is the portal's own: folder 0700; database, WAL, SHM, key, checkpoints and uploads 0600", async () => {
    expect(process.umask() & 0o077).not.toBe(0o077); // the test process itself would make them readable
    expect(mode(h.dataDir)).toBe(0o700);
    // The database files only where the database is SQLite in this folder (not on PostgreSQL).
    const database = h.deps.db.$dialect === "sqlite" ? ["portaal.db", "portaal.db-wal", "portaal.db-shm"] : [];
    for (const f of [...database, "secret.key", "audit-checkpoints.log"]) expect([f, mode(path.join(h.dataDir, f))]).toEqual([f, 0o600]);
    expect((await upload("brief.pdf")).status).toBe(201);
    const files = path.join(h.dataDir, "files");
    expect(mode(files)).toBe(0o700);
    for (const f of fs.readdirSync(files)) expect([f, mode(path.join(files, f))]).toEqual([f, 0o600]);
  });

  // The SQLite file and its WAL in the data folder: SQLite only.
  it.skipIf(process.env.TEST_DATABASE === "pg")("is made private when an older version left it readable", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portaal-open-"));
    fs.chmodSync(dir, 0o755);
    const first = await createDeps(loadConfig({ ...process.env, DATA_DIR: dir, WEB_DIST: "" }));
    await first.db.$raw.close();
    for (const f of ["portaal.db", "secret.key"]) fs.chmodSync(path.join(dir, f), 0o644);
    fs.chmodSync(dir, 0o755);
    const again = await createDeps(loadConfig({ ...process.env, DATA_DIR: dir, WEB_DIST: "" }));
    expect([mode(dir), mode(path.join(dir, "portaal.db")), mode(path.join(dir, "portaal.db-wal"))]).toEqual([0o700, 0o600, 0o600]);
    await again.db.$raw.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("host names", () => {
  it("that belong to no organization do not grow the cache without bound", async () => {
    for (let i = 0; i < MAX_CACHED_HOSTS + 100; i++) {
      const res = await h.request(`onbekend-${i}.example`, "GET", "/api/organization");
      expect(res.status).toBe(404);
    }
    expect(cachedHostCount(h.deps.db)).toBeLessThanOrEqual(MAX_CACHED_HOSTS);
    expect((await h.request(HET_BAKEN, "GET", "/api/organization")).status).toBe(200);
  });
});

describe("the origin of a state change", () => {
  it("must be the portal's whole origin: in production https, a page on http://the-same-host is refused", async () => {
    const login = (host: Harness, origin: string) =>
      host.request(HET_BAKEN, "POST", "/api/auth/login", { body: { email: "ouder@example.com", password: "fout-wachtwoord" }, origin });
    const plain = await login(prod, `http://${HET_BAKEN}`);
    expect(plain.status).toBe(403);
    expect((await json<{ error: { code: string } }>(plain)).error.code).toBe("cross_origin");
    expect((await login(prod, `https://${HET_BAKEN}`)).status).toBe(401);
    // In development the portal is on http, and https is the other origin.
    expect((await login(h, `https://${HET_BAKEN}`)).status).toBe(403);
  });
});

describe("reads that write", () => {
  it("are refused when another site sets them off, and write nothing", async () => {
    const { id } = await json<{ id: string }>(
      h.request(HET_BAKEN, "POST", `/api/portal/${clientId}/threads`, { cookie: parent, body: { subject: "Vraag", body: "Hallo" } }),
    );
    // count(*) is a bigint on PostgreSQL (a string from the driver).
    const count = async (sql: string) => Number(((await h.deps.db.$raw.get(sql)) as { n: number }).n);
    const state = async () => [await count("SELECT count(*) n FROM audit_log"), await count("SELECT count(*) n FROM thread_reads")];
    const before = await state();
    for (const [url, cookie] of [
      [`/api/beheer/clients/${clientId}/threads/${id}`, staff],
      [`/api/beheer/clients/${clientId}`, staff],
    ] as const) {
      for (const site of ["cross-site", "same-site"]) {
        const res = await h.app.request(url, { headers: { Host: HET_BAKEN, Cookie: cookie, "Sec-Fetch-Site": site } });
        expect([url, site, res.status]).toEqual([url, site, 403]);
        expect((await json<{ error: { message: string } }>(res)).error.message).toMatch(/via een andere website/);
      }
    }
    expect(await state()).toEqual(before);
    // The SPA's own read goes through, and logs and marks as before.
    const own = await h.app.request(`/api/beheer/clients/${clientId}/threads/${id}`, {
      headers: { Host: HET_BAKEN, Cookie: staff, "Sec-Fetch-Site": "same-origin" },
    });
    expect(own.status).toBe(200);
    expect(await state()).not.toEqual(before);
  });
});

describe("the upload quota of a portal", () => {
  it("refuses what no longer fits with a clear message, also when uploads arrive at the same time", async () => {
    const files = () => fs.readdirSync(path.join(h.dataDir, "files")).length;
    // The demo's own documents have files too: count what the uploads add.
    const filesBefore = files();
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => upload(`scan-${i}.pdf`)));
    const statuses = answers.map((r) => r.status);
    // One went in with the folder test; together at most five fit.
    expect(statuses.filter((s) => s === 201)).toHaveLength(4);
    expect(statuses.filter((s) => s === 413)).toHaveLength(4);
    const refused = answers.find((r) => r.status === 413) as Response;
    const body = await json<{ error: { code: string; message: string } }>(refused);
    expect(body.error.code).toBe("quota_exceeded");
    expect(body.error.message).toMatch(/past niet meer in het portaal.*hoogstens .* MB.*Neem contact op met de organisatie/);
    expect(files()).toBe(filesBefore + 4);
    // sum() is a bigint or numeric on PostgreSQL (a string from the driver).
    const used = Number(
      (
        (await h.deps.db.$raw.get(
          "SELECT sum(f.size) n FROM uploads u JOIN files f ON f.id = u.file_id WHERE u.client_id = ?",
          clientId,
        )) as {
          n: number;
        }
      ).n,
    );
    expect(used).toBeLessThanOrEqual(QUOTA_BYTES);
  });
});
