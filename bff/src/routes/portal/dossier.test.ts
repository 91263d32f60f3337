// Dossier: per-person sharing (the mother sees it, the father does not, not even by id), unsharing,
// previews and downloads, uploads checked by content, bundled notifications, the client's access log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMailbox } from "../../mail/outbox";
import {
  activateContact,
  EXE_BYTES,
  type Harness,
  HET_BAKEN,
  makeHarness,
  multipart,
  NOORDERLICHT,
  PDF_BYTES,
} from "../../test-support/app-harness";

let h: Harness;
let staff: string;
let mother: string;
let father: string;
let clientId: string;
let motherId: string;
let fatherId: string;

async function send(method: string, url: string, cookie: string, form: FormData, host = HET_BAKEN) {
  return h.app.request(url, { method, headers: { Host: host, Origin: `http://${host}`, Cookie: cookie }, body: form });
}
const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;

beforeAll(async () => {
  h = await makeHarness();
  staff = await h.login(HET_BAKEN, "begeleider@hetbaken.example");
  const list = await json<{ items: { id: string }[] }>(
    h.request(HET_BAKEN, "GET", "/api/beheer/clients?q=Daan%20Jansen", { cookie: staff }),
  );
  clientId = list.items[0]?.id ?? "";
  const secretariaat = await h.login(HET_BAKEN, "secretariaat@hetbaken.example");
  mother = await activateContact(h, HET_BAKEN, secretariaat, clientId, {
    firstName: "Moeder",
    lastName: "Test",
    email: "moeder@example.org",
    birthDate: "2015-09-02",
  });
  father = await activateContact(h, HET_BAKEN, secretariaat, clientId, {
    firstName: "Vader",
    lastName: "Test",
    email: "vader.test@example.org",
    birthDate: "2015-09-02",
  });
  const people = await json<{ people: { accountId: string; name: string }[] }>(
    h.request(HET_BAKEN, "GET", `/api/beheer/clients/${clientId}/documents`, { cookie: staff }),
  );
  motherId = people.people.find((p) => p.name === "Moeder Test")?.accountId ?? "";
  fatherId = people.people.find((p) => p.name === "Vader Test")?.accountId ?? "";
});
afterAll(() => h.close());

async function createPdf(title: string): Promise<string> {
  const { form } = multipart(HET_BAKEN, {
    kind: "document",
    title,
    docDate: "2026-11-20",
    file: { name: "Zorgplan 2026.pdf", bytes: PDF_BYTES, type: "application/pdf" },
  });
  const res = await send("POST", `/api/beheer/clients/${clientId}/documents`, staff, form);
  expect(res.status).toBe(201);
  return (await json<{ id: string }>(res)).id;
}

describe("sharing per person", () => {
  it("shows an item to the mother only; the father gets nothing, not even by id", async () => {
    const id = await createPdf("Zorgplan 2026");
    const share = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/documents/${id}/shares`, {
      cookie: staff,
      body: { accountIds: [motherId] },
    });
    expect(share.status).toBe(200);
    const mineM = await json<{ items: { id: string }[] }>(
      h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/documents?kind=document`, { cookie: mother }),
    );
    expect(mineM.items.map((d) => d.id)).toContain(id);
    const mineF = await json<{ items: { id: string }[] }>(
      h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/documents?kind=document`, { cookie: father }),
    );
    expect(mineF.items.map((d) => d.id)).not.toContain(id);
    expect((await h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/documents/${id}`, { cookie: father })).status).toBe(404);
    expect((await h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/documents/${id}/file`, { cookie: father })).status).toBe(404);

    const preview = await h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/documents/${id}/file`, { cookie: mother });
    expect(preview.status).toBe(200);
    expect(preview.headers.get("content-type")).toBe("application/pdf");
    expect(preview.headers.get("content-disposition")).toMatch(/^inline; .*filename\*=UTF-8''Zorgplan%202026\.pdf/);
    expect(Buffer.from(await preview.arrayBuffer()).equals(Buffer.from(PDF_BYTES))).toBe(true);
    // The file's own policy survives the app-wide headers: nothing in it runs, loads or is framed.
    expect(preview.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
    expect(preview.headers.get("x-frame-options")).toBe("DENY");
    const download = await h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/documents/${id}/file?download=1`, { cookie: mother });
    expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);

    // The notice says nothing about the content, only where to look.
    const mail = (await listMailbox(h.deps.db, "moeder@example.org")).find((m) => m.subject.startsWith("Bericht van het"));
    expect(mail?.subject).toBe("Bericht van het Zorggroep Het Baken cliëntenportaal");
    expect(mail?.text).not.toContain("Zorgplan");
    expect((await listMailbox(h.deps.db, "vader.test@example.org")).some((m) => m.subject.startsWith("Bericht van het"))).toBe(false);

    // Unsharing hides it at once.
    await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/documents/${id}/shares`, {
      cookie: staff,
      body: { accountIds: [] },
    });
    expect((await h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/documents/${id}`, { cookie: mother })).status).toBe(404);
  });

  it("sends one e-mail per person for a batch of shares", async () => {
    const before = (await listMailbox(h.deps.db, "vader.test@example.org")).length;
    for (const title of ["Verslag A", "Verslag B", "Verslag C"]) {
      const id = await createPdf(title);
      await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/documents/${id}/shares`, {
        cookie: staff,
        body: { accountIds: [fatherId] },
      });
    }
    expect((await listMailbox(h.deps.db, "vader.test@example.org")).length).toBe(before + 1);
  });

  it("refuses sharing with someone outside the portal, and strangers see nothing", async () => {
    const id = await createPdf("Geheim");
    const parent = (await h.deps.db.$raw.get("SELECT id FROM accounts WHERE email = 'client@example.com'")) as { id: string };
    expect(
      (
        await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/documents/${id}/shares`, {
          cookie: staff,
          body: { accountIds: [parent.id] },
        })
      ).status,
    ).toBe(400);
    const other = await h.login(NOORDERLICHT, "behandelaar@noorderlicht.example");
    expect((await h.request(NOORDERLICHT, "GET", `/api/beheer/clients/${clientId}/documents`, { cookie: other })).status).toBe(404);
    const lotte = await h.login(HET_BAKEN, "client@example.com");
    expect((await h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/documents`, { cookie: lotte })).status).toBe(403);
  });
});

describe("uploads", () => {
  it("accepts a PDF by its content and refuses an executable renamed to .pdf", async () => {
    const ok = multipart(HET_BAKEN, { file: { name: "verwijsbrief.pdf", bytes: PDF_BYTES }, note: "Van de huisarts" });
    const res = await send("POST", `/api/portal/${clientId}/uploads`, mother, ok.form);
    expect(res.status).toBe(201);
    const bad = multipart(HET_BAKEN, { file: { name: "factuur.pdf", bytes: EXE_BYTES, type: "application/pdf" } });
    const refused = await send("POST", `/api/portal/${clientId}/uploads`, mother, bad.form);
    expect(refused.status).toBe(400);
    expect((await json<{ error: { code: string; message: string } }>(refused)).error.message).toMatch(/inhoud telt/);
    const empty = multipart(HET_BAKEN, { file: { name: "leeg.pdf", bytes: new Uint8Array() } });
    expect((await send("POST", `/api/portal/${clientId}/uploads`, mother, empty.form)).status).toBe(400);
    const big = multipart(HET_BAKEN, { file: { name: "groot.pdf", bytes: new Uint8Array(22 * 1024 * 1024) } });
    expect((await send("POST", `/api/portal/${clientId}/uploads`, mother, big.form)).status).toBe(413);

    const uploads = await json<{ items: { id: string; file: { name: string }; uploadedBy: string }[] }>(
      h.request(HET_BAKEN, "GET", `/api/beheer/clients/${clientId}/uploads`, { cookie: staff }),
    );
    expect(uploads.items.map((u) => u.file.name)).toEqual(["verwijsbrief.pdf"]);
    const file = await h.request(HET_BAKEN, "GET", `/api/beheer/clients/${clientId}/uploads/${uploads.items[0]?.id}/file`, {
      cookie: staff,
    });
    expect(file.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(
      (await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/uploads/${uploads.items[0]?.id}/keep`, { cookie: staff }))
        .status,
    ).toBe(200);
    const files = (await h.deps.db.$raw.get("SELECT count(*) n FROM files")) as { n: number };
    expect(Number(files.n)).toBeGreaterThan(0); // count(*) is a bigint (a string) on PostgreSQL
  });
});

describe("access log", () => {
  it("shows a relation with gezag who viewed the items shared with them; an unshared item is gone from it", async () => {
    const id = await createPdf("Behandelplan 2026");
    await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/documents/${id}/shares`, {
      cookie: staff,
      body: { accountIds: [motherId] },
    });
    await h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/documents/${id}`, { cookie: mother });
    await h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/documents/${id}/file?download=1`, { cookie: mother });
    const log = await json<{ items: { who: string; role: string; action: string; title: string | null }[] }>(
      h.request(HET_BAKEN, "GET", `/api/portal/${clientId}/access-log`, { cookie: mother }),
    );
    expect(
      log.items.some((e) => e.who === "Moeder Test" && e.role === "Ouder" && e.title === "Behandelplan 2026" && e.action === "bekeken"),
    ).toBe(true);
    expect(log.items.some((e) => e.title === "Behandelplan 2026" && e.action === "gedownload")).toBe(true);
    // Zorgplan 2026 was shared with her, viewed, and unshared: she may no longer see it, so neither its lines.
    expect(log.items.some((e) => e.title === "Zorgplan 2026")).toBe(false);
  });
});
