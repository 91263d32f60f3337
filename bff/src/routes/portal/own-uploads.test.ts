// Mijn uploads: a person sees only their own uploads in a portal, with whether staff kept them, and can
// remove one that is not kept yet; the other parent can neither see nor remove it; the file leaves the disk.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activateContact, type Harness, HET_BAKEN, makeHarness, multipart, NOORDERLICHT, PDF_BYTES } from "../../test-support/app-harness";

let h: Harness;
let staff: string;
let mother: string;
let father: string;
let clientId: string;

type Mine = { items: { id: string; file: { name: string; size: number }; createdAt: number; keptAt: number | null }[] };
const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
const send = (url: string, cookie: string, form: FormData) =>
  h.app.request(url, { method: "POST", headers: { Host: HET_BAKEN, Origin: `http://${HET_BAKEN}`, Cookie: cookie }, body: form });
const upload = async (cookie: string, name: string) => {
  const res = await send(`/api/portal/${clientId}/uploads`, cookie, multipart(HET_BAKEN, { file: { name, bytes: PDF_BYTES } }).form);
  expect(res.status).toBe(201);
  return (await json<{ id: string }>(res)).id;
};
const mine = (cookie: string) => json<Mine>(h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/uploads`, { cookie }));
const storageOf = async (uploadId: string) =>
  (
    (await h.deps.db.$raw.get("SELECT f.storage_name s FROM uploads u JOIN files f ON f.id = u.file_id WHERE u.id = ?", uploadId)) as {
      s: string;
    }
  ).s;

beforeAll(async () => {
  h = await makeHarness();
  staff = await h.login(HET_BAKEN, "begeleider@hetbaken.example");
  const list = await json<{ items: { id: string }[] }>(
    h.request(HET_BAKEN, "GET", "/api/beheer/clients?q=Sanne%20Jansen", { cookie: staff }),
  );
  clientId = list.items[0]?.id ?? "";
  const secretariaat = await h.login(HET_BAKEN, "secretariaat@hetbaken.example");
  const person = (firstName: string, email: string) => ({ firstName, lastName: "Upload", email, birthDate: "2012-03-14" });
  mother = await activateContact(h, HET_BAKEN, secretariaat, clientId, person("Moeder", "moeder.upload@example.org"));
  father = await activateContact(h, HET_BAKEN, secretariaat, clientId, person("Vader", "vader.upload@example.org"));
});
afterAll(() => h.close());

describe("own uploads", () => {
  it("lists only one's own uploads in this portal, newest first, with name, date, size and kept state", async () => {
    const first = await upload(mother, "verwijsbrief.pdf");
    const second = await upload(mother, "rapport.pdf");
    await upload(father, "van-vader.pdf");
    const list = await mine(mother);
    expect(list.items.map((u) => u.file.name)).toEqual(["rapport.pdf", "verwijsbrief.pdf"]);
    expect(list.items.map((u) => u.id)).toEqual([second, first]);
    expect(list.items[0]?.file.size).toBe(PDF_BYTES.byteLength);
    expect(list.items.every((u) => u.keptAt === null && u.createdAt > 0)).toBe(true);
    expect((await mine(father)).items.map((u) => u.file.name)).toEqual(["van-vader.pdf"]);
  });

  it("removes one's own upload that staff have not kept: rows, file on disk, and an audit line", async () => {
    const id = await upload(mother, "foutje.pdf");
    const file = path.join(h.dataDir, "files", await storageOf(id));
    expect(fs.existsSync(file)).toBe(true);
    const res = await h.request(HET_BAKEN, "DELETE", `/api/portal/${clientId}/uploads/${id}`, { cookie: mother });
    expect(res.status).toBe(200);
    expect(fs.existsSync(file)).toBe(false);
    expect((await mine(mother)).items.some((u) => u.id === id)).toBe(false);
    const staffList = await json<{ items: { id: string }[] }>(
      h.request(HET_BAKEN, "GET", `/api/beheer/clients/${clientId}/uploads`, { cookie: staff }),
    );
    expect(staffList.items.some((u) => u.id === id)).toBe(false);
    const audit = await h.deps.db.$raw.all<{ outcome: string }>(
      "SELECT outcome FROM audit_log WHERE action = 'upload.remove' AND object_id = ? ORDER BY seq",
      id,
    );
    expect(audit.map((a) => a.outcome)).toEqual(["success"]);
    // Gone is gone: a second removal is a plain 404.
    expect((await h.request(HET_BAKEN, "DELETE", `/api/portal/${clientId}/uploads/${id}`, { cookie: mother })).status).toBe(404);
  });

  it("refuses removing a kept upload with 409 and a Dutch sentence, and keeps the file", async () => {
    const id = await upload(mother, "bewaren.pdf");
    expect((await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/uploads/${id}/keep`, { cookie: staff })).status).toBe(200);
    expect((await mine(mother)).items.find((u) => u.id === id)?.keptAt).toBeTypeOf("number");
    const res = await h.request(HET_BAKEN, "DELETE", `/api/portal/${clientId}/uploads/${id}`, { cookie: mother });
    expect(res.status).toBe(409);
    expect((await json<{ error: { message: string } }>(res)).error.message).toMatch(/al bewaard in het dossier/);
    expect(fs.existsSync(path.join(h.dataDir, "files", await storageOf(id)))).toBe(true);
  });

  it("the other parent, another portal's user and the other organization cannot remove it", async () => {
    const id = await upload(mother, "van-moeder.pdf");
    const other = await h.login(NOORDERLICHT, "client@example.net");
    const lotte = await h.login(HET_BAKEN, "client@example.com");
    expect((await h.request(HET_BAKEN, "DELETE", `/api/portal/${clientId}/uploads/${id}`, { cookie: father })).status).toBe(404);
    expect((await h.request(HET_BAKEN, "DELETE", `/api/portal/${clientId}/uploads/${id}`, { cookie: lotte })).status).toBe(403);
    expect((await h.request(NOORDERLICHT, "DELETE", `/api/portal/${clientId}/uploads/${id}`, { cookie: other })).status).toBe(403);
    expect((await mine(mother)).items.some((u) => u.id === id)).toBe(true);
    const denied = (await h.deps.db.$raw.get(
      "SELECT count(*) n FROM audit_log WHERE action = 'upload.remove' AND object_id = ? AND outcome = 'denied'",
      id,
    )) as { n: number };
    expect(Number(denied.n)).toBe(1); // count(*) is a bigint (a string) on PostgreSQL
  });
});
