// A real BFF on a fresh database with the demo seeded, driven through app.request() like a browser: a SQLite
// file, or with TEST_DATABASE=pg (the vitest "pg" project) a new database on the test PostgreSQL server.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { createApp } from "../app";
import { loadConfig } from "../config";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemo } from "../demo/seed";
import { createDeps } from "../deps";
import { freshTestDatabaseUrl } from "./postgres";

export const HET_BAKEN = "localhost";
export const NOORDERLICHT = "noorderlicht.localhost";

export interface Harness {
  app: ReturnType<typeof createApp>;
  deps: Awaited<ReturnType<typeof createDeps>>;
  dataDir: string;
  /** Sets the clock `deps.clock` reads (ms); null lets it follow the real time again. */
  setClock(at: number | null): void;
  request(host: string, method: string, url: string, opts?: { body?: unknown; cookie?: string; origin?: string | null }): Promise<Response>;
  /** Logs a demo account in with password and TOTP; returns the cookie header to send. */
  login(host: string, email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** Cookies from a response, as a Cookie header (name=value; ...), merged over earlier ones. */
export function cookiesFrom(res: Response, previous = ""): string {
  const jar = new Map(previous ? previous.split("; ").map((p) => p.split("=", 2) as [string, string]) : []);
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const [name, value] = (pair ?? "").split("=", 2) as [string, string];
    if (value === "" || /Max-Age=0/i.test(c)) jar.delete(name);
    else jar.set(name, value);
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

const usedSteps = new Map<string, number>();
/** A TOTP code for a step not used before by this key (codes cannot be replayed). */
export function freshTotp(id: string, secret = DEMO_TOTP_SECRET): string {
  const step = Math.max(Math.floor(Date.now() / 30_000), (usedSteps.get(id) ?? -1) + 1);
  usedSteps.set(id, step);
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(step), 6);
}

export async function makeHarness(env: Record<string, string> = {}): Promise<Harness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portaal-test-"));
  let fixed: number | null = null;
  const clock = () => fixed ?? Date.now();
  const databaseUrl = await testDatabaseUrl();
  const deps = await createDeps(
    loadConfig({
      ...process.env,
      DATA_DIR: dataDir,
      DEMO: "1",
      WEB_DIST: "",
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...env,
    }),
    clock,
  );
  await seedDemo(deps.db, deps.secretBox, { filesDir: deps.config.filesDir });
  const app = createApp(deps);
  const request: Harness["request"] = (host, method, url, opts = {}) => {
    const headers: Record<string, string> = { Host: host };
    if (opts.cookie) headers.Cookie = opts.cookie;
    // The SPA's own origin: https in production (published behind TLS), http in development.
    if (opts.origin !== null && method !== "GET") headers.Origin = opts.origin ?? `${deps.config.production ? "https" : "http"}://${host}`;
    if (opts.body !== undefined) headers["Content-Type"] = "application/json";
    return Promise.resolve(app.request(url, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) }));
  };
  return {
    app,
    deps,
    dataDir,
    setClock(at) {
      fixed = at;
    },
    request,
    async login(host, email, password = DEMO_PASSWORD) {
      const res = await request(host, "POST", "/api/auth/login", { body: { email, password } });
      if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
      let cookie = cookiesFrom(res);
      const step = (await res.json()) as { step: string };
      if (step.step === "done") return cookie;
      const totp = await request(host, "POST", "/api/auth/totp", {
        body: { code: freshTotp(`${host}/${email}`), trustDevice: false },
        cookie,
      });
      if (totp.status !== 200) throw new Error(`totp ${email}: ${totp.status} ${await totp.text()}`);
      cookie = cookiesFrom(totp, cookie);
      return cookie;
    },
    async close() {
      await deps.mailer.stop();
      await deps.db.$raw.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The database a test should open: a new PostgreSQL database (migrated, from the template the "pg" project's
 * global setup made) when TEST_DATABASE=pg, else undefined (SQLite in the test's data folder).
 */
export async function testDatabaseUrl(): Promise<string | undefined> {
  return process.env.TEST_DATABASE === "pg" ? freshTestDatabaseUrl() : undefined;
}

/**
 * Staff record the consent a relation without gezag needs before activation: the client's when there is
 * no gezag holder of this client (or the client is 16+, as the BFF then refuses a gezag holder's), else
 * the first gezag holder's.
 */
export async function recordConsent(h: Harness, host: string, staffCookie: string, clientId: string, relationId: string): Promise<void> {
  const holder = await h.deps.db.$raw.get<{ id: string }>(
    "SELECT id FROM relations WHERE client_id = ? AND gezag = true AND end_date IS NULL AND id <> ? ORDER BY id LIMIT 1",
    clientId,
    relationId,
  );
  const post = (gezagRelationId?: string) =>
    h.request(host, "POST", `/api/beheer/clients/${clientId}/consents`, {
      cookie: staffCookie,
      body: { relationId, given: true, ...(gezagRelationId ? { gezagRelationId } : {}) },
    });
  let res = await post(holder?.id);
  if (res.status === 409 && holder) res = await post();
  if (res.status !== 200) throw new Error(`consent: ${res.status} ${await res.text()}`);
}

/** Staff grant a contact (by default a parent with gezag) access; the person activates with a password and skips (ggz) or sets an app. Returns their cookie. */
export async function activateContact(
  h: Harness,
  host: string,
  staffCookie: string,
  clientId: string,
  contact: { firstName: string; lastName: string; email: string; birthDate: string; role?: string; gezag?: boolean },
  password = "Een-Heel-Sterk-Wachtwoord-9",
): Promise<string> {
  const gezag = contact.gezag ?? true;
  const add = await h.request(host, "POST", `/api/beheer/clients/${clientId}/relations`, {
    cookie: staffCookie,
    body: { firstName: contact.firstName, lastName: contact.lastName, email: contact.email, role: contact.role ?? "ouder", gezag },
  });
  const { contactId, id: relationId } = (await add.json()) as { contactId: string; id: string };
  // A relation without gezag needs recorded consent before it can be activated.
  if (!gezag) await recordConsent(h, host, staffCookie, clientId, relationId);
  const grant = await h.request(host, "POST", `/api/beheer/clients/${clientId}/access/activate`, {
    cookie: staffCookie,
    body: { personType: "contact", personId: contactId },
  });
  if (grant.status !== 201) throw new Error(`activate: ${grant.status} ${await grant.text()}`);
  const mail = (await h.deps.db.$raw.get<{ text_body: string }>(
    "SELECT text_body FROM mail_outbox WHERE to_address = ? ORDER BY created_at DESC LIMIT 1",
    contact.email,
  )) as { text_body: string };
  const token = /\/activeren#([a-z2-7]{32})/.exec(mail.text_body)?.[1];
  const step = (path: string, body: object = {}) => h.request(host, "POST", `/api/activation/${path}`, { body: { token, ...body } });
  await step("birth-date", { birthDate: contact.birthDate });
  await step("password", { password });
  const setup = (await (await step("totp/setup")).json()) as { secret: string };
  await step("totp/confirm", { code: freshTotp(contact.email, setup.secret) });
  const finish = await step("finish", { acceptTerms: true });
  if (finish.status !== 200) throw new Error(`finish: ${finish.status} ${await finish.text()}`);
  return cookiesFrom(finish);
}

export const PDF_BYTES = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
export const EXE_BYTES = new Uint8Array([
  0x4d,
  0x5a,
  0x90,
  0x00,
  0x03,
  0x00,
  0x00,
  0x00,
  0x04,
  0x00,
  0x00,
  0x00,
  0xff,
  0xff,
  0x00,
  0x00,
  ...new Array(200).fill(0),
]);

export function multipart(host: string, fields: Record<string, string | { name: string; bytes: Uint8Array; type?: string }>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === "string") form.set(k, v);
    else form.set(k, new File([v.bytes], v.name, { type: v.type ?? "application/octet-stream" }));
  }
  return { form, origin: `http://${host}` };
}
