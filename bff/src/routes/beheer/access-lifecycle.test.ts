// Access management and activation through the BFF: prerequisites, uniqueness, the activation steps,
// the ggz rule for logins without an own factor, reactivation and closing. Wrong users get nothing.
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMailbox } from "../../mail/outbox";
import { cookiesFrom, type Harness, HET_BAKEN, makeHarness, NOORDERLICHT, recordConsent } from "../../test-support/app-harness";

type Person = {
  personType: "client" | "contact";
  personId: string;
  name: string;
  email: string | null;
  accountId: string | null;
  status: string;
  missing: string[];
};

let h: Harness;
let staff: string;
const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;

async function clientId(host: string, cookie: string, q: string): Promise<string> {
  const list = await json<{ items: { id: string }[] }>(
    h.request(host, "GET", `/api/beheer/clients?q=${encodeURIComponent(q)}`, { cookie }),
  );
  return list.items[0]?.id ?? "";
}
async function people(host: string, cookie: string, id: string): Promise<Person[]> {
  return (await json<{ people: Person[] }>(h.request(host, "GET", `/api/beheer/clients/${id}/access`, { cookie }))).people;
}
async function tokenFor(email: string, path: string): Promise<string> {
  const mail = (await listMailbox(h.deps.db, email))[0];
  const token = new RegExp(`${path}#([a-z2-7]{32})`).exec(mail?.text ?? "")?.[1];
  if (!token) throw new Error(`no ${path} link for ${email}`);
  return token;
}

beforeAll(async () => {
  h = await makeHarness();
  staff = await h.login(HET_BAKEN, "secretariaat@hetbaken.example");
});
afterAll(() => h.close());

describe("activating access", () => {
  it("names what is missing and creates nothing", async () => {
    const sanne = await clientId(HET_BAKEN, staff, "Sanne Jansen");
    const list = await people(HET_BAKEN, staff, sanne);
    const self = list.find((p) => p.personType === "client");
    // Said as what it is (she is too young), not as something missing from the dossier.
    expect(self?.missing).toContain("Sanne is nog geen 16: een eigen account kan vanaf 16 jaar.");
    const before = await h.deps.db.$raw.get<{ n: number }>("SELECT count(*) n FROM accounts");
    const res = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${sanne}/access/activate`, {
      cookie: staff,
      body: { personType: "client", personId: sanne },
    });
    expect(res.status).toBe(400);
    expect((await json<{ error: { message: string } }>(res)).error.message).toBe(
      "Toegang kan nog niet worden geactiveerd. Sanne is nog geen 16: een eigen account kan vanaf 16 jaar.",
    );
    expect(await h.deps.db.$raw.get("SELECT count(*) n FROM accounts")).toEqual(before);
  });

  it("refuses an e-mail address that already belongs to another account", async () => {
    const daan = await clientId(HET_BAKEN, staff, "Daan Jansen");
    const add = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${daan}/relations`, {
      cookie: staff,
      body: { firstName: "Lotte", lastName: "Dubbel", email: "client@example.com", role: "verwant", gezag: false },
    });
    expect(add.status).toBe(201);
    const { contactId, id: relationId } = await json<{ contactId: string; id: string }>(add);
    await recordConsent(h, HET_BAKEN, staff, daan, relationId);
    const res = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${daan}/access/activate`, {
      cookie: staff,
      body: { personType: "contact", personId: contactId },
    });
    expect(res.status).toBe(409);
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe("email_in_use");
  });

  it("is refused to the wrong users", async () => {
    const sanne = await clientId(HET_BAKEN, staff, "Sanne Jansen");
    const parent = await h.login(HET_BAKEN, "ouder@example.com");
    expect((await h.request(HET_BAKEN, "GET", `/api/beheer/clients/${sanne}/access`, { cookie: parent })).status).toBe(403);
    const begeleider = await h.login(HET_BAKEN, "begeleider@hetbaken.example");
    expect((await h.request(HET_BAKEN, "GET", `/api/beheer/clients/${sanne}/access`, { cookie: begeleider })).status).toBe(403);
    const other = await h.login(NOORDERLICHT, "beheer@noorderlicht.example");
    expect((await h.request(NOORDERLICHT, "GET", `/api/beheer/clients/${sanne}/access`, { cookie: other })).status).toBe(404);
    const body = { personType: "contact", personId: sanne };
    expect((await h.request(NOORDERLICHT, "POST", `/api/beheer/clients/${sanne}/access/activate`, { cookie: other, body })).status).toBe(
      404,
    );
  });
});

describe("the activation link (zorg)", () => {
  it("walks birth date, password, authenticator and terms; resumes; counts wrong birth dates", async () => {
    const sanne = await clientId(HET_BAKEN, staff, "Sanne Jansen");
    const father = (await people(HET_BAKEN, staff, sanne)).find((p) => p.email === "vader@example.com") as Person;
    const res = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${sanne}/access/activate`, {
      cookie: staff,
      body: { personType: "contact", personId: father.personId },
    });
    expect(res.status).toBe(201);
    const token = await tokenFor("vader@example.com", "/activeren");
    const step = (path: string, body: object = {}) => h.request(HET_BAKEN, "POST", `/api/activation/${path}`, { body: { token, ...body } });

    expect((await step("password", { password: "Sterk-Genoeg-2026" })).status).toBe(409);
    const wrong = await step("birth-date", { birthDate: "2012-03-15" });
    expect(wrong.status).toBe(400);
    expect((await json<{ error: { message: string } }>(wrong)).error.message).toContain("nog 4 keer");
    expect((await step("birth-date", { birthDate: "14-03-2012" })).status).toBe(400);
    expect(await json<{ step: string }>(step("birth-date", { birthDate: "2012-03-14" }))).toMatchObject({ step: "password" });
    expect(await json<{ step: string }>(step("status"))).toMatchObject({ step: "password", email: "vader@example.com" });

    const weak = await step("password", { password: "Ab1!" });
    expect(weak.status).toBe(400);
    const weakBody = await json<{ error: { fields: Record<string, string> } }>(weak);
    expect(weakBody.error.fields.password).toContain("Minstens");
    expect((await step("password", { password: "Jansen2026!" })).status).toBe(400);
    expect((await step("password", { password: "Welkom123!" })).status).toBe(400);
    expect(await json<{ step: string }>(step("password", { password: "Sterk-Genoeg-2026" }))).toMatchObject({ step: "second-factor" });
    expect((await step("skip-factor")).status).toBe(400);

    const setup = await json<{ secret: string; qrSvg: string; uri: string }>(step("totp/setup"));
    expect(setup.qrSvg).toContain("<svg");
    expect(setup.uri).toContain("otpauth://totp/");
    // The same key after a reload, so a scan from before F5 still works.
    expect((await json<{ secret: string }>(step("totp/setup"))).secret).toBe(setup.secret);
    expect((await step("totp/confirm", { code: "000000" })).status).toBe(400);
    const key = decodeBase32IgnorePadding(setup.secret);
    const now = Math.floor(Date.now() / 30_000);
    expect(await json<{ step: string }>(step("totp/confirm", { code: generateHOTP(key, BigInt(now), 6) }))).toMatchObject({
      step: "terms",
    });
    expect((await step("finish", { acceptTerms: false })).status).toBe(400);
    const finish = await step("finish", { acceptTerms: true });
    expect(finish.status).toBe(200);
    const cookie = cookiesFrom(finish);
    const me = await json<{ portals: { name: string }[] }>(h.request(HET_BAKEN, "GET", "/api/me", { cookie }));
    expect(me.portals.map((p) => p.name)).toEqual(["Sanne Jansen"]);
    expect((await step("status")).status).toBe(410);

    // The code used to confirm the app cannot log in again (no replay).
    await h.request(HET_BAKEN, "POST", "/api/auth/logout", { cookie });
    const login = await h.request(HET_BAKEN, "POST", "/api/auth/login", {
      body: { email: "vader@example.com", password: "Sterk-Genoeg-2026" },
    });
    const half = cookiesFrom(login);
    expect(
      (await h.request(HET_BAKEN, "POST", "/api/auth/totp", { cookie: half, body: { code: generateHOTP(key, BigInt(now), 6) } })).status,
    ).toBe(400);
    expect(
      (await h.request(HET_BAKEN, "POST", "/api/auth/totp", { cookie: half, body: { code: generateHOTP(key, BigInt(now + 1), 6) } }))
        .status,
    ).toBe(200);
  });

  it("dies after five wrong birth dates", async () => {
    const daan = await clientId(HET_BAKEN, staff, "Daan Jansen");
    const add = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${daan}/relations`, {
      cookie: staff,
      body: { firstName: "Opa", lastName: "Jansen", email: "opa.jansen@example.org", role: "verwant", gezag: false },
    });
    const { contactId, id: relationId } = await json<{ contactId: string; id: string }>(add);
    await recordConsent(h, HET_BAKEN, staff, daan, relationId);
    await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${daan}/access/activate`, {
      cookie: staff,
      body: { personType: "contact", personId: contactId },
    });
    const token = await tokenFor("opa.jansen@example.org", "/activeren");
    for (let i = 0; i < 4; i++)
      expect((await h.request(HET_BAKEN, "POST", "/api/activation/birth-date", { body: { token, birthDate: "2001-01-01" } })).status).toBe(
        400,
      );
    expect((await h.request(HET_BAKEN, "POST", "/api/activation/birth-date", { body: { token, birthDate: "2001-01-01" } })).status).toBe(
      410,
    );
    expect((await h.request(HET_BAKEN, "POST", "/api/activation/birth-date", { body: { token, birthDate: "2015-09-02" } })).status).toBe(
      410,
    );
  });
});

describe("ggz: without an own factor", () => {
  // One staff login for the block: the ggz policy accepts a code one step ahead only, and codes are not replayed.
  let beheerCookie: string | undefined;
  const beheerLogin = async () => {
    beheerCookie ??= await h.login(NOORDERLICHT, "beheer@noorderlicht.example");
    return beheerCookie;
  };
  it("logs in with e-mailed codes five times, then the account blocks", async () => {
    const beheer = await beheerLogin();
    const ruben = await clientId(NOORDERLICHT, beheer, "Ruben Visser");
    const add = await h.request(NOORDERLICHT, "POST", `/api/beheer/clients/${ruben}/relations`, {
      cookie: beheer,
      body: { firstName: "Noor", lastName: "Visser", email: "noor.visser@example.org", role: "partner", gezag: false },
    });
    const { contactId, id: relationId } = await json<{ contactId: string; id: string }>(add);
    await recordConsent(h, NOORDERLICHT, beheer, ruben, relationId);
    await h.request(NOORDERLICHT, "POST", `/api/beheer/clients/${ruben}/access/activate`, {
      cookie: beheer,
      body: { personType: "contact", personId: contactId },
    });
    const token = await tokenFor("noor.visser@example.org", "/activeren");
    const step = (path: string, body: object = {}) =>
      h.request(NOORDERLICHT, "POST", `/api/activation/${path}`, { body: { token, ...body } });
    await step("birth-date", { birthDate: "1991-11-30" });
    expect((await step("password", { password: "Sterk-Genoeg-2026" })).status).toBe(400);
    await step("password", { password: "een lange zin voor mij!" });
    expect(await json<{ step: string }>(step("skip-factor"))).toMatchObject({ step: "terms" });
    expect((await step("finish", { acceptTerms: true })).status).toBe(200);

    for (let i = 1; i <= 5; i++) {
      const login = await h.request(NOORDERLICHT, "POST", "/api/auth/login", {
        body: { email: "noor.visser@example.org", password: "een lange zin voor mij!" },
      });
      expect(await json(login)).toEqual({ step: "second-factor", factors: ["email"] });
      const cookie = cookiesFrom(login);
      expect((await h.request(NOORDERLICHT, "POST", "/api/auth/email-code/send", { cookie })).status).toBe(200);
      const code = /code is: (\d{6})/.exec((await listMailbox(h.deps.db, "noor.visser@example.org"))[0]?.text ?? "")?.[1];
      const verify = await h.request(NOORDERLICHT, "POST", "/api/auth/email-code/verify", { cookie, body: { code } });
      expect(verify.status).toBe(200);
      expect((await json<{ loginsLeft: number }>(verify)).loginsLeft).toBe(5 - i);
    }
    const blocked = await h.request(NOORDERLICHT, "POST", "/api/auth/login", {
      body: { email: "noor.visser@example.org", password: "een lange zin voor mij!" },
    });
    expect(blocked.status).toBe(423);
  });

  it("trusts the browser after an e-mailed code, and still counts those logins towards the limit", async () => {
    const beheer = await beheerLogin();
    const ruben = await clientId(NOORDERLICHT, beheer, "Ruben Visser");
    const add = await h.request(NOORDERLICHT, "POST", `/api/beheer/clients/${ruben}/relations`, {
      cookie: beheer,
      body: { firstName: "Mila", lastName: "Visser", email: "mila.visser@example.org", role: "partner", gezag: false },
    });
    const { contactId, id: relationId } = await json<{ contactId: string; id: string }>(add);
    await recordConsent(h, NOORDERLICHT, beheer, ruben, relationId);
    await h.request(NOORDERLICHT, "POST", `/api/beheer/clients/${ruben}/access/activate`, {
      cookie: beheer,
      body: { personType: "contact", personId: contactId },
    });
    const token = await tokenFor("mila.visser@example.org", "/activeren");
    const step = (path: string, body: object = {}) =>
      h.request(NOORDERLICHT, "POST", `/api/activation/${path}`, { body: { token, ...body } });
    await step("birth-date", { birthDate: "1991-11-30" });
    await step("password", { password: "een lange zin voor mij!" });
    await step("skip-factor");
    expect((await step("finish", { acceptTerms: true })).status).toBe(200);
    // Finishing the activation signed her in: staff do not read "Nog nooit" while she is in the portal.
    const mila = (await people(NOORDERLICHT, beheer, ruben)).find((p) => p.name === "Mila Visser") as Person & {
      lastLoginAt: number | null;
    };
    expect(mila.lastLoginAt).not.toBeNull();
    const credentials = { email: "mila.visser@example.org", password: "een lange zin voor mij!" };

    const first = await h.request(NOORDERLICHT, "POST", "/api/auth/login", { body: credentials });
    let cookie = cookiesFrom(first);
    await h.request(NOORDERLICHT, "POST", "/api/auth/email-code/send", { cookie });
    const code = /code is: (\d{6})/.exec((await listMailbox(h.deps.db, "mila.visser@example.org"))[0]?.text ?? "")?.[1];
    const verify = await h.request(NOORDERLICHT, "POST", "/api/auth/email-code/verify", { cookie, body: { code, trustDevice: true } });
    expect(await json(verify)).toEqual({ step: "done", loginsLeft: 4 });
    cookie = cookiesFrom(verify, cookie);
    const device = cookie.split("; ").find((c) => c.startsWith("portaal_apparaat="));
    expect(device).toBeDefined();
    // The trusted browser skips the code, but each login still uses up one of the five without an own factor.
    for (let left = 3; left >= 0; left--) {
      const again = await h.request(NOORDERLICHT, "POST", "/api/auth/login", { body: credentials, cookie: device });
      expect(await json(again)).toEqual({ step: "done", loginsLeft: left });
    }
    expect((await h.request(NOORDERLICHT, "POST", "/api/auth/login", { body: credentials, cookie: device })).status).toBe(423);
  });

  it("refuses e-mailed codes to an account that has an authenticator", async () => {
    const login = await h.request(NOORDERLICHT, "POST", "/api/auth/login", {
      body: { email: "client@example.net", password: "Demo-wachtwoord-2026!" },
    });
    expect(await json(login)).toEqual({ step: "second-factor", factors: ["totp"] });
    expect((await h.request(NOORDERLICHT, "POST", "/api/auth/email-code/send", { cookie: cookiesFrom(login) })).status).toBe(400);
  });
});

describe("reactivate and close", () => {
  it("reactivation wipes password and factors; closing ends sessions and login", async () => {
    const lotteCookie = await h.login(HET_BAKEN, "client@example.com");
    const lotte = await clientId(HET_BAKEN, staff, "Lotte Bakker");
    const self = (await people(HET_BAKEN, staff, lotte)).find((p) => p.personType === "client") as Person;
    expect(self.status).toBe("actief");
    const action = (a: string) =>
      h.request(HET_BAKEN, "POST", `/api/beheer/clients/${lotte}/access/${self.accountId}/${a}`, { cookie: staff });
    expect((await action("unblock")).status).toBe(409);
    expect((await action("reactivate")).status).toBe(200);
    expect((await h.request(HET_BAKEN, "GET", "/api/me", { cookie: lotteCookie })).status).toBe(401);
    const factors = (await h.deps.db.$raw.get("SELECT count(*) n FROM totp_credentials WHERE account_id = ?", self.accountId)) as {
      n: number;
    };
    expect(Number(factors.n)).toBe(0); // count(*) is a bigint (a string) on PostgreSQL
    expect(
      (await h.request(HET_BAKEN, "POST", "/api/auth/login", { body: { email: "client@example.com", password: "Demo-wachtwoord-2026!" } }))
        .status,
    ).toBe(401);
    expect(await tokenFor("client@example.com", "/activeren")).toMatch(/^[a-z2-7]{32}$/);
    expect((await action("close")).status).toBe(200);
    // A closed account stays on the client page as closed (not as "no access"), so staff can reactivate it.
    expect((await people(HET_BAKEN, staff, lotte)).find((p) => p.personType === "client")?.status).toBe("gesloten");
    expect((await action("bogus")).status).toBe(400);
  });
});
