// Hostile input, property-based: for every route of the route table, bodies, query strings, path
// parameters and headers derived from its zod schemas and broken on purpose (wrong types, huge strings,
// deep nesting, unicode edge cases, SQL and HTML injection, path traversal). Every answer must be a 4xx
// with a Dutch JSON error, never a 5xx, and the database and the files folder must stay as they were.

import { deflateSync } from "node:zlib";
import { MAX_FILE_BYTES } from "@portaal/shared/dossier";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { DEMO_PASSWORD } from "../demo/seed";
import type { RouteValidation } from "../lib/validate";
import { cookiesFrom, PDF_BYTES } from "../test-support/app-harness";
import { changedTables, dbFingerprint, filesFingerprint } from "../test-support/db-fingerprint";
import { type Endpoint, endpointsOf, fillPath, PUBLIC_ROUTES } from "../test-support/route-table";
import { type Actor, actorFor, HOST, makeWorld, paramsFor, type World } from "../test-support/security-world";
import { exampleOf, keysOf } from "../test-support/zod-example";

/** Fixed unless HOSTILE_SEED says otherwise; printed, so a failure can be replayed. */
const SEED = Number(process.env.HOSTILE_SEED ?? 20261125);
/** Runs per route and kind of input; HOSTILE_RUNS scales the whole suite. */
const SCALE = Number(process.env.HOSTILE_RUNS ?? 1);
const RUNS = { json: 60, form: 25, query: 50, param: 30, header: 12 };

const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE accounts; --",
  '" OR 1=1 --',
  "1; SELECT * FROM sessions",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "../../../../etc/passwd",
  "..\\..\\..\\windows\\win.ini",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "/dev/null",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
  "${7*7}",
  "{{7*7}}",
  "%s%s%s%n",
  "\u0000",
  "\uD800",
  "\uDFFF\uD800",
  "\u202Egpj.exe",
  "e\u0301\u0301\u0301",
  "\u200B\u200D\uFEFF",
  "𝕳𝖊𝖑𝖑𝖔 👩‍👩‍👧‍👦",
  "ﷺ",
  "NaN",
  "-1",
  "1e999",
  "__proto__",
  "constructor",
  "null",
];

const nested = (depth: number, leaf: unknown = "x"): unknown => {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
};

const hostileString = (maxHuge: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...INJECTIONS) },
    { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.integer({ min: Math.min(1_000, maxHuge), max: maxHuge }).map((n) => "Å".repeat(n)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...INJECTIONS), fc.integer({ min: 2, max: 400 })).map(([s, n]) => s.repeat(n)) },
  );

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString(300_000) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1.5, -0, 2 ** 53 + 1, 1e308, -1e308) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.object({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 3_000 }).map((d) => nested(d)) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 5_000 }).map((n) => Array.from({ length: n }, (_, i) => i)) },
);

const RAW_JUNK = [
  "",
  "{",
  "[1,2",
  "{'a':1}",
  "\u0000",
  "\uFEFF{}",
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  "1e999",
  "null",
  "[]",
  "true",
  `${"[".repeat(20_000)}${"]".repeat(20_000)}`,
  `{"a":${'"x",'.repeat(10)}}`,
];

/** Header values must be Latin-1 without CR/LF: what a client can put on the wire. */
const headerString = fc.oneof(
  fc.constantFrom("", " ", "%", "%E0%A4%A", "=", ";;;", "\t", "a".repeat(8_000), "' OR 1=1 --", "<script>", "../../etc/passwd", "ÿþ"),
  fc.string({
    unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff })).map((c) => String.fromCharCode(c)),
    maxLength: 60,
  }),
);

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-16",
  "text/plain",
  "text/html",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "multipart/form-data; boundary=",
  "multipart/form-data; boundary=----grens",
  "application/xml",
  "application/octet-stream",
  "",
];

const BAD_HOSTS = [
  "evil.example",
  "localhost.evil.example",
  "noorderlicht.localhost.evil",
  "[::1]",
  "127.0.0.1",
  "localhost@evil.example",
  "",
  "a".repeat(300),
];

/** Names the BFF's own English-speaking libraries use; a Dutch message contains none of them. */
const ENGLISH =
  /\b(Invalid|invalid input|expected|Required|received|must be|Too (big|small)|Unrecognized|Malformed|Bad Request|Unauthorized|Forbidden|Not Found|Internal Server Error|Payload Too Large)\b/;

interface Sent {
  kind: string;
  route: string;
  detail: string;
}

let world: World;
let tried = 0;
const perKind: Record<string, number> = {};
beforeAll(async () => {
  world = await makeWorld();
}, 120_000);
afterAll(async () => {
  console.log(
    `[hostile input] ${tried} hostile requests (seed ${SEED}): ${Object.entries(perKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ")}`,
  );
  await world.h.close();
});

function validations(e: Endpoint, target: RouteValidation["target"]): z.ZodType[] {
  return e.validations.filter((v) => v.target === target).map((v) => v.schema);
}

/** A refusal the user can read: 4xx, JSON, a Dutch message, no stack trace. */
async function checkRefusal(res: Response, sent: Sent): Promise<void> {
  tried++;
  perKind[sent.kind] = (perKind[sent.kind] ?? 0) + 1;
  const text = await res.text();
  const where = `${sent.kind} ${sent.route} → ${res.status} ${text.slice(0, 200)} (sent ${sent.detail.slice(0, 200)})`;
  if (res.status < 400 || res.status > 499) throw new Error(`not a 4xx: ${where}`);
  if (!(res.headers.get("content-type") ?? "").startsWith("application/json")) throw new Error(`not JSON: ${where}`);
  const body = JSON.parse(text) as { error?: { message?: unknown; fields?: Record<string, unknown> } };
  const messages = [body.error?.message, ...Object.values(body.error?.fields ?? {})];
  if (typeof body.error?.message !== "string" || body.error.message.length < 10) throw new Error(`no clear message: ${where}`);
  for (const m of messages) {
    if (typeof m !== "string" || ENGLISH.test(m) || /\bat .+:\d+:\d+/.test(m)) throw new Error(`not a Dutch message: ${where}`);
  }
}

function request(
  e: Endpoint,
  opts: { url?: string; cookie?: string; host?: string; headers?: Record<string, string>; body?: string | FormData },
) {
  const actor = actorFor(world, e);
  const host = opts.host ?? HOST.A;
  const headers: Record<string, string> = { Host: host, Origin: `http://${HOST.A}`, ...opts.headers };
  const cookie = opts.cookie ?? actor?.cookie ?? "";
  if (cookie) headers.Cookie = cookie;
  return world.h.app.request(opts.url ?? fillPath(e.path, paramsFor(world, e.path, "A")), {
    method: e.method,
    headers,
    body: e.method === "GET" || e.method === "HEAD" ? undefined : opts.body,
  });
}

const show = (v: unknown) => {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

/** Runs a property over one route; the database and files must be as before afterwards. */
async function unchanged(label: string, run: () => Promise<void>) {
  const before = await dbFingerprint(world.h.deps.db);
  const files = filesFingerprint(world.h.dataDir);
  await run();
  expect(changedTables(before, await dbFingerprint(world.h.deps.db)), `${label} changed the database`).toEqual([]);
  expect(filesFingerprint(world.h.dataDir), `${label} left files`).toBe(files);
}

const routes = () => endpointsOf(world.h.app);
/** The organization's settings version: a logo upload names it. */
const settingsVersion = async () =>
  ((await world.h.deps.db.$raw.get("SELECT settings_version AS v FROM organizations WHERE hostname = ?", HOST.A)) as { v: number }).v;
let seq = 0;
const params = (runs: number) => ({ seed: SEED + seq++, numRuns: Math.max(1, Math.round(runs * SCALE)), endOnFailure: true });

describe("hostile input", () => {
  it("JSON bodies: wrong types, missing fields, huge, deeply nested, injections, malformed JSON", async () => {
    for (const e of routes()) {
      const [schema] = validations(e, "json");
      if (!schema) continue;
      const example = exampleOf(schema) as Record<string, unknown>;
      const keys = keysOf(schema);
      const candidates: fc.Arbitrary<{ raw: string }>[] = [
        hostileValue.map((v) => ({ raw: show(v) })),
        fc.constantFrom(...RAW_JUNK).map((raw) => ({ raw })),
      ];
      if (keys.length > 0) {
        const k = fc.constantFrom(...keys);
        candidates.push(fc.tuple(k, hostileValue).map(([key, v]) => ({ raw: show({ ...example, [key]: v }) })));
        candidates.push(
          k.map((key) => {
            const { [key]: _, ...rest } = example;
            return { raw: show(rest) };
          }),
        );
      }
      // Only what the schema refuses: a valid body would rightly change something.
      const bad = fc.oneof(...candidates).filter(({ raw }) => {
        try {
          // A leading byte-order mark is allowed by RFC 8259 and skipped by the server too.
          return !schema.safeParse(JSON.parse(raw.replace(/^\uFEFF/, ""))).success;
        } catch {
          return true;
        }
      });
      await unchanged(e.key, () =>
        fc.assert(
          fc.asyncProperty(bad, async ({ raw }) => {
            const res = await request(e, { headers: { "Content-Type": "application/json" }, body: raw });
            await checkRefusal(res, { kind: "json", route: e.key, detail: raw });
          }),
          params(RUNS.json),
        ),
      );
    }
  }, 120_000);

  it("multipart forms: hostile fields and file names, never an acceptable file", async () => {
    const badFile = fc.record({
      name: fc.oneof(
        fc.constantFrom(
          "../../../etc/passwd",
          "..\\..\\boot.ini",
          "/etc/shadow",
          "C:\\Windows\\x.pdf",
          "a\u0000.pdf",
          "\u202Efdp.exe",
          ".",
          "..",
          "",
        ),
        hostileString(400),
      ),
      bytes: fc.oneof(
        fc.constant(new Uint8Array()),
        fc.uint8Array({ maxLength: 2_000 }),
        fc.constantFrom(
          new TextEncoder().encode("<html><script>alert(1)</script></html>"),
          new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
          new TextEncoder().encode("GIF89a<script>alert(1)</script>"),
          new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0, ...new Array(100).fill(0)]),
          new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(100).fill(0)]),
        ),
      ),
      type: fc.constantFrom("application/pdf", "image/png", "text/html", "application/x-msdownload", ""),
    });
    for (const e of routes()) {
      const [schema] = validations(e, "form");
      if (!schema) continue;
      const example = exampleOf(schema) as Record<string, unknown>;
      const keys = keysOf(schema).filter((k) => k !== "file");
      const fields = fc.dictionary(fc.constantFrom(...keys), hostileString(60_000), { maxKeys: keys.length });
      await unchanged(e.key, () =>
        fc.assert(
          fc.asyncProperty(fields, badFile, async (hostile, file) => {
            const form = new FormData();
            for (const [k, v] of Object.entries({ ...example, ...hostile })) if (k !== "file") form.set(k, String(v));
            form.set("file", new File([file.bytes], file.name, { type: file.type }));
            const res = await request(e, { body: form });
            await checkRefusal(res, { kind: "form", route: e.key, detail: show({ ...hostile, file: file.name }) });
          }),
          params(RUNS.form),
        ),
      );
    }
  }, 120_000);

  it("query strings: hostile values for every field of the query schema", async () => {
    for (const e of routes()) {
      const [schema] = validations(e, "query");
      if (!schema) continue;
      const keys = keysOf(schema);
      const bad = fc
        .dictionary(fc.constantFrom(...keys), hostileString(20_000), { minKeys: 1, maxKeys: keys.length })
        .filter((q) => !schema.safeParse(q).success);
      await unchanged(e.key, () =>
        fc.assert(
          fc.asyncProperty(bad, async (q) => {
            const url = `${fillPath(e.path, paramsFor(world, e.path, "A"))}?${new URLSearchParams(q)}`;
            const res = await request(e, { url });
            await checkRefusal(res, { kind: "query", route: e.key, detail: show(q) });
          }),
          params(RUNS.query),
        ),
      );
    }
  }, 120_000);

  it("path parameters: traversal, injections and unicode in every id", async () => {
    // Percent-encodes every byte (lone surrogates become U+FFFD, as a browser would send them).
    const encode = (s: string) => [...Buffer.from(s, "utf8")].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");
    for (const e of routes()) {
      if (e.params.length === 0) continue;
      const real = paramsFor(world, e.path, "A");
      // Only ids the schema refuses: a well-formed unknown id is a normal 404 (and a logged attempt, for documents).
      const [paramSchema] = validations(e, "param");
      const bad = fc
        .tuple(fc.constantFrom(...e.params), hostileString(4_000))
        .filter(([name, v]) => v !== real[name] && !paramSchema?.safeParse({ ...real, [name]: v }).success);
      await unchanged(e.key, () =>
        fc.assert(
          fc.asyncProperty(bad, async ([name, v]) => {
            const url = e.path.replace(/:(\w+)/g, (_, p: string) => (p === name ? encode(v) || "%20" : encodeURIComponent(real[p] ?? "")));
            const body = e.method === "GET" || e.method === "DELETE" ? undefined : "{}";
            const res = await request(e, { url, headers: { "Content-Type": "application/json" }, ...(body ? { body } : {}) });
            await checkRefusal(res, { kind: "param", route: e.key, detail: `${name}=${show(v)}` });
          }),
          params(RUNS.param),
        ),
      );
    }
  }, 120_000);

  it("headers: forged session cookies, unknown hosts, mismatched content types", async () => {
    for (const e of routes()) {
      // The platform's liveness and readiness probes answer before the host is known, and take no input.
      if (e.key === "GET /api/health" || e.key === "GET /api/ready") continue;
      const hasBody = validations(e, "json").length + validations(e, "form").length > 0;
      const arbs: fc.Arbitrary<{ kind: string; cookie?: string; host?: string; headers?: Record<string, string>; body?: string }>[] = [
        fc.constantFrom(...BAD_HOSTS).map((host) => ({ kind: "host", host })),
      ];
      if (!(e.key in PUBLIC_ROUTES)) {
        arbs.push(
          fc
            .tuple(headerString, fc.constantFrom("portaal_sessie", "portaal_apparaat", "__Host-portaal_sessie"))
            .map(([v, name]) => ({ kind: "cookie", cookie: `${name}=${v}` })),
          headerString.map((v) => ({ kind: "cookie", cookie: v })),
        );
      }
      if (hasBody) {
        const [json] = validations(e, "json");
        const accepted = (ct: string, body: string) => {
          try {
            return /json/.test(ct) && json?.safeParse(JSON.parse(body.replace(/^\uFEFF/, ""))).success === true;
          } catch {
            return false;
          }
        };
        arbs.push(
          fc
            .tuple(fc.constantFrom(...CONTENT_TYPES), fc.oneof(fc.constantFrom(...RAW_JUNK), hostileString(2_000)))
            .filter(([ct, body]) => !accepted(ct, body))
            .map(([ct, body]) => ({ kind: "content-type", headers: ct ? { "Content-Type": ct } : ({} as Record<string, string>), body })),
        );
      }
      await unchanged(e.key, () =>
        fc.assert(
          fc.asyncProperty(fc.oneof(...arbs), async (h) => {
            const res = await request(e, h);
            await checkRefusal(res, { kind: `header:${h.kind}`, route: e.key, detail: show(h) });
          }),
          params(RUNS.header * arbs.length),
        ),
      );
    }
  }, 120_000);

  it("security-key answers that pass the schema but are forged are refused, never a 5xx, and register nothing", async () => {
    const b64 = fc.string({ unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), maxLength: 300 });
    const clientData = fc
      .record({
        type: fc.constantFrom("webauthn.create", "webauthn.get", "x"),
        challenge: b64,
        origin: fc.constantFrom(`http://${HOST.A}`, "http://evil.example"),
      })
      .map((d) => Buffer.from(JSON.stringify(d)).toString("base64url"));
    const credential = fc.record({
      id: b64.filter((s) => s.length > 0),
      rawId: b64.filter((s) => s.length > 0),
      type: fc.constant("public-key"),
      response: fc.record({ clientDataJSON: fc.oneof(b64, clientData), attestationObject: b64, authenticatorData: b64, signature: b64 }),
      clientExtensionResults: fc.dictionary(fc.string({ maxLength: 10 }), fc.anything({ maxDepth: 2 }), { maxKeys: 3 }),
    });
    const ouder = world.actors.find((a) => a.name === "grant, items shared") as Actor;
    // A password-only session of its own: five wrong answers end it (then 429, then 401), which is right.
    const login = await world.h.request(HOST.A, "POST", "/api/auth/login", {
      body: { email: "begeleider2@hetbaken.example", password: DEMO_PASSWORD },
    });
    const half = { cookie: cookiesFrom(login) };
    // count(*) is a bigint on PostgreSQL (a string from the driver).
    const keys = async () => Number(((await world.h.deps.db.$raw.get("SELECT count(*) n FROM webauthn_credentials")) as { n: number }).n);
    const before = await keys();
    await fc.assert(
      fc.asyncProperty(credential, fc.boolean(), async (cred, login) => {
        const route = login ? "/api/auth/webauthn/verify" : "/api/account/webauthn/verify";
        const actor = login ? half : ouder;
        if (!login) await world.h.request(HOST.A, "POST", "/api/account/webauthn/options", { cookie: actor.cookie });
        const res = await world.h.request(HOST.A, "POST", route, { cookie: actor.cookie, body: { credential: cred, trustDevice: false } });
        await checkRefusal(res, { kind: "webauthn", route, detail: show(cred) });
      }),
      params(RUNS.json),
    );
    expect(await keys()).toBe(before);
  }, 60_000);

  it("a JSON body over 1 MB is refused before it is read", async () => {
    const e = routes().find((r) => r.key === "POST /api/auth/login") as Endpoint;
    const raw = JSON.stringify({ email: "a@example.org", password: "x".repeat(1_100_000) });
    await unchanged(e.key, async () => {
      const res = await request(e, { headers: { "Content-Type": "application/json" }, body: raw });
      expect(res.status).toBe(413);
      await checkRefusal(res, { kind: "json", route: e.key, detail: "1.1 MB" });
    });
  });

  it("uploads: oversized, truncated, polyglot and mislabelled files are refused; whole files go in", async () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const cat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
    const pdf = PDF_BYTES;
    const png = new Uint8Array(
      Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64"),
    );
    const jfif = [0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
    const jpeg = new Uint8Array([...jfif, 0xff, 0xd9]);
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array(26).fill(0), 0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
    const big = (n: number) => {
      const b = new Uint8Array(n).fill(0x20);
      b.set(pdf.subarray(0, pdf.length - 6));
      b.set(enc("%%EOF\n"), n - 6);
      return b;
    };
    const refused: [string, string, Uint8Array, number, string][] = [
      ["oversized (20 MB + 1 byte)", "groot.pdf", big(MAX_FILE_BYTES + 1), 413, "too_large"],
      ["oversized request (22 MB)", "groter.pdf", big(22 * 1024 * 1024), 413, "too_large"],
      ["empty", "leeg.pdf", new Uint8Array(), 400, "empty"],
      ["truncated PDF", "half.pdf", pdf.subarray(0, pdf.length - 8), 400, "file_damaged"],
      ["truncated PNG", "half.png", png.subarray(0, png.length - 12), 400, "file_damaged"],
      ["truncated JPEG", "half.jpg", new Uint8Array(jfif), 400, "file_damaged"],
      ["PDF with HTML after its end", "poly.pdf", cat(pdf, enc("<html><script>alert(1)</script></html>")), 400, "file_damaged"],
      ["PNG with a ZIP after its end", "poly.png", cat(png, zip), 400, "file_damaged"],
      ["JPEG with a ZIP after its end", "poly.jpg", cat(jpeg, zip), 400, "file_damaged"],
      [
        "PDF with a script in its head",
        "kop.pdf",
        cat(enc("%PDF-1.4\n%<script>alert(1)</script>\n"), pdf.subarray(9)),
        400,
        "file_not_safe",
      ],
      [
        "PDF that runs JavaScript when opened",
        "actie.pdf",
        cat(enc("%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n"), pdf.subarray(9)),
        400,
        "file_not_safe",
      ],
      [
        "PDF that launches a program, the action's name written with #xx escapes",
        "launch.pdf",
        cat(enc("%PDF-1.4\n1 0 obj << /OpenAction << /S /L#61unch /F (calc.exe) >> >> endobj\n"), pdf.subarray(9)),
        400,
        "file_not_safe",
      ],
      [
        "PDF with a script action inside a compressed object stream",
        "objstm.pdf",
        (() => {
          const packed = deflateSync(enc("5 0 << /S /JavaScript /JS (app.alert(1)) >>"));
          const head = `%PDF-1.5\n4 0 obj << /Type /ObjStm /N 1 /First 4 /Length ${packed.byteLength} /Filter /FlateDecode >>\nstream\n`;
          return cat(enc(head), packed, enc("\nendstream\nendobj\n"), pdf.subarray(9));
        })(),
        400,
        "file_not_safe",
      ],
      [
        "JPEG with markup in a comment",
        "kop.jpg",
        cat(new Uint8Array(jfif), new Uint8Array([0xff, 0xfe, 0, 20]), enc("<svg onload=x>a1"), new Uint8Array([0xff, 0xd9])),
        400,
        "file_not_safe",
      ],
      ["PNG named .pdf", "scan.pdf", png, 400, "name_mismatch"],
      ["PDF named .exe", "brief.exe", pdf, 400, "name_mismatch"],
      ["PDF named .html", "brief.html", pdf, 400, "name_mismatch"],
      [
        "executable named .pdf",
        "factuur.pdf",
        new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, ...new Array(200).fill(0)]),
        400,
        "type_not_allowed",
      ],
      ["HTML named .pdf", "brief.pdf", enc("<!doctype html><script>alert(1)</script>"), 400, "type_not_allowed"],
      [
        "SVG named .png",
        "logo.png",
        enc("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
        400,
        "type_not_allowed",
      ],
    ];
    const uploadRoutes = routes().filter((r) => validations(r, "form").length > 0);
    expect(uploadRoutes.map((r) => r.key).sort()).toEqual([
      "POST /api/beheer/clients/:clientId/documents",
      // Messages with attachments (issue 11): the same checks by content as uploads.
      "POST /api/beheer/clients/:clientId/threads",
      "POST /api/beheer/clients/:clientId/threads/:threadId/messages",
      // The organization's logo (issue 13): the same checks, then PNG or WebP only.
      "POST /api/beheer/organization/settings/logo",
      "POST /api/portal/:clientId/threads",
      "POST /api/portal/:clientId/threads/:threadId/messages",
      "POST /api/portal/:clientId/uploads",
    ]);
    const form = async (name: string, bytes: Uint8Array) => {
      const f = new FormData();
      f.set("kind", "document");
      f.set("title", "Upload-test");
      f.set("docDate", "2026-11-20");
      f.set("subject", "Upload-test");
      f.set("body", "Een bericht met een bijlage.");
      f.set("version", String(await settingsVersion()));
      f.set("file", new File([bytes], name, { type: "application/pdf" }));
      return f;
    };
    for (const e of uploadRoutes) {
      await unchanged(e.key, async () => {
        for (const [what, name, bytes, status, code] of refused) {
          const res = await request(e, { body: await form(name, bytes) });
          const copy = res.clone();
          await checkRefusal(res, { kind: "upload", route: e.key, detail: what });
          expect([what, res.status, ((await copy.json()) as { error: { code: string } }).error.code]).toEqual([what, status, code]);
        }
      });
      if (e.key === "POST /api/beheer/organization/settings/logo") {
        for (const [name, bytes] of [
          ["brief.pdf", pdf],
          ["foto.JPG", jpeg],
        ] as const) {
          const res = await request(e, { body: await form(name, bytes) });
          expect([e.key, name, res.status]).toEqual([e.key, name, 400]);
        }
        expect((await request(e, { body: await form("logo.png", png) })).status).toBe(200);
        continue;
      }
      for (const [name, bytes] of [
        ["brief.pdf", pdf],
        ["foto.png", png],
        ["foto.JPG", jpeg],
        ["zonder-extensie", pdf],
      ] as const) {
        const res = await request(e, { body: await form(name, bytes) });
        expect([e.key, name, res.status]).toEqual([e.key, name, 201]);
      }
    }
  }, 60_000);

  it("tried thousands of hostile requests", () => {
    expect(tried).toBeGreaterThan(3_000);
  });
});
