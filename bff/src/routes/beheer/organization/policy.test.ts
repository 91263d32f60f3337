// Organisatie → Beveiligingsbeleid (issue 13, part 3): every setting saved and read back through the shared
// schema; bad values refused with a specific Dutch sentence; a change takes effect as a user expects;
// a stale save refused; only the organization's own beheerder gets in.
import { contrastRatio, formatRatio, MIN_CONTRAST, PrimaryColorSchema } from "@portaal/shared/organization-settings";
import { POLICY_SETTINGS, type Policy, PolicySchema, PRESETS } from "@portaal/shared/policy";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO_PASSWORD } from "../../../demo/seed";
import { listMailbox } from "../../../mail/outbox";
import { cookiesFrom, type Harness, HET_BAKEN, makeHarness, NOORDERLICHT } from "../../../test-support/app-harness";

let h: Harness;
let beheer: string;
const URL = "/api/beheer/organization/policy";
const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
type Current = { policy: Policy; version: number };
const read = (host = HET_BAKEN, cookie = beheer) => json<Current>(h.request(host, "GET", URL, { cookie }));
const save = (body: object, host = HET_BAKEN, cookie = beheer) => h.request(host, "PUT", URL, { cookie, body });
async function change(patch: Partial<Policy>, host = HET_BAKEN, cookie = beheer) {
  const { policy, version } = await read(host, cookie);
  const res = await save({ version, policy: { ...policy, ...patch } }, host, cookie);
  expect(res.status, await res.clone().text()).toBe(200);
}

beforeAll(async () => {
  h = await makeHarness();
  beheer = await h.login(HET_BAKEN, "beheer@hetbaken.example");
});
afterAll(() => h.close());
afterEach(() => vi.useRealTimers());

describe("the one definition", () => {
  it("has a label and a one-sentence reason for every setting of the schema, and nothing else", () => {
    expect(Object.keys(POLICY_SETTINGS).sort()).toEqual(Object.keys(PolicySchema.shape).sort());
    for (const [key, def] of Object.entries(POLICY_SETTINGS)) {
      expect(def.label.length, key).toBeGreaterThan(3);
      expect(def.whyWeaker, key).toMatch(/^[A-Z][^.]*[^.]\.$|^[A-Z].*\.$/);
      expect(def.whyWeaker.split(/\.\s/).length, `${key}: one sentence`).toBe(1);
      expect(def.weaker(PRESETS.aanbevolen, PRESETS.aanbevolen), key).toBe(false);
    }
  });
});

describe("colour contrast (shared, shown live in the form)", () => {
  it("computes WCAG ratios: black on white 21, the demo colours pass, a light blue fails", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#ffffff")).toBe(1);
    expect(contrastRatio("#0b5f73", "#ffffff")).toBeGreaterThan(MIN_CONTRAST);
    expect(contrastRatio("#4a3a8c", "#ffffff")).toBeGreaterThan(MIN_CONTRAST);
    // #777777 is the classic near miss: 4.48, which must not round up to a pass.
    expect(formatRatio(contrastRatio("#777777", "#ffffff"))).toBe("4,47");
    expect(PrimaryColorSchema.safeParse("#777777").success).toBe(false);
    expect(PrimaryColorSchema.safeParse("#767676").success).toBe(true);
  });
});

describe("saving", () => {
  it("saves every setting and reads it back, audited with before and after", async () => {
    const { policy, version } = await read();
    expect(policy).toEqual(PRESETS.zorg);
    const next: Policy = { ...PRESETS.aanbevolen, trustDeviceDays: 3, minimumClientAge: 14, activationLinkDays: 5, maxFailedCodes: 6 };
    const res = await save({ version, policy: next });
    expect(res.status).toBe(200);
    expect(await read()).toEqual({ policy: next, version: version + 1 });
    // The organization's public policy (login, activation pages) changes on the next request.
    expect((await json<{ policy: Policy }>(h.request(HET_BAKEN, "GET", "/api/organization"))).policy).toEqual(next);
    const row = (await h.deps.db.$raw.get(
      "SELECT details_json AS d FROM audit_log WHERE action = 'organization.policy.update' ORDER BY seq DESC LIMIT 1",
    )) as { d: string };
    const changes = JSON.parse(row.d).changes;
    expect(changes.trustDeviceDays).toEqual({ before: 7, after: 3 });
    expect(changes.ipThrottling).toEqual({ before: false, after: true });
    expect(changes.idleTimeoutMinutes).toBeUndefined();
    await change(PRESETS.zorg);
  });

  it("refuses bad values with a Dutch sentence naming the setting, and changes nothing", async () => {
    const before = await read();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ idleTimeoutMinutes: 2 }, /^Sessie eindigt na zoveel minuten zonder activiteit moet minstens 5 zijn\.$/],
      [{ absoluteTimeoutHours: 48 }, /Sessie eindigt altijd na \(uren\) mag hoogstens 24 zijn/],
      [{ secondFactor: "sms" }, /Tweede factor: kies een van de mogelijkheden/],
      [{ trustDeviceDays: 1.5 }, /Vertrouw deze computer \(dagen\) moet een geheel getal zijn/],
      [{ ipThrottling: "ja" }, /Inlogpogingen per IP-adres beperken: kies aan of uit/],
      [{ password: { ...before.policy.password, minLength: 4 } }, /Wachtwoord: minimale lengte \(tekens\) moet minstens 8 zijn/],
      [{ password: { ...before.policy.password, minLength: 64, maxLength: 64 } }, /^(?!.*kleiner)/],
      [{ lockoutPauseMinutes: [1, 2, 3, 4, 5, 6] }, /Pauzes na een reeks onjuiste pogingen \(minuten\): hoogstens 5 waarden/],
    ];
    for (const [patch, message] of cases) {
      const res = await save({ version: before.version, policy: { ...before.policy, ...patch } });
      if (JSON.stringify(patch).includes('"minLength":64')) {
        expect(res.status).toBe(200);
        await change(before.policy);
        before.version += 1;
        continue;
      }
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expect((await json<{ error: { message: string } }>(res)).error.message).toMatch(message);
    }
    expect((await read()).policy).toEqual(before.policy);
  });

  it("refuses a stale save with 409", async () => {
    const start = await read();
    expect((await save({ version: start.version, policy: { ...start.policy, trustDeviceDays: 2 } })).status).toBe(200);
    const late = await save({ version: start.version, policy: { ...start.policy, trustDeviceDays: 9 } });
    expect(late.status).toBe(409);
    expect((await json<{ error: { message: string } }>(late)).error.message).toMatch(/beveiligingsbeleid intussen gewijzigd/);
    expect((await read()).policy.trustDeviceDays).toBe(2);
    await change({ trustDeviceDays: 7 });
  });
});

describe("what a change does", () => {
  it("a stricter password rule applies at the next change; the old password keeps working", async () => {
    await change({ password: { ...PRESETS.zorg.password, minLength: 24 } });
    const client = await h.login(HET_BAKEN, "client@example.com", DEMO_PASSWORD);
    const short = await h.request(HET_BAKEN, "POST", "/api/account/password", {
      cookie: client,
      body: { currentPassword: DEMO_PASSWORD, newPassword: "Kort-Maar-Sterk-2031!" },
    });
    expect(short.status).toBe(400);
    expect((await json<{ error: { message: string } }>(short)).error.message).toMatch(/24/);
    const long = await h.request(HET_BAKEN, "POST", "/api/account/password", {
      cookie: client,
      body: { currentPassword: DEMO_PASSWORD, newPassword: "Een-Veel-Langere-Zin-Voor-2031!" },
    });
    expect(long.status).toBe(200);
    await change({ password: PRESETS.zorg.password });
  });

  it("a shorter idle time ends a session that has been idle longer at once", async () => {
    const client = await h.login(HET_BAKEN, "secretariaat@hetbaken.example");
    expect((await h.request(HET_BAKEN, "GET", "/api/me", { cookie: client })).status).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true, now: Date.now() + 7 * 60_000 });
    // Still well within the 30 minutes it started with.
    beheer = await h.login(HET_BAKEN, "beheer@hetbaken.example");
    await change({ idleTimeoutMinutes: 5 });
    expect((await h.request(HET_BAKEN, "GET", "/api/me", { cookie: client })).status).toBe(401);
    // The beheerder, active a moment ago, stays in.
    expect((await h.request(HET_BAKEN, "GET", "/api/me", { cookie: beheer })).status).toBe(200);
    await change({ idleTimeoutMinutes: 30 });
  });

  it("a required second factor applies at the next login: an account without one must set one up first", async () => {
    const email = "client@example.net";
    const account = (await h.deps.db.$raw.get("SELECT id FROM accounts WHERE email = ? ", email)) as { id: string };
    // An account activated while the factor was optional (ggz) and that never set one.
    await h.deps.db.$raw.run("DELETE FROM totp_credentials WHERE account_id = ?", account.id);
    const nBeheer = await h.login(NOORDERLICHT, "beheer@noorderlicht.example");
    async function loginWithMailedCode(): Promise<string> {
      const login = await h.request(NOORDERLICHT, "POST", "/api/auth/login", { body: { email, password: DEMO_PASSWORD } });
      expect(await json(login.clone())).toMatchObject({ step: "second-factor", factors: ["email"] });
      const cookie = cookiesFrom(login);
      expect((await h.request(NOORDERLICHT, "POST", "/api/auth/email-code/send", { cookie })).status).toBe(200);
      const code = /code is: (\d{6})/.exec((await listMailbox(h.deps.db, email))[0]?.text ?? "")?.[1];
      const verify = await h.request(NOORDERLICHT, "POST", "/api/auth/email-code/verify", { cookie, body: { code } });
      expect(verify.status).toBe(200);
      return cookiesFrom(verify, cookie);
    }
    const before = await loginWithMailedCode();
    const me = await json<{ secondFactorSetupRequired: boolean; portals: { clientId: string }[] }>(
      h.request(NOORDERLICHT, "GET", "/api/me", { cookie: before }),
    );
    expect(me.secondFactorSetupRequired).toBe(false);
    const portal = me.portals[0]?.clientId as string;
    expect((await h.request(NOORDERLICHT, "GET", `/api/portal/${portal}/overview`, { cookie: before })).status).toBe(200);

    await change({ secondFactor: "required" }, NOORDERLICHT, nBeheer);
    const after = await loginWithMailedCode();
    expect(
      (await json<{ secondFactorSetupRequired: boolean }>(h.request(NOORDERLICHT, "GET", "/api/me", { cookie: after })))
        .secondFactorSetupRequired,
    ).toBe(true);
    const refused = await h.request(NOORDERLICHT, "GET", `/api/portal/${portal}/overview`, { cookie: after });
    expect(refused.status).toBe(403);
    expect((await json<{ error: { code: string } }>(refused)).error.code).toBe("second_factor_required");
    // Mijn account stays open, so the factor can be set up there.
    expect((await h.request(NOORDERLICHT, "GET", "/api/account", { cookie: after })).status).toBe(200);
  });
});

describe("who may", () => {
  it("refuses secretariaat, begeleider and client (403) and the other organization's beheerder (401 here)", async () => {
    const before = await read();
    const body = { version: before.version, policy: { ...before.policy, idleTimeoutMinutes: 120 } };
    for (const email of ["secretariaat@hetbaken.example", "begeleider@hetbaken.example", "client@example.com"]) {
      // The client changed its password above.
      const cookie = await h.login(HET_BAKEN, email, email.startsWith("client") ? "Een-Veel-Langere-Zin-Voor-2031!" : DEMO_PASSWORD);
      expect((await h.request(HET_BAKEN, "GET", URL, { cookie })).status, email).toBe(403);
      expect((await save(body, HET_BAKEN, cookie)).status, email).toBe(403);
    }
    const other = await h.login(NOORDERLICHT, "beheer@noorderlicht.example");
    expect((await save(body, HET_BAKEN, other)).status).toBe(401);
    expect(await read()).toEqual(before);
  });
});
