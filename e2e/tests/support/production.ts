// The production path as an operator walks it: the build of `npm run build`, `npm run admin -- …` and
// `npm run serve` on a fresh data folder, with a real SMTP server on loopback that keeps what it receives.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect } from "@playwright/test";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

const ROOT = path.resolve(import.meta.dirname, "../../..");

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
}

export interface Smtp {
  port: number;
  mails: ReceivedMail[];
  /** The newest mail to an address (whose subject matches), waiting a moment for it to arrive. */
  newest(to: string, subject?: RegExp): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** A free loopback port, found by binding port 0 and letting it go. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function startSmtp(): Promise<Smtp> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          for (const rcpt of session.envelope.rcptTo) mails.push({ to: rcpt.address, subject: mail.subject ?? "", text: mail.text ?? "" });
          callback();
        }, callback);
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return {
    port,
    mails,
    async newest(to, subject) {
      let found: ReceivedMail | undefined;
      await expect(() => {
        found = mails.filter((m) => m.to === to && (!subject || subject.test(m.subject))).at(-1);
        expect(found, `a mail to ${to}`).toBeDefined();
      }).toPass({ timeout: 20_000 });
      return found as ReceivedMail;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The link with a token after the # in a mail (activation, reset). */
export function linkInMail(mail: ReceivedMail): string {
  const m = /(https?:\/\/\S+#[a-z2-7]{32})/.exec(mail.text);
  if (!m?.[1]) throw new Error(`no link in mail: ${mail.text}`);
  return m[1];
}

export interface Installation {
  dataDir: string;
  port: number;
  env: Record<string, string>;
  /** `npm run admin -- …args`: exit code and what it printed. */
  admin(...args: string[]): { code: number; output: string };
  /** `npm run serve`, until /api/ready answers 200. */
  serve(): Promise<void>;
  stop(): Promise<void>;
}

/** A fresh data folder and port; what the README's "Running it for real" asks of an operator. */
export async function install(smtp: Smtp): Promise<Installation> {
  for (const built of ["bff/dist/server.mjs", "bff/dist/admin.mjs", "web/dist/index.html"]) {
    if (!fs.existsSync(path.join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` first (npm test does).`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portaal-setup-"));
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? os.tmpdir(),
    DATA_DIR: dataDir,
    PORT: String(port),
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    MAIL_FROM: "Cliëntenportaal <noreply@portaal.example.nl>",
    LOG_LEVEL: "warn",
  };
  let server: ChildProcess | undefined;
  let output = "";
  return {
    dataDir,
    port,
    env,
    admin(...args) {
      const r = spawnSync(process.execPath, ["scripts/run.mjs", "admin", ...args], { cwd: ROOT, env, encoding: "utf8" });
      return { code: r.status ?? 1, output: `${r.stdout}${r.stderr}` };
    },
    async serve() {
      server = spawn(process.execPath, ["scripts/run.mjs", "serve"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
      server.stdout?.on("data", (d: Buffer) => {
        output += d.toString();
      });
      server.stderr?.on("data", (d: Buffer) => {
        output += d.toString();
      });
      await expect(async () => {
        if (server?.exitCode !== null) throw new Error(`npm run serve ended:\n${output}`);
        const res = await fetch(`http://127.0.0.1:${port}/api/ready`, { headers: { "sec-fetch-site": "same-origin" } }).catch(() => null);
        expect(res?.status, output).toBe(200);
      }).toPass({ timeout: 60_000 });
    },
    async stop() {
      if (server && server.exitCode === null) {
        const gone = new Promise((r) => server?.once("exit", r));
        server.kill("SIGTERM");
        await gone;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
