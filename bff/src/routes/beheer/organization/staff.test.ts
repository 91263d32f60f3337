// Medewerkers (issue 13, part 3): the beheerder lists, invites and manages staff, and sets care teams.
// Every change is audited, refused changes change nothing, and nobody else reaches any of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../../demo/seed";
import { listMailbox } from "../../../mail/outbox";
import { cookiesFrom, freshTotp, type Harness, HET_BAKEN, makeHarness, NOORDERLICHT } from "../../../test-support/app-harness";

interface Staff {
  id: string;
  name: string;
  email: string;
  role: string;
  status: string;
  blockedReason: string | null;
  invitationExpired: boolean;
  factorResetPending: boolean;
  secondFactorSet: boolean;
  careTeamSize: number;
  version: number;
  isSelf: boolean;
  careTeam?: { id: string; name: string }[];
}
type ApiError = { error: { code: string; message: string; fields?: Record<string, string> } };

const BASE = "/api/beheer/organization/staff";
let h: Harness;
let beheer: string;
let noorder: string;
const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
const sql = async <T>(query: string, ...args: unknown[]) => (await h.deps.db.$raw.get<T>(query, ...args)) as T;
/** count(*) AS n of a query: a bigint on PostgreSQL, which the driver gives as a string. */
const count = async (query: string, ...args: unknown[]) => Number((await sql<{ n: number | string }>(query, ...args)).n);
const all = <T>(query: string, ...args: unknown[]) => h.deps.db.$raw.all<T>(query, ...args);

function list(query = "", cookie = beheer, host = HET_BAKEN) {
  return h.request(host, "GET", `${BASE}?${query}`, { cookie });
}
async function find(q: string): Promise<Staff> {
  const page = await json<{ items: Staff[] }>(list(`q=${encodeURIComponent(q)}`));
  const s = page.items[0];
  if (!s) throw new Error(`no staff for ${q}`);
  return s;
}
function act(staff: Staff, action: string, body: object = { version: staff.version }, cookie = beheer, host = HET_BAKEN) {
  return h.request(host, "POST", `${BASE}/${staff.id}/${action}`, { cookie, body });
}
function audits(objectId: string) {
  return all<{ action: string; outcome: string; actor_label: string }>(
    "SELECT action, outcome, actor_label FROM audit_log WHERE object_type = 'staff' AND object_id = ? ORDER BY seq",
    objectId,
  );
}
async function linkFor(email: string): Promise<string> {
  const token = /\/activeren#([a-z2-7]{32})/.exec((await listMailbox(h.deps.db, email))[0]?.text ?? "")?.[1];
  if (!token) throw new Error(`no link for ${email}`);
  return token;
}
function activation(host: string, token: string) {
  return (path: string, body: object = {}) => h.request(host, "POST", `/api/activation/${path}`, { body: { token, ...body } });
}
/** Sets up an authenticator through the link and finishes; returns the new TOTP secret and the session. */
async function setFactorAndFinish(host: string, token: string, email: string): Promise<{ secret: string; cookie: string }> {
  const step = activation(host, token);
  const setup = await json<{ secret: string }>(step("totp/setup"));
  expect((await step("totp/confirm", { code: freshTotp(`new:${email}`, setup.secret) })).status).toBe(200);
  const finish = await step("finish", { acceptTerms: true });
  expect(finish.status).toBe(200);
  return { secret: setup.secret, cookie: cookiesFrom(finish) };
}
async function loginWith(host: string, email: string, secret: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await h.request(host, "POST", "/api/auth/login", { body: { email, password } });
  expect(res.status).toBe(200);
  const cookie = cookiesFrom(res);
  const totp = await h.request(host, "POST", "/api/auth/totp", {
    cookie,
    body: { code: freshTotp(`new:${email}`, secret), trustDevice: false },
  });
  expect(totp.status).toBe(200);
  return cookiesFrom(totp, cookie);
}

beforeAll(async () => {
  h = await makeHarness();
  beheer = await h.login(HET_BAKEN, "beheer@hetbaken.example");
  noorder = await h.login(NOORDERLICHT, "beheer@noorderlicht.example");
}, 60_000);
afterAll(() => h.close());

describe("Medewerkers: list and search", () => {
  it("lists the organization's staff only, searchable by name or e-mail, paged", async () => {
    const page = await json<{ items: Staff[]; total: number; pageSize: number }>(list("pageSize=2"));
    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(4);
    expect(page.items.every((s) => s.email.endsWith("@hetbaken.example"))).toBe(true);
    const joost = await find("Verbeek");
    expect(joost).toMatchObject({ name: "Joost Verbeek", role: "begeleider", status: "actief", secondFactorSet: true, isSelf: false });
    expect(joost.careTeamSize).toBeGreaterThan(0);
    expect((await find("beheer@hetbaken")).isSelf).toBe(true);
    const second = await json<{ items: Staff[] }>(list("pageSize=2&page=2"));
    expect(second.items.map((s) => s.id)).not.toContain(page.items[0]?.id);
    // Nobody of the other organization, whatever the search.
    expect((await json<{ total: number }>(list("q=noorderlicht"))).total).toBe(0);
    const bad = await list("status=weg");
    expect(bad.status).toBe(400);
  });
});

describe("Medewerkers: invite", () => {
  it("invites a secretariaat: an e-mail with a link that activates a staff account with a second factor", async () => {
    const res = await h.request(HET_BAKEN, "POST", BASE, {
      cookie: beheer,
      body: { name: "Femke de Boer", email: "F.deBoer@hetbaken.example", role: "secretariaat" },
    });
    expect(res.status).toBe(201);
    const { staff } = await json<{ staff: Staff }>(res);
    expect(staff).toMatchObject({
      email: "f.deboer@hetbaken.example",
      role: "secretariaat",
      status: "uitgenodigd",
      secondFactorSet: false,
    });
    expect(await audits(staff.id)).toEqual([{ action: "staff.invite", outcome: "success", actor_label: "beheer@hetbaken.example" }]);
    const mail = (await listMailbox(h.deps.db, "f.deboer@hetbaken.example"))[0];
    expect(mail?.subject).toContain("medewerkersaccount");
    expect(mail?.text).not.toContain("geboortedatum");

    const step = activation(HET_BAKEN, await linkFor("f.deboer@hetbaken.example"));
    const status = await json<{ step: string; secondFactorOptional: boolean }>(step("status"));
    // Staff skip the birth date and cannot skip the second factor.
    expect(status).toMatchObject({ step: "password", secondFactorOptional: false });
    expect((await step("password", { password: "Femke-Haar-Eigen-Wachtwoord-7" })).status).toBe(200);
    expect((await step("skip-factor")).status).toBe(400);
    const { secret, cookie } = await setFactorAndFinish(HET_BAKEN, await linkFor("f.deboer@hetbaken.example"), "f.deboer@hetbaken.example");
    const me = await json<{ user: { staffRole: string } }>(h.request(HET_BAKEN, "GET", "/api/me", { cookie }));
    expect(me.user.staffRole).toBe("secretariaat");
    expect((await find("Femke")).status).toBe("actief");
    await loginWith(HET_BAKEN, "f.deboer@hetbaken.example", secret, "Femke-Haar-Eigen-Wachtwoord-7");
  });

  it("a staff member of a ggz organization (e-mail codes allowed for clients) must still set a factor", async () => {
    const res = await h.request(NOORDERLICHT, "POST", BASE, {
      cookie: noorder,
      body: { name: "Pim Smit", email: "pim@noorderlicht.example", role: "behandelaar" },
    });
    expect(res.status).toBe(201);
    const step = activation(NOORDERLICHT, await linkFor("pim@noorderlicht.example"));
    expect((await step("password", { password: "Een-Sterk-Behandel-Wachtwoord-7!" })).status).toBe(200);
    const skip = await step("skip-factor");
    expect(skip.status).toBe(400);
    expect((await json<{ step: string }>(step("status"))).step).toBe("second-factor");
  });

  it("refuses bad input with a specific Dutch message and creates nothing", async () => {
    const before = await count("SELECT count(*) n FROM accounts");
    const mails = await count("SELECT count(*) n FROM mail_outbox");
    const cases: [object, number, string, RegExp][] = [
      [{ name: "Nieuw Iemand", email: "nieuw@hetbaken.example", role: "directeur" }, 400, "role", /Kies een rol/],
      [{ name: "Nieuw Iemand", email: "geen-adres", role: "begeleider" }, 400, "email", /geldig e-mailadres/],
      [{ name: "", email: "nieuw@hetbaken.example", role: "begeleider" }, 400, "name", /naam/],
      [{ name: "Nieuw\u202EIemand", email: "nieuw@hetbaken.example", role: "begeleider" }, 400, "name", /onzichtbaar teken/],
      // Unique per organization: a colleague's address, and a client's or relation's too.
      [
        { name: "Joost Twee", email: "Begeleider@hetbaken.example", role: "begeleider" },
        409,
        "email",
        /al een account met dit e-mailadres/,
      ],
      [{ name: "Ouder Twee", email: "ouder@example.com", role: "begeleider" }, 409, "email", /al een account met dit e-mailadres/],
    ];
    for (const [body, status, field, message] of cases) {
      const res = await h.request(HET_BAKEN, "POST", BASE, { cookie: beheer, body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      const err = await json<ApiError>(res);
      expect(err.error.message).toMatch(message);
      expect(err.error.fields?.[field]).toBeTruthy();
    }
    expect(await count("SELECT count(*) n FROM accounts")).toBe(before);
    expect(await count("SELECT count(*) n FROM mail_outbox")).toBe(mails);
    // The same address is free in the other organization.
    const other = await h.request(NOORDERLICHT, "POST", BASE, {
      cookie: noorder,
      body: { name: "Joost Elders", email: "begeleider@hetbaken.example", role: "begeleider" },
    });
    expect(other.status).toBe(201);
  });

  it("sends an invitation again: a new mail, and the earlier link no longer works", async () => {
    await h.request(HET_BAKEN, "POST", BASE, {
      cookie: beheer,
      body: { name: "Ruud Kok", email: "ruud@hetbaken.example", role: "begeleider" },
    });
    const first = await linkFor("ruud@hetbaken.example");
    const ruud = await find("Ruud");
    const res = await act(ruud, "resend-invitation");
    expect(res.status).toBe(200);
    const second = await linkFor("ruud@hetbaken.example");
    expect(second).not.toBe(first);
    expect((await activation(HET_BAKEN, first)("status")).status).toBe(410);
    expect((await activation(HET_BAKEN, second)("status")).status).toBe(200);
    expect((await audits(ruud.id)).map((a) => a.action)).toEqual(["staff.invite", "staff.resend-invitation"]);
    // An active colleague has no invitation to send again.
    expect((await act(await find("Verbeek"), "resend-invitation")).status).toBe(409);
  });
});

describe("Medewerkers: role, deactivate, reactivate, unblock", () => {
  it("changes a role with the version seen; a stale version is refused and changes nothing", async () => {
    const ayse = await find("Ayse");
    const res = await act(ayse, "role", { role: "behandelaar", version: ayse.version });
    expect(res.status).toBe(200);
    const { staff } = await json<{ staff: Staff }>(res);
    expect(staff).toMatchObject({ role: "behandelaar", version: ayse.version + 1 });
    const stale = await act(ayse, "role", { role: "secretariaat", version: ayse.version });
    expect(stale.status).toBe(409);
    expect((await json<ApiError>(stale)).error.message).toMatch(/net gewijzigd/);
    expect((await find("Ayse")).role).toBe("behandelaar");
    const unknown = await act(ayse, "role", { role: "directeur", version: staff.version });
    expect(unknown.status).toBe(400);
    expect((await json<ApiError>(unknown)).error.message).toMatch(/Kies een rol/);
    expect(await audits(ayse.id)).toEqual([
      { action: "staff.role", outcome: "success", actor_label: "beheer@hetbaken.example" },
      { action: "staff.role", outcome: "failure", actor_label: "beheer@hetbaken.example" },
    ]);
    // Back, for the care-team tests below.
    expect((await act(staff, "role", { role: "begeleider", version: staff.version })).status).toBe(200);
  });

  it("a beheerder cannot deactivate or demote themself, nor leave the organization without an active beheerder", async () => {
    const self = await find("beheer@hetbaken");
    const deactivate = await act(self, "deactivate");
    expect(deactivate.status).toBe(409);
    expect((await json<ApiError>(deactivate)).error.message).toMatch(/U kunt uzelf niet deactiveren/);
    const demote = await act(self, "role", { role: "secretariaat", version: self.version });
    expect(demote.status).toBe(409);
    expect((await json<ApiError>(demote)).error.message).toMatch(/eigen rol/);
    const reset = await act(self, "reset-second-factor");
    expect(reset.status).toBe(409);
    expect(await find("beheer@hetbaken")).toMatchObject({ status: "actief", role: "beheerder" });
  });

  it("deactivating ends the staff member's open session at once; reactivating sends a new link", async () => {
    const joostCookie = await h.login(HET_BAKEN, "begeleider@hetbaken.example");
    expect((await h.request(HET_BAKEN, "GET", "/api/beheer/clients", { cookie: joostCookie })).status).toBe(200);
    const joost = await find("Verbeek");
    const res = await act(joost, "deactivate");
    expect(res.status).toBe(200);
    expect((await json<{ staff: Staff }>(res)).staff.status).toBe("gedeactiveerd");
    expect((await h.request(HET_BAKEN, "GET", "/api/beheer/clients", { cookie: joostCookie })).status).toBe(401);
    expect(await count("SELECT count(*) n FROM sessions WHERE account_id = ?", joost.id)).toBe(0);
    const login = await h.request(HET_BAKEN, "POST", "/api/auth/login", {
      body: { email: "begeleider@hetbaken.example", password: DEMO_PASSWORD },
    });
    expect(login.status).toBe(403);
    expect((await act(await find("Verbeek"), "deactivate")).status).toBe(409);

    const again = await act(await find("Verbeek"), "reactivate");
    expect(again.status).toBe(200);
    expect((await json<{ staff: Staff }>(again)).staff).toMatchObject({ status: "uitgenodigd", secondFactorSet: false });
    const step = activation(HET_BAKEN, await linkFor("begeleider@hetbaken.example"));
    expect((await json<{ step: string }>(step("status"))).step).toBe("password");
    expect((await step("password", { password: "Joost-Begint-Opnieuw-42!" })).status).toBe(200);
    const { secret } = await setFactorAndFinish(HET_BAKEN, await linkFor("begeleider@hetbaken.example"), "begeleider@hetbaken.example");
    await loginWith(HET_BAKEN, "begeleider@hetbaken.example", secret, "Joost-Begint-Opnieuw-42!");
    expect((await audits(joost.id)).map((a) => `${a.action}:${a.outcome}`)).toEqual([
      "staff.resend-invitation:failure",
      "staff.deactivate:success",
      "staff.deactivate:failure",
      "staff.reactivate:success",
    ]);
  });

  it("unblocks a staff member blocked after wrong passwords", async () => {
    for (let i = 0; i < 5; i++) {
      await h.request(HET_BAKEN, "POST", "/api/auth/login", {
        body: { email: "secretariaat@hetbaken.example", password: "Fout-wachtwoord-1!" },
      });
    }
    const karin = await find("Hoekstra");
    expect(karin).toMatchObject({ status: "geblokkeerd", blockedReason: "wachtwoord" });
    expect((await json<{ items: Staff[] }>(list("status=geblokkeerd"))).items.map((s) => s.id)).toEqual([karin.id]);
    const res = await act(karin, "unblock");
    expect(res.status).toBe(200);
    expect((await json<{ staff: Staff }>(res)).staff.status).toBe("actief");
    await h.login(HET_BAKEN, "secretariaat@hetbaken.example");
    expect((await act(await find("Hoekstra"), "unblock")).status).toBe(409);
    expect((await audits(karin.id))[0]).toMatchObject({ action: "staff.unblock", outcome: "success" });
  });
});

describe("Medewerkers: reset the second factor", () => {
  it("removes apps, keys, devices and sessions; the next login needs a new factor set through the e-mailed link", async () => {
    const oldCookie = await h.login(HET_BAKEN, "begeleider2@hetbaken.example");
    const ayse = await find("Ayse");
    const res = await act(ayse, "reset-second-factor");
    expect(res.status).toBe(200);
    expect((await json<{ staff: Staff }>(res)).staff).toMatchObject({
      status: "uitgenodigd",
      factorResetPending: true,
      secondFactorSet: false,
    });
    for (const table of ["totp_credentials", "webauthn_credentials", "trusted_devices", "sessions"]) {
      expect(await count(`SELECT count(*) n FROM ${table} WHERE account_id = ?`, ayse.id), table).toBe(0);
    }
    expect((await h.request(HET_BAKEN, "GET", "/api/me", { cookie: oldCookie })).status).toBe(401);
    // The right password alone gets no session.
    const login = await h.request(HET_BAKEN, "POST", "/api/auth/login", {
      body: { email: "begeleider2@hetbaken.example", password: DEMO_PASSWORD },
    });
    expect(login.status).toBe(403);
    expect((await json<ApiError>(login)).error).toMatchObject({
      code: "second_factor_reset",
      message: expect.stringMatching(/link in de e-mail/),
    });
    expect(cookiesFrom(login)).not.toMatch(/session/);
    const mail = (await listMailbox(h.deps.db, "begeleider2@hetbaken.example"))[0];
    expect(mail?.subject).toMatch(/nieuwe tweede stap/);
    const token = await linkFor("begeleider2@hetbaken.example");
    // Straight to the second factor: the password stays.
    expect((await json<{ step: string }>(activation(HET_BAKEN, token)("status"))).step).toBe("second-factor");
    expect((await activation(HET_BAKEN, token)("skip-factor")).status).toBe(400);
    const { secret } = await setFactorAndFinish(HET_BAKEN, token, "begeleider2@hetbaken.example");
    ayseCookie = await loginWith(HET_BAKEN, "begeleider2@hetbaken.example", secret);
    expect(await find("Ayse")).toMatchObject({ status: "actief", secondFactorSet: true, factorResetPending: false });
    expect((await audits(ayse.id)).at(-1)).toMatchObject({ action: "staff.reset-second-factor", outcome: "success" });
  });
});

describe("Medewerkers: care team", () => {
  it("adding a client makes it visible to that begeleider in the client list; removing hides it again", async () => {
    const ayse = await find("Ayse");
    const sanne = (await sql<{ id: string }>("SELECT id FROM clients WHERE first_name = 'Sanne' AND last_name = 'Jansen'")).id;
    const visible = async () =>
      (
        await json<{ items: { id: string }[] }>(h.request(HET_BAKEN, "GET", "/api/beheer/clients?pageSize=100", { cookie: ayseCookie }))
      ).items.map((c) => c.id);
    expect(await visible()).not.toContain(sanne);
    const add = await h.request(HET_BAKEN, "POST", `${BASE}/${ayse.id}/care-team`, { cookie: beheer, body: { clientId: sanne } });
    expect(add.status).toBe(200);
    expect((await json<{ staff: Staff }>(add)).staff.careTeam?.map((c) => c.id)).toContain(sanne);
    expect(await visible()).toContain(sanne);
    const twice = await h.request(HET_BAKEN, "POST", `${BASE}/${ayse.id}/care-team`, { cookie: beheer, body: { clientId: sanne } });
    expect(twice.status).toBe(409);
    const remove = await h.request(HET_BAKEN, "DELETE", `${BASE}/${ayse.id}/care-team/${sanne}`, { cookie: beheer });
    expect(remove.status).toBe(200);
    expect(await visible()).not.toContain(sanne);
    expect(
      await all<{ action: string; client_id: string }>(
        "SELECT action, client_id FROM audit_log WHERE object_type = 'staff' AND object_id = ? AND action LIKE 'staff.care-team%' ORDER BY seq",
        ayse.id,
      ),
    ).toEqual([
      { action: "staff.care-team.add", client_id: sanne },
      { action: "staff.care-team.remove", client_id: sanne },
    ]);
  });

  it("refuses a care team for a secretariaat and a client of another organization", async () => {
    const karin = await find("Hoekstra");
    const sanne = (await sql<{ id: string }>("SELECT id FROM clients WHERE first_name = 'Sanne' AND last_name = 'Jansen'")).id;
    const ruben = (await sql<{ id: string }>("SELECT id FROM clients WHERE first_name = 'Ruben' AND last_name = 'Visser'")).id;
    const notCare = await h.request(HET_BAKEN, "POST", `${BASE}/${karin.id}/care-team`, { cookie: beheer, body: { clientId: sanne } });
    expect(notCare.status).toBe(409);
    expect((await json<ApiError>(notCare)).error.message).toMatch(/Alleen begeleiders en behandelaars/);
    const ayse = await find("Ayse");
    const foreign = await h.request(HET_BAKEN, "POST", `${BASE}/${ayse.id}/care-team`, { cookie: beheer, body: { clientId: ruben } });
    expect(foreign.status).toBe(404);
    expect(await count("SELECT count(*) n FROM care_team WHERE client_id = ?", ruben)).toBe(
      await count("SELECT count(*) n FROM care_team WHERE client_id = ? AND staff_id <> ?", ruben, ayse.id),
    );
  });
});

describe("Medewerkers: wrong callers", () => {
  it("refuses secretariaat, begeleider, client and the other organization's beheerder (404 on this one's ids)", async () => {
    const joost = await find("Verbeek");
    const before = await sql<{ v: number; s: string; r: string }>(
      "SELECT version v, status s, staff_role r FROM accounts WHERE id = ?",
      joost.id,
    );
    const callers = {
      secretariaat: await h.login(HET_BAKEN, "secretariaat@hetbaken.example"),
      client: await h.login(HET_BAKEN, "client@example.com"),
      ouder: await h.login(HET_BAKEN, "ouder@example.com"),
    };
    for (const [who, cookie] of Object.entries(callers)) {
      expect((await list("", cookie)).status, who).toBe(403);
      expect((await act(joost, "deactivate", { version: joost.version }, cookie)).status, who).toBe(403);
      expect(
        (await h.request(HET_BAKEN, "POST", BASE, { cookie, body: { name: "X Y", email: "xy@example.org", role: "beheerder" } })).status,
      ).toBe(403);
    }
    expect((await list("", "")).status).toBe(401);
    for (const path of ["", "/role", "/deactivate", "/unblock", "/reset-second-factor", "/care-team"]) {
      const res =
        path === ""
          ? await h.request(NOORDERLICHT, "GET", `${BASE}/${joost.id}`, { cookie: noorder })
          : await h.request(NOORDERLICHT, "POST", `${BASE}/${joost.id}${path}`, {
              cookie: noorder,
              body: { version: joost.version, role: "beheerder" },
            });
      expect(res.status, path).toBe(404);
    }
    const sanne = (await sql<{ id: string }>("SELECT id FROM clients WHERE first_name = 'Sanne' AND last_name = 'Jansen'")).id;
    expect((await h.request(NOORDERLICHT, "DELETE", `${BASE}/${joost.id}/care-team/${sanne}`, { cookie: noorder })).status).toBe(404);
    // Het Baken's staff do not show in Noorderlicht's list.
    expect((await json<{ items: Staff[] }>(list("q=hetbaken", noorder, NOORDERLICHT))).items.map((s) => s.email)).toEqual([
      "begeleider@hetbaken.example",
    ]);
    expect(await sql("SELECT version v, status s, staff_role r FROM accounts WHERE id = ?", joost.id)).toEqual(before);
  });
});

/** Ayse's session after she set a new authenticator in the reset test above. */
let ayseCookie = "";
