// The operator's command line (issue 13, point 2): an organization and its first beheerder, who activates
// from the link with a password and, whatever the preset, a second factor; bad arguments change nothing.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMailbox } from "../mail/outbox";
import { cookiesFrom, freshTotp, type Harness, makeHarness } from "../test-support/app-harness";
import { dbFingerprint } from "../test-support/db-fingerprint";
import { runCommand, UsageError } from "./commands";

const BFF_DIR = path.resolve(import.meta.dirname, "../..");
const HOST = "zorgoost.localhost";

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

const create = (extra: string[] = []) =>
  runCommand(h.deps, [
    "organization",
    "create",
    "--name",
    "Zorg Oost",
    "--address",
    `http://${HOST}`,
    "--preset",
    "ggz",
    "--phone",
    "088 123 45 67",
    "--beheerder-email",
    "a.jansen@zorgoost.nl",
    "--beheerder-name",
    "Anna Jansen",
    ...extra,
  ]);

describe("npm run admin", () => {
  it("refuses bad arguments with a sentence each, and writes nothing", async () => {
    const before = await dbFingerprint(h.deps.db);
    const refused = async (argv: string[]) => {
      try {
        await runCommand(h.deps, argv);
      } catch (err) {
        expect(err).toBeInstanceOf(UsageError);
        return (err as Error).message;
      }
      throw new Error("accepted");
    };
    expect(await refused(["organization", "create", "--name", "X"])).toMatch(/--address is missing/);
    expect(
      await refused([
        "organization",
        "create",
        "--name",
        "Zorg",
        "--address",
        "http://portaal.example.nl",
        "--phone",
        "088 123 45 67",
        "--beheerder-email",
        "a@b.nl",
      ]),
    ).toContain("--address must start with https://");
    // A colour white text cannot be read on: refused as on the Instellingen page.
    expect(
      await refused([
        "organization",
        "create",
        "--name",
        "Zorg",
        "--address",
        "https://portaal.example.nl",
        "--phone",
        "088 123 45 67",
        "--beheerder-email",
        "a@b.nl",
        "--color",
        "#ffcc00",
      ]),
    ).toMatch(/--color #ffcc00 is too light: white text on it has a contrast of 1,\d\d : 1/);
    expect(
      await refused([
        "organization",
        "create",
        "--name",
        "Zorg",
        "--address",
        "https://portaal.example.nl/x",
        "--phone",
        "088 123 45 67",
        "--beheerder-email",
        "a@b.nl",
      ]),
    ).toContain("without a path");
    expect(
      await refused([
        "organization",
        "create",
        "--name",
        "Zorg",
        "--address",
        "https://p.example.nl",
        "--phone",
        "1",
        "--beheerder-email",
        "nee",
        "--preset",
        "streng",
      ]),
    ).toMatch(/--preset must be aanbevolen[\s\S]*--phone is not a phone number[\s\S]*--beheerder-email is not an e-mail address/);
    expect(await refused(["organization", "create", "--nmae", "Zorg"])).toMatch(/Unknown option '--nmae'/);
    expect(
      await refused([
        "staff",
        "invite",
        "--organization",
        "https://nergens.example.nl",
        "--email",
        "x@y.nl",
        "--name",
        "X Y",
        "--role",
        "beheerder",
      ]),
    ).toContain("No organization found");
    expect(
      await refused(["staff", "invite", "--organization", "localhost", "--email", "x@y.nl", "--name", "X Y", "--role", "chef"]),
    ).toContain("--role must be one of");
    expect(await refused(["organisatie", "maak"])).toContain("Usage:");
    // The demo's address is taken.
    expect(
      await refused([
        "organization",
        "create",
        "--name",
        "Zorg",
        "--address",
        "http://localhost:3000",
        "--phone",
        "088 123 45 67",
        "--beheerder-email",
        "a@b.nl",
      ]),
    ).toContain("already is an organization at localhost");
    expect(await dbFingerprint(h.deps.db)).toEqual(before);
  });

  it("a wrong command on the command line leaves not even an empty data folder", () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "portaal-admin-")), "data");
    const r = spawnSync(process.execPath, ["--import", "tsx", "src/admin/cli.ts", "organization", "create", "--name", "Zorg"], {
      cwd: BFF_DIR,
      env: { PATH: process.env.PATH ?? "", DATA_DIR: dataDir },
      encoding: "utf8",
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--address is missing");
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it("creates an organization whose first beheerder activates with a second factor (even under ggz) and sees only their own", async () => {
    const out = (await create()).lines.join("\n");
    expect(out).toContain(`Organization "Zorg Oost" created`);
    const link = /http:\/\/zorgoost\.localhost\/activeren#([a-z2-7]{32})/.exec(out);
    expect(link).not.toBeNull();
    // The same link went into the outbox (the dev mailbox without SMTP), with the organization's own address.
    const mail = (await listMailbox(h.deps.db, "a.jansen@zorgoost.nl"))[0];
    expect(mail?.text).toContain(`http://${HOST}/activeren#${link?.[1]}`);
    expect((await runCommand(h.deps, ["organization", "list"])).lines.join("\n")).toMatch(
      /Zorg Oost {2}http:\/\/zorgoost\.localhost {2}preset ggz {2}staff 1/,
    );

    const token = link?.[1];
    const step = (p: string, body: object = {}) => h.request(HOST, "POST", `/api/activation/${p}`, { body: { token, ...body } });
    const status = (await (await step("status")).json()) as { step: string; secondFactorOptional: boolean };
    // No birth date to give, and the second factor is not optional for staff although ggz lets clients skip it.
    expect(status).toMatchObject({ step: "password", secondFactorOptional: false, staff: true });
    expect((await step("password", { password: "Een-Heel-Sterk-Wachtwoord-9!" })).status).toBe(200);
    expect((await step("skip-factor")).status).toBe(400);
    const setup = (await (await step("totp/setup")).json()) as { secret: string };
    expect((await step("totp/confirm", { code: freshTotp("a.jansen", setup.secret) })).status).toBe(200);
    const finish = await step("finish", { acceptTerms: true });
    expect(finish.status).toBe(200);
    const cookie = cookiesFrom(finish);
    const me = (await (await h.request(HOST, "GET", "/api/me", { cookie })).json()) as {
      user: { staffRole: string };
      organization: { name: string };
    };
    expect(me).toMatchObject({ user: { staffRole: "beheerder" }, organization: { name: "Zorg Oost" } });
    const list = (await (await h.request(HOST, "GET", "/api/beheer/clients", { cookie })).json()) as { total: number };
    expect(list.total).toBe(0);

    // Another beheerder when the only one is gone; an address in use is refused.
    expect(
      (
        await runCommand(h.deps, [
          "staff",
          "invite",
          "--organization",
          `http://${HOST}`,
          "--email",
          "b.bakker@zorgoost.nl",
          "--name",
          "Bram Bakker",
          "--role",
          "secretariaat",
        ])
      ).lines[0],
    ).toBe("Bram Bakker (secretariaat) is invited at Zorg Oost.");
    await expect(
      runCommand(h.deps, [
        "staff",
        "invite",
        "--organization",
        HOST,
        "--email",
        "a.jansen@zorgoost.nl",
        "--name",
        "Anna",
        "--role",
        "beheerder",
      ]),
    ).rejects.toThrow("already has an account");
  });
});
