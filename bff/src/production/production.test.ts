// Running for real (issue 13, point 1): settings checked at start, a JSON line per request without
// personal data, addresses behind a trusted proxy, readiness, the organization's own address in links,
// and a graceful stop that finishes the request in flight.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config";
import { forgetCachedOrganizations } from "../db/organizations";
import { DEMO_PASSWORD } from "../demo/seed";
import { clientIp } from "../lib/client-ip";
import { listMailbox } from "../mail/outbox";
import { type Harness, HET_BAKEN, makeHarness } from "../test-support/app-harness";
import { freePort, PortalClient, seedDemoFolder, startServer } from "../test-support/server-process";
import type { AppEnv } from "../types";

const BFF_DIR = path.resolve(import.meta.dirname, "../..");
const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `portaal-prod-${name}-`));

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

/** Starts server.ts with exactly these settings and waits for it to end on its own. */
function runUntilExit(env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
      cwd: BFF_DIR,
      env: { PATH: process.env.PATH ?? "", ...env },
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      output += d.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
  });
}

describe("settings", () => {
  it("refuses to start on a missing or unsafe setting, naming each, and touches nothing", async () => {
    const dataDir = path.join(tmp("refused"), "data");
    const run = await runUntilExit({
      NODE_ENV: "production",
      DEMO: "1",
      DATA_DIR: dataDir,
      PORTAAL_SECRET_KEY: "te-kort",
      TRUST_PROXY: "10.0.0.0/8, proxy.example",
      PORT: "3199",
    });
    expect(run.code).toBe(1);
    expect(run.output).toContain("DEMO=1 is never allowed together with NODE_ENV=production");
    expect(run.output).toContain("SMTP_URL is not set");
    expect(run.output).toContain("PORTAAL_SECRET_KEY must be the base64 of exactly 32 random bytes");
    expect(run.output).toContain('TRUST_PROXY holds "proxy.example"');
    expect(run.output).not.toContain('"10.0.0.0/8"');
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});

describe("client address", () => {
  /** clientIp as the routes call it, on a connection from `remote`, with TRUST_PROXY as given. */
  async function seen(trustProxy: string, remote: string, forwarded?: string): Promise<string | null> {
    const config = loadConfig({ TRUST_PROXY: trustProxy, DATA_DIR: "/nonexistent" });
    const app = new Hono<AppEnv>()
      .use((c, next) => {
        c.set("deps", { config } as AppEnv["Variables"]["deps"]);
        return next();
      })
      .get("/", (c) => c.json({ ip: clientIp(c) }));
    const res = await app.request(
      "/",
      { headers: forwarded ? { "X-Forwarded-For": forwarded } : {} },
      { incoming: { socket: { remoteAddress: remote } } },
    );
    return ((await res.json()) as { ip: string | null }).ip;
  }

  it("believes X-Forwarded-For only from a trusted proxy, read from the right", async () => {
    // No proxy configured: a forged header changes nothing.
    expect(await seen("", "198.51.100.4", "203.0.113.9")).toBe("198.51.100.4");
    // From the proxy: the address the proxy saw.
    expect(await seen("127.0.0.1", "::ffff:127.0.0.1", "203.0.113.9")).toBe("203.0.113.9");
    // A client that sends its own header through the proxy cannot choose its address: the proxy appended the real one.
    expect(await seen("10.0.0.0/8", "10.1.2.3", "6.6.6.6, 203.0.113.9")).toBe("203.0.113.9");
    // Two proxies of ours in a row are skipped.
    expect(await seen("10.0.0.0/8", "10.1.2.3", "203.0.113.9, 10.9.9.9")).toBe("203.0.113.9");
    // Not from a proxy of ours: the header is ignored.
    expect(await seen("10.0.0.0/8", "192.0.2.1", "203.0.113.9")).toBe("192.0.2.1");
    // Garbage in the header: the connection's address.
    expect(await seen("127.0.0.1", "127.0.0.1", "nonsense")).toBe("127.0.0.1");
  });
});

describe("readiness and links", () => {
  it("GET /api/ready: ready with every migration applied and the database writable; not while draining or behind on migrations", async () => {
    const ready = await h.request(HET_BAKEN, "GET", "/api/ready");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", database: true, writable: true, migrations: true });
    h.deps.lifecycle.draining = true;
    expect((await h.request(HET_BAKEN, "GET", "/api/ready")).status).toBe(503);
    h.deps.lifecycle.draining = false;
    // As if the newest migration had not run (a process of an older build on this database). drizzle keeps
    // the list in its own schema on PostgreSQL.
    const migrations = h.deps.db.$dialect === "pg" ? "drizzle.__drizzle_migrations" : "__drizzle_migrations";
    await h.deps.db.$raw.run(`DELETE FROM ${migrations} WHERE created_at = (SELECT max(created_at) FROM ${migrations})`);
    const behind = await h.request(HET_BAKEN, "GET", "/api/ready");
    expect(behind.status).toBe(503);
    expect(await behind.json()).toMatchObject({ migrations: false });
    expect((await h.request(HET_BAKEN, "GET", "/api/health")).status).toBe(200);
  });

  it("builds e-mailed links from the organization's own address, never from the Host header", async () => {
    const reset = async (host: string, origin = `http://${host}`) => {
      const mailed = (await listMailbox(h.deps.db, "client@example.com")).length;
      const res = await h.request(host, "POST", "/api/auth/password-reset/request", { body: { email: "client@example.com" }, origin });
      expect(res.status).toBe(200);
      // The link is made after the answer: wait for its mail (at most 5 s; round trips on PostgreSQL).
      await new Promise((r) => setTimeout(r, 50));
      for (let end = Date.now() + 5_000; Date.now() < end; await new Promise((r) => setTimeout(r, 10)))
        if ((await listMailbox(h.deps.db, "client@example.com")).length > mailed) break;
      return (await listMailbox(h.deps.db, "client@example.com"))[0]?.text ?? "";
    };
    // The demo has no address of its own: its host name and the configured port, whatever port the request named.
    expect(await reset("localhost:6666")).toMatch(/http:\/\/localhost:3000\/wachtwoord-herstellen#/);
    await h.deps.db.$raw.run("UPDATE organizations SET public_url = 'https://portaal.hetbaken.example' WHERE hostname = 'localhost'");
    forgetCachedOrganizations(h.deps.db);
    // The page that asks is on the organization's address (the Host header is what a proxy passes on).
    const text = await reset("localhost:6666", "https://portaal.hetbaken.example");
    expect(text).toContain("https://portaal.hetbaken.example/");
    expect(text).not.toContain("6666");
    await h.deps.db.$raw.run("UPDATE organizations SET public_url = NULL WHERE hostname = 'localhost'");
    forgetCachedOrganizations(h.deps.db);
  });
});

// The process itself (logging, graceful stop) runs on a SQLite data folder, once; production processes on
// PostgreSQL are src/multi-process/multi-process.test.ts.
describe.skipIf(process.env.TEST_DATABASE === "pg")("the production process", () => {
  it("logs a JSON line per request (route pattern, status, duration, request id) and nothing personal; stops gracefully", async () => {
    const port = await freePort(Array.from({ length: 20 }, (_, i) => 3260 + i));
    const dataDir = tmp("logs");
    await seedDemoFolder(dataDir, port);
    const server = await startServer({ dataDir, port, env: { LOG_LEVEL: "info" } });
    const user = new PortalClient(port);
    await user.login("ouder@example.com");
    const me = await user.request<{ portals: { clientId: string }[] }>("GET", "/api/me");
    const clientId = me.body.portals[0]?.clientId ?? "";
    const docs = await user.request("GET", `/api/portal/${clientId}/documents?kind=document`);
    expect(docs.status).toBe(200);
    const reqId = String(docs.headers["x-request-id"]);
    expect(reqId).toMatch(/^[0-9a-f-]{36}$/);

    // A request in flight when SIGTERM comes is answered; then the process ends by itself, with 0.
    const slow = new Promise<number>((resolve, reject) => {
      const full = JSON.stringify({ subject: "Langzaam", body: "Een bericht dat langzaam binnenkomt." });
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: `/api/portal/${clientId}/threads`,
          headers: {
            Host: `localhost:${port}`,
            // Production is published on https: a plain-http test client says "same origin" as a browser would.
            "Sec-Fetch-Site": "same-origin",
            Cookie: user.cookie,
            "Content-Type": "application/json",
            "Content-Length": String(Buffer.byteLength(full)),
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", reject);
      // Half the body, SIGTERM, then the rest: the request is in flight when the stop begins.
      req.write(full.slice(0, 10));
      setTimeout(() => {
        server.child.kill("SIGTERM");
        setTimeout(() => req.end(full.slice(10)), 700);
      }, 700);
    });
    const exited = new Promise<number | null>((resolve) => server.child.once("exit", (code) => resolve(code)));
    expect(await slow).toBe(201);
    expect(await exited).toBe(0);
    user.close();

    const lines = server
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => l.msg === "request");
    expect(requests.length).toBeGreaterThanOrEqual(5);
    const line = requests.find((l) => l.reqId === reqId);
    expect(line).toMatchObject({ method: "GET", route: "/api/portal/:clientId/documents", status: 200 });
    expect(typeof line?.ms).toBe("number");
    expect(requests.some((l) => l.route === "/api/portal/:clientId/threads" && l.status === 201)).toBe(true);
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(["listening", "stopping: finishing the requests in flight", "stopped"]));
    // Nothing personal: no address, no password, no session token, no ids of people in a URL.
    const all = server.output();
    for (const secret of ["ouder@example.com", DEMO_PASSWORD, user.cookie.split("=")[1] ?? "<none>", clientId])
      expect(all).not.toContain(secret);
  }, 180_000);
});
