// Organisatie → Instellingen (issue 13, part 3): every setting saved and read back and seen at once by the
// public organization; colour contrast and logo content refused with nothing changed; the announcement
// only between its dates; a stale save refused; only the organization's own beheerder gets in.
import type { OrganizationPublic } from "@portaal/shared/auth";
import type { OrganizationSettingsResponse } from "@portaal/shared/organization-settings";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { EXE_BYTES, type Harness, HET_BAKEN, makeHarness, multipart, NOORDERLICHT } from "../../../test-support/app-harness";
import { solidPng } from "../../../test-support/images";

let h: Harness;
let beheer: string;
/** Logged in before the clock moves (TOTP codes cannot go back in time). */
const wrongCallers: Record<string, string> = {};
const URL = "/api/beheer/organization/settings";
const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
const read = (cookie = beheer, host = HET_BAKEN) => json<OrganizationSettingsResponse>(h.request(host, "GET", URL, { cookie }));
const save = (body: object, cookie = beheer, host = HET_BAKEN) => h.request(host, "PUT", URL, { cookie, body });
const publicOrg = (host = HET_BAKEN) => json<OrganizationPublic>(h.request(host, "GET", "/api/organization"));
function upload(file: { name: string; bytes: Uint8Array; type?: string }, version: number, cookie = beheer) {
  const { form } = multipart(HET_BAKEN, { version: String(version), file });
  return h.app.request(`${URL}/logo`, {
    method: "POST",
    headers: { Host: HET_BAKEN, Origin: `http://${HET_BAKEN}`, Cookie: cookie },
    body: form,
  });
}
const auditActions = (action: string) =>
  h.deps.db.$raw.all<{ details: string }>("SELECT details_json AS details FROM audit_log WHERE action = ? ORDER BY seq", action);

beforeAll(async () => {
  h = await makeHarness();
  beheer = await h.login(HET_BAKEN, "beheer@hetbaken.example");
  for (const email of ["secretariaat@hetbaken.example", "begeleider@hetbaken.example", "client@example.com"]) {
    wrongCallers[email] = await h.login(HET_BAKEN, email);
  }
  wrongCallers.other = await h.login(NOORDERLICHT, "beheer@noorderlicht.example");
});
afterAll(() => h.close());
afterEach(() => vi.useRealTimers());

describe("Instellingen", () => {
  it("saves every setting, reads it back, audits it and shows it publicly on the next request", async () => {
    const before = await read();
    expect(before.settings.name).toBe("Zorggroep Het Baken");
    const res = await save({
      version: before.version,
      name: "Zorggroep Het Baken en Kust",
      logoText: "Baken Kust",
      primaryColor: "#1F4E79",
      phone: "030 765 43 21",
      supportText: "Bel ons op werkdagen.\n\nOf mail de helpdesk.",
      aboutText: "Wij bieden zorg aan de kust.",
      announcement: { title: "Open dag", body: "Kom langs op zaterdag.", startsOn: null, endsOn: null },
    });
    expect(res.status).toBe(200);
    const after = await read();
    expect(after.version).toBe(before.version + 1);
    expect(after.settings).toEqual({
      name: "Zorggroep Het Baken en Kust",
      logoText: "Baken Kust",
      primaryColor: "#1f4e79",
      phone: "030 765 43 21",
      supportText: "Bel ons op werkdagen.\n\nOf mail de helpdesk.",
      aboutText: "Wij bieden zorg aan de kust.",
      announcement: { title: "Open dag", body: "Kom langs op zaterdag.", startsOn: null, endsOn: null },
    });
    // No stale cache: the very next request sees it.
    expect(await publicOrg()).toMatchObject({
      name: "Zorggroep Het Baken en Kust",
      logoText: "Baken Kust",
      primaryColor: "#1f4e79",
      phone: "030 765 43 21",
      supportText: "Bel ons op werkdagen.\n\nOf mail de helpdesk.",
    });
    const [audit] = (await auditActions("organization.settings.update")).slice(-1);
    const details = JSON.parse(audit?.details ?? "{}");
    expect(details.name).toEqual({ before: "Zorggroep Het Baken", after: "Zorggroep Het Baken en Kust" });
    expect(details.supportText).toEqual({ changed: true, length: 43 });
    // The other organization is untouched.
    expect((await publicOrg(NOORDERLICHT)).name).toBe("GGZ Noorderlicht");
  });

  it("refuses a colour on which white text fails WCAG AA, with the ratio in Dutch, and changes nothing", async () => {
    const before = await read();
    const res = await save({ ...before.settings, version: before.version, primaryColor: "#7fb3d5" });
    expect(res.status).toBe(400);
    const body = await json<{ error: { message: string; fields: Record<string, string> } }>(res);
    expect(body.error.message).toMatch(/contrast is 2,\d\d : 1 en moet minstens 4,5 : 1 zijn/);
    expect(body.error.fields.primaryColor).toBe(body.error.message);
    const notHex = await save({ ...before.settings, version: before.version, primaryColor: "blauw" });
    expect((await json<{ error: { message: string } }>(notHex)).error.message).toMatch(/hexadecimale code/);
    expect(await read()).toEqual(before);
  });

  it("refuses other bad input with a specific Dutch sentence and changes nothing", async () => {
    const before = await read();
    const cases: [object, RegExp][] = [
      [{ phone: "bel ons" }, /geldig telefoonnummer/],
      [{ name: "" }, /Vul de naam van de organisatie in/],
      [{ logoText: "x".repeat(41) }, /logotekst is te lang: hoogstens 40/],
      [
        { announcement: { title: "Titel", body: "Tekst", startsOn: "2026-05-10", endsOn: "2026-05-01" } },
        /einddatum .* vóór de begindatum/,
      ],
      [{ announcement: { title: "Titel", body: "Tekst", startsOn: "2026-02-30", endsOn: null } }, /Deze datum bestaat niet/],
      [{ aboutText: "a\u202Eb" }, /onzichtbaar teken/],
    ];
    for (const [change, message] of cases) {
      const res = await save({ ...before.settings, version: before.version, ...change });
      expect(res.status, JSON.stringify(change)).toBe(400);
      expect((await json<{ error: { message: string } }>(res)).error.message).toMatch(message);
    }
    expect(await read()).toEqual(before);
  });

  it("refuses a stale save with 409: the later of two beheerders loses nothing silently", async () => {
    const start = await read();
    const first = await save({ ...start.settings, version: start.version, phone: "030 111 11 11" });
    expect(first.status).toBe(200);
    const second = await save({ ...start.settings, version: start.version, phone: "030 222 22 22" });
    expect(second.status).toBe(409);
    expect((await json<{ error: { message: string } }>(second)).error.message).toMatch(
      /Iemand anders heeft de instellingen intussen gewijzigd/,
    );
    expect((await read()).settings.phone).toBe("030 111 11 11");
  });
});

describe("logo", () => {
  it("stores a PNG checked by content and serves it publicly with a safe type, nosniff and an ETag", async () => {
    const { version } = await read();
    const png = solidPng(64, 32);
    const res = await upload({ name: "logo.png", bytes: png, type: "image/png" }, version);
    expect(res.status).toBe(200);
    const after = await json<OrganizationSettingsResponse>(res);
    expect(after.logo).toMatchObject({ mime: "image/png", size: png.byteLength });
    expect(after.version).toBe(version + 1);
    const org = await publicOrg();
    expect(org.logoUrl).toBe(after.logo?.url);
    const img = await h.request(HET_BAKEN, "GET", org.logoUrl as string);
    expect(img.status).toBe(200);
    expect(img.headers.get("content-type")).toBe("image/png");
    expect(img.headers.get("x-content-type-options")).toBe("nosniff");
    expect(img.headers.get("cache-control")).toBe("no-cache");
    expect(img.headers.get("content-security-policy")).toContain("default-src 'none'");
    const etag = img.headers.get("etag") as string;
    expect(new Uint8Array(await img.arrayBuffer())).toEqual(png);
    const again = await h.app.request("/api/organization/logo", { headers: { Host: HET_BAKEN, "If-None-Match": etag } });
    expect(again.status).toBe(304);
    // The other organization has none.
    expect((await h.request(NOORDERLICHT, "GET", "/api/organization/logo")).status).toBe(404);
    expect(await auditActions("organization.logo.update")).toHaveLength(1);
  });

  it("takes a WebP too, sent as image/webp", async () => {
    const { version } = await read();
    const webp = new Uint8Array(Buffer.from("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==", "base64"));
    const res = await upload({ name: "logo.webp", bytes: webp, type: "image/webp" }, version);
    expect(res.status, await res.clone().text()).toBe(200);
    const img = await h.request(HET_BAKEN, "GET", "/api/organization/logo");
    expect(img.headers.get("content-type")).toBe("image/webp");
    // Back to the PNG for the tests below.
    const again = await upload({ name: "logo.png", bytes: solidPng(64, 32), type: "image/png" }, version + 1);
    expect(again.status).toBe(200);
  });

  it("refuses a renamed EXE, an SVG and a too big file, and keeps the logo it had", async () => {
    const before = await read();
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const big = new Uint8Array(600 * 1024);
    big.set(solidPng(1, 1).subarray(0, 8));
    const cases: [{ name: string; bytes: Uint8Array; type?: string }, number, RegExp][] = [
      [{ name: "logo.png", bytes: EXE_BYTES, type: "image/png" }, 400, /geen PNG- of WebP-afbeelding/],
      [{ name: "logo.svg", bytes: svg, type: "image/svg+xml" }, 400, /geen PNG- of WebP-afbeelding/],
      [{ name: "logo.png", bytes: big, type: "image/png" }, 413, /hoogstens 512 kB/],
      [{ name: "logo.pdf", bytes: new TextEncoder().encode("%PDF-1.4\n%%EOF\n"), type: "application/pdf" }, 400, /PNG- of WebP/],
    ];
    for (const [file, status, message] of cases) {
      const res = await upload(file, before.version);
      expect(res.status, file.name).toBe(status);
      expect((await json<{ error: { message: string } }>(res)).error.message).toMatch(message);
    }
    expect(await read()).toEqual(before);
    expect((await h.request(HET_BAKEN, "GET", "/api/organization/logo")).headers.get("content-type")).toBe("image/png");
  });

  it("refuses an upload against an old version, and removes the logo on request", async () => {
    const before = await read();
    expect((await upload({ name: "logo.png", bytes: solidPng(8, 8) }, before.version - 1)).status).toBe(409);
    const removed = await h.request(HET_BAKEN, "POST", `${URL}/logo/remove`, { cookie: beheer, body: { version: before.version } });
    expect(removed.status).toBe(200);
    expect((await json<OrganizationSettingsResponse>(removed)).logo).toBeNull();
    expect((await publicOrg()).logoUrl).toBeNull();
    expect((await h.request(HET_BAKEN, "GET", "/api/organization/logo")).status).toBe(404);
  });
});

describe("the announcement on Home", () => {
  it("shows only between its start and end date, by the clock", async () => {
    const client = await h.login(HET_BAKEN, "client@example.com");
    const me = await json<{ portals: { clientId: string }[] }>(h.request(HET_BAKEN, "GET", "/api/me", { cookie: client }));
    const portal = me.portals[0]?.clientId as string;
    const home = async () =>
      (
        await json<{ announcement: { title: string } | null }>(
          h.request(HET_BAKEN, "GET", `/api/portal/${portal}/overview`, { cookie: client }),
        )
      ).announcement;
    const { settings, version } = await read();
    const res = await save({
      ...settings,
      version,
      announcement: { title: "Zomersluiting", body: "Het kantoor is dicht.", startsOn: "2031-07-01", endsOn: "2031-07-14" },
    });
    expect(res.status).toBe(200);
    // Before its start: not shown (and the older announcement was replaced, not added to).
    expect(await home()).toBeNull();
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true, now: new Date("2031-07-01T08:00:00+02:00") });
    const c1 = await h.login(HET_BAKEN, "client@example.com");
    const home1 = await json<{ announcement: { title: string } | null }>(
      h.request(HET_BAKEN, "GET", `/api/portal/${portal}/overview`, { cookie: c1 }),
    );
    expect(home1.announcement?.title).toBe("Zomersluiting");
    vi.setSystemTime(new Date("2031-07-14T23:30:00+02:00"));
    const c2 = await h.login(HET_BAKEN, "client@example.com");
    const home2 = await json<{ announcement: { title: string } | null }>(
      h.request(HET_BAKEN, "GET", `/api/portal/${portal}/overview`, { cookie: c2 }),
    );
    expect(home2.announcement?.title).toBe("Zomersluiting");
    vi.setSystemTime(new Date("2031-07-15T00:30:00+02:00"));
    const c3 = await h.login(HET_BAKEN, "client@example.com");
    const home3 = await json<{ announcement: { title: string } | null }>(
      h.request(HET_BAKEN, "GET", `/api/portal/${portal}/overview`, { cookie: c3 }),
    );
    expect(home3.announcement).toBeNull();
  });

  it("takes the announcement off Home when it is cleared", async () => {
    vi.useRealTimers();
    const { settings, version } = await read();
    expect((await save({ ...settings, version, announcement: null })).status).toBe(200);
    expect((await read()).settings.announcement).toBeNull();
  });
});

describe("who may", () => {
  it("refuses secretariaat, begeleider and client (403) and the other organization's beheerder (401 here)", async () => {
    const before = await read();
    const body = { ...before.settings, version: before.version, name: "Overgenomen" };
    for (const email of ["secretariaat@hetbaken.example", "begeleider@hetbaken.example", "client@example.com"]) {
      const cookie = wrongCallers[email] as string;
      expect((await h.request(HET_BAKEN, "GET", URL, { cookie })).status, email).toBe(403);
      expect((await save(body, cookie)).status, email).toBe(403);
      expect((await upload({ name: "logo.png", bytes: solidPng(4, 4) }, before.version, cookie)).status, email).toBe(403);
    }
    const other = wrongCallers.other as string;
    expect((await h.request(HET_BAKEN, "GET", URL, { cookie: other })).status).toBe(401);
    expect((await save(body, other)).status).toBe(401);
    // On its own address it edits only its own organization.
    const own = await read(other, NOORDERLICHT);
    expect(own.settings.name).toBe("GGZ Noorderlicht");
    expect((await save({ ...own.settings, version: own.version, name: "GGZ Noorderlicht Noord" }, other, NOORDERLICHT)).status).toBe(200);
    expect(await read()).toEqual(before);
  });
});
