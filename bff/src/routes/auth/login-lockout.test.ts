// Wrong passwords and wrong second-factor codes (issue 12, points 1 and 2): every wrong password gets
// one answer, whether the address has an account, is blocked or not; only the right password learns of
// a block. zorg blocks until staff unblock; aanbevolen pauses 1, 5, 15 minutes, then blocks. Ten wrong
// codes in a row block the second factor the same way. The holder is e-mailed each time.
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { PRESETS } from "@portaal/shared/policy";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { forgetCachedOrganizations } from "../../db/organizations";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../../demo/seed";
import { listMailbox } from "../../mail/outbox";
import { cookiesFrom, freshTotp, type Harness, HET_BAKEN, makeHarness } from "../../test-support/app-harness";

let h: Harness;
let staff: string;
beforeAll(async () => {
  h = await makeHarness();
  staff = await h.login(HET_BAKEN, "secretariaat@hetbaken.example");
});
afterAll(() => h.close());
afterEach(() => vi.useRealTimers());

const login = (email: string, password: string, cookie?: string) =>
  h.request(HET_BAKEN, "POST", "/api/auth/login", { body: { email, password }, cookie });
const row = async <T>(sql: string, ...args: unknown[]) => (await h.deps.db.$raw.get<T>(sql, ...args)) as T;
const mails = (email: string) => listMailbox(h.deps.db, email);

/** A six-digit code that no step of the zorg window (10 back, 1 ahead) accepts now. */
function wrongCode(): string {
  const key = decodeBase32IgnorePadding(DEMO_TOTP_SECRET);
  const now = Math.floor(Date.now() / 30_000);
  const valid = new Set(Array.from({ length: 14 }, (_, i) => generateHOTP(key, BigInt(now - 11 + i), 6)));
  let n = 123_456;
  while (valid.has(String(n).padStart(6, "0"))) n++;
  return String(n).padStart(6, "0");
}

async function unblock(email: string, clientName: string) {
  const list = (await (
    await h.request(HET_BAKEN, "GET", `/api/beheer/clients?q=${encodeURIComponent(clientName)}`, { cookie: staff })
  ).json()) as {
    items: { id: string }[];
  };
  const clientId = list.items[0]?.id;
  const { id } = await row<{ id: string }>("SELECT id FROM accounts WHERE email = ?", email);
  const res = await h.request(HET_BAKEN, "POST", `/api/beheer/clients/${clientId}/access/${id}/unblock`, { cookie: staff });
  expect(res.status).toBe(200);
}

describe("wrong second-factor codes (10 in a row)", () => {
  it("block the account like wrong passwords, e-mail the holder, and staff unblock it", async () => {
    const email = "client@example.com";
    let status = 0;
    let cookie = "";
    for (let i = 1; i <= 10; i++) {
      // The password is known to whoever guesses: a new login every five codes (the session's own limit).
      if ((i - 1) % 5 === 0) cookie = cookiesFrom(await login(email, DEMO_PASSWORD));
      const res = await h.request(HET_BAKEN, "POST", "/api/auth/totp", { cookie, body: { code: wrongCode(), trustDevice: false } });
      status = res.status;
      if (i < 10) expect(res.status, `wrong code ${i}`).toBe(400);
    }
    expect(status).toBe(423);
    expect(
      await row<{ status: string; blocked_reason: string }>("SELECT status, blocked_reason FROM accounts WHERE email = ?", email),
    ).toEqual({
      status: "blocked",
      blocked_reason: "tweede-factor",
    });
    expect((await mails(email))[0]?.text).toMatch(/onjuiste verificatiecode/);
    // The right password now hears of the block; the right code gets nowhere.
    const right = await login(email, DEMO_PASSWORD);
    expect(right.status).toBe(423);
    expect(((await right.json()) as { error: { message: string } }).error.message).toMatch(/verificatiecodes/);
    const late = await h.request(HET_BAKEN, "POST", "/api/auth/totp", {
      cookie,
      body: { code: freshTotp(`${HET_BAKEN}/${email}`), trustDevice: false },
    });
    expect(late.status).toBe(401);

    await unblock(email, "Lotte Bakker");
    expect((await row<{ failed_codes: number }>("SELECT failed_codes FROM accounts WHERE email = ?", email)).failed_codes).toBe(0);
    await h.login(HET_BAKEN, email);
  });

  it("reset to zero after a right code, and the holder hears of several", async () => {
    const email = "begeleider@hetbaken.example";
    const cookie = cookiesFrom(await login(email, DEMO_PASSWORD));
    for (let i = 0; i < 4; i++)
      await h.request(HET_BAKEN, "POST", "/api/auth/totp", { cookie, body: { code: wrongCode(), trustDevice: false } });
    expect((await row<{ failed_codes: number }>("SELECT failed_codes FROM accounts WHERE email = ?", email)).failed_codes).toBe(4);
    const ok = await h.request(HET_BAKEN, "POST", "/api/auth/totp", {
      cookie,
      body: { code: freshTotp(`${HET_BAKEN}/${email}`), trustDevice: false },
    });
    expect(ok.status).toBe(200);
    expect((await row<{ failed_codes: number }>("SELECT failed_codes FROM accounts WHERE email = ?", email)).failed_codes).toBe(0);
    // Whoever typed them may know the password: the holder hears of it.
    expect((await mails(email))[0]?.text).toMatch(/4 keer een onjuiste verificatiecode/);
  });
});

describe("wrong passwords (zorg: 5 in a row, then blocked until staff unblock)", () => {
  it("get one answer whether the address exists, is blocked or not; the right password hears of the block", async () => {
    const email = "ouder@example.com";
    const unknown = await login("niemand@example.com", "Fout-wachtwoord-1!");
    expect(unknown.status).toBe(401);
    const answer = await unknown.text();

    for (let i = 1; i <= 5; i++) {
      const res = await login(email, `Fout-wachtwoord-${i}!`);
      expect(res.status, `wrong password ${i}`).toBe(401);
      expect(await res.text()).toBe(answer);
    }
    expect(
      await row<{ status: string; blocked_reason: string }>("SELECT status, blocked_reason FROM accounts WHERE email = ?", email),
    ).toEqual({
      status: "blocked",
      blocked_reason: "wachtwoord",
    });
    // The holder is told, with what to do; the mail holds no link and nothing of the dossier.
    const mail = (await mails(email))[0];
    expect(mail?.subject).toMatch(/geblokkeerd/);
    expect(mail?.text).toMatch(/Bel Zorggroep Het Baken via/);
    expect(mail?.text).not.toMatch(/https?:\/\//);

    // A guess on the blocked account: the same 401 as for an address without an account.
    const guess = await login(email, "Nog-een-gok-2026!");
    expect(guess.status).toBe(401);
    expect(await guess.text()).toBe(answer);
    // Blocked accounts are checked at a pace (one wrong password per 15 minutes): let it pass.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 16 * 60_000 });
    const right = await login(email, DEMO_PASSWORD);
    expect(right.status).toBe(423);
    expect(((await right.json()) as { error: { message: string } }).error.message).toMatch(/geblokkeerd.*Bel Zorggroep Het Baken/);
    expect(right.headers.getSetCookie().some((c) => /sessie=[a-z2-7]{32}/.test(c))).toBe(false);
    vi.useRealTimers();

    await unblock(email, "Sanne Jansen");
    expect((await login(email, DEMO_PASSWORD)).status).toBe(200);
  });

  it("on a blocked account cannot be used to keep guessing: within the pace even the right password is not checked", async () => {
    // Blocked by five wrong passwords, then one more guess.
    const target = "client@example.com";
    for (let i = 1; i <= 6; i++) await login(target, `Fout-wachtwoord-${i}!`);
    expect((await row<{ status: string }>("SELECT status FROM accounts WHERE email = ?", target)).status).toBe("blocked");
    const right = await login(target, DEMO_PASSWORD);
    expect(right.status).toBe(401);
    await unblock(target, "Lotte Bakker");
  });
});

describe("aanbevolen: a temporary block that grows", () => {
  it("pauses 1, 5 and 15 minutes, answering as for any wrong password, then blocks until staff unblock", async () => {
    await h.deps.db.$raw.run(
      "UPDATE organizations SET policy_json = ?, preset = 'aanbevolen' WHERE hostname = ?",
      JSON.stringify(PRESETS.aanbevolen),
      HET_BAKEN,
    );
    forgetCachedOrganizations(h.deps.db);
    const email = "ouder@example.com";
    let now = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now });
    const answer = await (await login("niemand@example.com", "Fout-wachtwoord-1!")).text();
    const wrongRun = async () => {
      for (let i = 0; i < 5; i++) {
        const res = await login(email, `Fout-${i}-wachtwoord`);
        expect(res.status).toBe(401);
        expect(await res.text()).toBe(answer);
      }
    };
    for (const minutes of [1, 5, 15]) {
      await wrongRun();
      expect((await mails(email))[0]?.subject).toMatch(/gepauzeerd/);
      expect((await mails(email))[0]?.text).toContain(minutes === 1 ? "1 minuut" : `${minutes} minuten`);
      // During the pause the right password is not even checked: the same answer as a wrong one.
      const during = await login(email, DEMO_PASSWORD);
      expect(during.status).toBe(401);
      expect(await during.text()).toBe(answer);
      now += minutes * 60_000 + 1_000;
      vi.setSystemTime(now);
    }
    await wrongRun();
    expect((await row<{ status: string }>("SELECT status FROM accounts WHERE email = ?", email)).status).toBe("blocked");
    expect((await mails(email))[0]?.subject).toMatch(/geblokkeerd/);
    expect((await login(email, DEMO_PASSWORD)).status).toBe(423);
    vi.useRealTimers();
    await unblock(email, "Sanne Jansen");
    expect((await login(email, DEMO_PASSWORD)).status).toBe(200);
  });

  it("ten wrong codes pause the second factor for a minute; the right code waits too", async () => {
    const email = "begeleider2@hetbaken.example";
    let now = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now });
    const answers: Response[] = [];
    let cookie = "";
    for (let i = 0; i < 10; i++) {
      if (i % 5 === 0) cookie = cookiesFrom(await login(email, DEMO_PASSWORD));
      answers.push(await h.request(HET_BAKEN, "POST", "/api/auth/totp", { cookie, body: { code: wrongCode(), trustDevice: false } }));
    }
    const last = answers[9] as Response;
    expect(last.status).toBe(429);
    expect(((await last.json()) as { error: { code: string } }).error.code).toBe("codes_paused");
    cookie = cookiesFrom(await login(email, DEMO_PASSWORD));
    const during = await h.request(HET_BAKEN, "POST", "/api/auth/totp", {
      cookie,
      body: { code: freshTotp(`${HET_BAKEN}/${email}`), trustDevice: false },
    });
    expect(during.status).toBe(429);
    now += 61_000;
    vi.setSystemTime(now);
    const after = await h.request(HET_BAKEN, "POST", "/api/auth/totp", {
      cookie,
      body: { code: freshTotp(`${HET_BAKEN}/${email}`), trustDevice: false },
    });
    expect(after.status).toBe(200);
  });
});
