// Input that looks like something else: line breaks and invisible characters in names and titles (a
// right-to-left override makes "‮gnp.pdf" show as "fdp.png"), and an address at a subdomain of the
// organization's own. Each is refused with a specific Dutch message and changes nothing; and a line break
// in a name stored before this rule never shapes an e-mail.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activationMail } from "../mail/templates";
import { type Harness, HET_BAKEN, makeHarness, multipart, PDF_BYTES } from "../test-support/app-harness";

let h: Harness;
let beheer: string;
let begeleider: string;
let clientId: string;
type Refusal = { error: { code: string; message: string; fields: Record<string, string> } };
// count(*) is a bigint on PostgreSQL (a string from the driver).
const count = async (table: string) => Number(((await h.deps.db.$raw.get(`SELECT count(*) n FROM ${table}`)) as { n: number }).n);

beforeAll(async () => {
  h = await makeHarness();
  beheer = await h.login(HET_BAKEN, "beheer@hetbaken.example");
  begeleider = await h.login(HET_BAKEN, "begeleider@hetbaken.example");
  const team = (await (await h.request(HET_BAKEN, "GET", "/api/beheer/clients?q=Sanne%20Jansen", { cookie: begeleider })).json()) as {
    items: { id: string }[];
  };
  clientId = team.items[0]?.id ?? "";
});
afterAll(() => h.close());

const relation = (body: Record<string, unknown>) =>
  h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/relations`, {
    cookie: beheer,
    body: { firstName: "Jan", lastName: "Visser", email: "jan.visser@example.org", role: "verwant", ...body },
  });

describe("names and titles", () => {
  it("refuse line breaks and format characters in a relation's name, with a message naming the field", async () => {
    const before = await count("contacts");
    for (const [field, value] of [
      ["firstName", "Jan\r\nKlik hier: https://phish.example"],
      ["lastName", "Vis\nser"],
      ["lastName", "\u202eressiV"],
      ["firstName", "J\u200Ban"],
      ["lastName", "Vis\u0000ser"],
    ] as const) {
      const res = await relation({ [field]: value });
      expect([field, value, res.status]).toEqual([field, value, 400]);
      const body = (await res.json()) as Refusal;
      expect(body.error.fields[field]).toMatch(/bevat een regelovergang of een onzichtbaar teken.*Typ de (voor|achter)naam opnieuw/);
    }
    expect(await count("contacts")).toBe(before);
    // Ordinary names with accents, hyphens and apostrophes still go in.
    expect((await relation({ firstName: "Zoë", lastName: "d'Éryck-van Dam", email: "zoe@example.org" })).status).toBe(201);
  });

  it("refuse them in document titles, thread subjects and file names", async () => {
    const before = { documents: await count("documents"), files: await count("files"), threads: await count("message_threads") };
    const doc = (fields: Record<string, string | { name: string; bytes: Uint8Array; type?: string }>) => {
      const { form, origin } = multipart(HET_BAKEN, { kind: "document", title: "Brief", docDate: "2026-11-20", ...fields });
      return h.app.request(`/api/beheer/clients/${clientId}/documents`, {
        method: "POST",
        headers: { Host: HET_BAKEN, Cookie: begeleider, Origin: origin },
        body: form,
      });
    };
    const rtl = await doc({ file: { name: "\u202egnp.pdf", bytes: PDF_BYTES, type: "application/pdf" } });
    expect(rtl.status).toBe(400);
    expect(((await rtl.json()) as Refusal).error.fields.file).toMatch(/naam van dit bestand bevat een onzichtbaar teken/);
    const title = await doc({ title: "Brief\u202e", file: { name: "brief.pdf", bytes: PDF_BYTES, type: "application/pdf" } });
    expect(title.status).toBe(400);
    expect(((await title.json()) as Refusal).error.fields.title).toMatch(/De titel bevat een regelovergang of een onzichtbaar teken/);

    const thread = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/threads`, {
      cookie: begeleider,
      body: { subject: "Afspraak\r\nverzet", body: "Twee regels\nin de tekst mogen wel." },
    });
    expect(thread.status).toBe(400);
    expect(((await thread.json()) as Refusal).error.fields.subject).toMatch(/Het onderwerp bevat een regelovergang/);
    expect({ documents: await count("documents"), files: await count("files"), threads: await count("message_threads") }).toEqual(before);
  });

  it("never let a line break in a stored name shape an e-mail", () => {
    const mail = activationMail(
      { id: "org", name: "Het Baken", phone: "010" },
      "jan@example.org",
      "Jan\r\n\r\nUw account is geblokkeerd, bel 0900-PHISH\u202e",
      "https://portaal.example/activeren#x",
      7,
    );
    expect(mail.text).not.toMatch(/\n\s*Uw account is geblokkeerd/);
    expect(mail.text).toContain("Beste Jan    Uw account is geblokkeerd, bel 0900-PHISH ,");
    expect(mail.html).not.toContain("\u202e");
  });
});

describe("the own-domain rule", () => {
  it("refuses an address at a subdomain of the organization's domain, and still takes similar-looking other domains", async () => {
    for (const email of ["jan@hetbaken.example", "jan@mail.hetbaken.example", "jan@a.b.HETBAKEN.example"]) {
      const res = await relation({ email });
      expect([email, res.status]).toEqual([email, 400]);
      expect(((await res.json()) as Refusal).error.code).toBe("own_domain");
    }
    expect((await relation({ firstName: "Ander", lastName: "Domein", email: "jan@niet-hetbaken.example" })).status).toBe(201);
  });
});
