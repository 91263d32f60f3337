// The real BFF as a child process (src/server.ts through tsx) on loopback, and a small HTTP client that
// talks to it like a browser: Host and Origin of the organization, cookies, JSON and multipart bodies.
import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { DEMO_PASSWORD } from "../demo/seed";
import { freshTotp } from "./app-harness";

const BFF_DIR = path.resolve(import.meta.dirname, "../..");

export interface ServerProcess {
  port: number;
  child: ChildProcess;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown handler runs, nothing is flushed. Resolves when the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM and wait: the normal way to stop. */
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx src/server.ts` on a data folder and waits until /api/health answers. `demo`
 * seeds the demo data (never together with production); otherwise it runs with NODE_ENV=production.
 */
export async function startServer(opts: {
  dataDir: string;
  port: number;
  demo?: boolean;
  env?: Record<string, string>;
}): Promise<ServerProcess> {
  // The child's database is the data folder's SQLite file unless opts.env gives a DATABASE_URL (the vitest
  // "pg" project's TEST_DATABASE is about the test process's own harness, not this child).
  const { TEST_DATABASE: _ownDatabase, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    NODE_ENV: opts.demo ? "" : "production",
    PORT: String(opts.port),
    HOST: "127.0.0.1",
    DATA_DIR: opts.dataDir,
    DEMO: opts.demo ? "1" : "",
    WEB_DIST: "",
    // Production refuses to start without a mail server; a closed loopback port keeps mail in the outbox.
    SMTP_URL: opts.demo ? "" : "smtp://127.0.0.1:9",
    ...opts.env,
  };
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], { cwd: BFF_DIR, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited during start:\n${out}`);
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.get({ host: "127.0.0.1", port: opts.port, path: "/api/health", timeout: 2000 }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on("error", () => resolve(false));
      req.on("timeout", () => req.destroy());
    });
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not start in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port: opts.port,
    child,
    output: () => out,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** A data folder with the demo seeded, by one start of the server in demo mode and a normal stop. */
export async function seedDemoFolder(dataDir: string, port: number): Promise<void> {
  const seeding = await startServer({ dataDir, port, demo: true });
  await seeding.stop();
}

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
  raw: Buffer;
  setCookie: string[];
  headers: http.IncomingHttpHeaders;
}

/** A browser-like client for one organization's host on a local port; keeps its own cookie. */
export class PortalClient {
  cookie = "";
  private agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

  private turn = 0;

  /** `port` may be several ports (portal processes behind one address): requests then take turns. */
  constructor(
    readonly port: number | number[],
    readonly hostname = "localhost",
  ) {}

  get host() {
    return `${this.hostname}:${this.nextPort(false)}`;
  }

  /** The port of the next request (round robin over several). */
  private nextPort(advance = true): number {
    if (!Array.isArray(this.port)) return this.port;
    const port = this.port[this.turn % this.port.length] as number;
    if (advance) this.turn++;
    return port;
  }

  /** The same login on a new port (after a restart): sessions live in the database. */
  moveTo(port: number | number[]): PortalClient {
    const next = new PortalClient(port, this.hostname);
    next.cookie = this.cookie;
    this.agent.destroy();
    return next;
  }

  close() {
    this.agent.destroy();
  }

  async request<T = unknown>(method: string, url: string, opts: { json?: unknown; form?: FormData } = {}): Promise<HttpResult<T>> {
    const port = this.nextPort();
    const headers: Record<string, string> = { Host: `${this.hostname}:${port}` };
    // What a browser says of the SPA's own requests. Not an Origin: in production the portal expects its
    // https origin, while these tests reach it over plain http on loopback.
    if (method !== "GET") headers["Sec-Fetch-Site"] = "same-origin";
    if (this.cookie) headers.Cookie = this.cookie;
    let body: Buffer | undefined;
    if (opts.json !== undefined) {
      body = Buffer.from(JSON.stringify(opts.json));
      headers["Content-Type"] = "application/json";
    } else if (opts.form) {
      // Let the platform encode the multipart body, then send its bytes.
      const encoded = new Request("http://x/", { method: "POST", body: opts.form });
      body = Buffer.from(await encoded.arrayBuffer());
      headers["Content-Type"] = encoded.headers.get("content-type") ?? "";
    }
    if (body) headers["Content-Length"] = String(body.byteLength);
    return new Promise((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, method, path: url, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const raw = Buffer.concat(chunks);
          const text = raw.toString("utf8");
          let parsed: unknown = text;
          if ((res.headers["content-type"] ?? "").includes("json")) {
            try {
              parsed = JSON.parse(text);
            } catch {
              parsed = text;
            }
          }
          const setCookie = res.headers["set-cookie"] ?? [];
          this.absorbCookies(setCookie);
          resolve({ status: res.statusCode ?? 0, body: parsed as T, raw, setCookie, headers: res.headers });
        });
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  private absorbCookies(setCookie: string[]) {
    if (setCookie.length === 0) return;
    const jar = new Map(this.cookie ? this.cookie.split("; ").map((p) => p.split("=", 2) as [string, string]) : []);
    for (const c of setCookie) {
      const [pair] = c.split(";");
      const [name, value] = (pair ?? "").split("=", 2) as [string, string];
      if (value === "" || /Max-Age=0/i.test(c)) jar.delete(name);
      else jar.set(name, value);
    }
    this.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** Password, then a TOTP code for a step this account has not used yet. */
  async login(email: string, password = DEMO_PASSWORD): Promise<void> {
    const res = await this.request<{ step: string }>("POST", "/api/auth/login", { json: { email, password } });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    if (res.body.step === "done") return;
    const totp = await this.request("POST", "/api/auth/totp", {
      json: { code: freshTotp(`${this.hostname}/${email}`), trustDevice: false },
    });
    if (totp.status !== 200) throw new Error(`totp ${email}: ${totp.status} ${JSON.stringify(totp.body)}`);
  }
}

export interface SmtpSink {
  port: number;
  /** Message-IDs of every mail the server accepted, in order (a duplicate appears twice). */
  messageIds: string[];
  close(): Promise<void>;
}

/** A real SMTP server on loopback that records what it accepted; `delayMs` makes each delivery take a while. */
export function startSmtpSink(port: number, delayMs = 0): Promise<SmtpSink> {
  const messageIds: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    // No reverse DNS of 127.0.0.1: without a resolver it stalls every connection for seconds.
    disableReverseLookup: true,
    logger: false,
    // A slow receiver: each delivery waits before the envelope is taken, so a kill finds mail in flight.
    onMailFrom(_address, _session, callback) {
      setTimeout(() => callback(), delayMs);
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          // Accepted now: the "250 OK" goes out with the callback.
          messageIds.push(mail.messageId ?? "(none)");
          callback();
        }, callback);
      });
    },
  });
  server.on("error", () => {});
  return new Promise((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      resolve({ port, messageIds, close: () => new Promise<void>((r) => server.close(() => r())) });
    });
  });
}

/**
 * The first port of `candidates` nobody listens on (tests of two runs at once then do not collide).
 * Tried by binding it, then releasing it at once.
 */
export async function freePort(candidates: number[]): Promise<number> {
  for (const port of candidates) {
    const free = await new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once("error", () => resolve(false));
      s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
    });
    if (free && !(await portInUse(port))) return port;
  }
  throw new Error(`no free port among ${candidates.join(", ")}`);
}

/** Ports `from` to `to`, both included. */
export const portRange = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Whether something already listens on a local port (tests refuse to start on a busy one). */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on("error", () => resolve(false));
  });
}
