// HTTP load with autocannon: fixed connections and time, many distinct session cookies, loopback only.
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateTOTP } from "@oslojs/otp";
import autocannon from "autocannon";
import { BENCH_HOST, BENCH_PASSWORD, BENCH_TOTP_SECRET, type BenchSession } from "./dataset";

export const SESSION_COOKIE = "__Host-portaal_sessie";

export interface LoadResult {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  mean_ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface Endpoint {
  name: string;
  method: "GET" | "POST";
  path: (s: BenchSession) => string;
  body?: () => string;
}

export const ENDPOINTS: Endpoint[] = [
  { name: "GET /api/me", method: "GET", path: () => "/api/me" },
  { name: "Home overview", method: "GET", path: (s) => `/api/portal/${s.clientId}/overview` },
  { name: "Dossier page 1", method: "GET", path: (s) => `/api/portal/${s.clientId}/documents?kind=document&page=1&pageSize=20` },
  { name: "Berichten", method: "GET", path: (s) => `/api/portal/${s.clientId}/threads` },
  {
    name: "POST message",
    method: "POST",
    path: (s) => `/api/portal/${s.clientId}/threads/${s.threadId}/messages`,
    body: () => JSON.stringify({ body: "Dank u wel, dat komt goed uit. Tot donderdag!" }),
  },
];

function summarize(r: autocannon.Result): LoadResult {
  return {
    rps: Math.round(r.requests.average),
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    mean_ms: Math.round(r.latency.average * 100) / 100,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** `connections` connections for `seconds`, each request with the next session's cookie and portal. */
export async function loadEndpoint(
  port: number,
  endpoint: Endpoint,
  sessions: BenchSession[],
  opts: { connections: number; seconds: number },
): Promise<LoadResult> {
  let next = 0;
  const origin = `http://${BENCH_HOST}:${port}`;
  const result = await run({
    url: origin,
    connections: opts.connections,
    duration: opts.seconds,
    requests: [
      {
        method: endpoint.method,
        setupRequest: (req) => {
          const s = sessions[next++ % sessions.length] as BenchSession;
          const headers: Record<string, string> = { cookie: `${SESSION_COOKIE}=${s.token}` };
          if (endpoint.method === "POST") {
            headers["sec-fetch-site"] = "same-origin";
            headers["content-type"] = "application/json";
          }
          return { ...req, path: endpoint.path(s), headers, ...(endpoint.body ? { body: endpoint.body() } : {}) };
        },
      },
    ],
  });
  return summarize(result);
}

/** The same connections and time against the ceiling server, answering `size` bytes. */
export async function loadCeiling(port: number, size: number, method: "GET" | "POST", opts: { connections: number; seconds: number }) {
  const result = await run({
    url: `http://127.0.0.1:${port}/?size=${size}`,
    connections: opts.connections,
    duration: opts.seconds,
    method,
    ...(method === "POST"
      ? { body: JSON.stringify({ body: "Dank u wel, dat komt goed uit. Tot donderdag!" }), headers: { "content-type": "application/json" } }
      : {}),
  });
  return summarize(result);
}

export interface LoginResult {
  logins: number;
  failed: number;
  failed_statuses: Record<string, number>;
  per_s: number;
  p50_ms: number;
  p99_ms: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/**
 * Full logins (password, then TOTP), each with a different account: a TOTP code cannot be used twice
 * per account. Bounded by count: the BFF allows 300 password attempts per IP per 5 minutes, and all
 * load comes from one loopback address.
 */
export async function loadLogin(port: number, emails: string[], connections: number): Promise<LoginResult> {
  const origin = `http://${BENCH_HOST}:${port}`;
  const key = decodeBase32IgnorePadding(BENCH_TOTP_SECRET);
  const times: number[] = [];
  let next = 0;
  let failed = 0;
  const statuses: Record<string, number> = {};
  const fail = (step: string, status: number) => {
    failed++;
    statuses[`${step} ${status}`] = (statuses[`${step} ${status}`] ?? 0) + 1;
  };
  type Ctx = { t0?: number; cookie?: string; email?: string };
  const started = performance.now();
  await run({
    url: origin,
    connections,
    amount: emails.length * 2,
    timeout: 30,
    requests: [
      {
        method: "POST",
        setupRequest: (req, context) => {
          const ctx = context as Ctx;
          ctx.email = emails[next++ % emails.length];
          ctx.t0 = performance.now();
          return {
            ...req,
            path: "/api/auth/login",
            headers: { "sec-fetch-site": "same-origin", "content-type": "application/json" },
            body: JSON.stringify({ email: ctx.email, password: BENCH_PASSWORD }),
          };
        },
        onResponse: (status, _body, context, headers) => {
          const ctx = context as Ctx;
          if (status !== 200) fail("password", status);
          const raw = (headers as Record<string, string | string[]> | undefined)?.["set-cookie"];
          const cookies = Array.isArray(raw) ? raw : raw ? [raw] : [];
          const session = cookies.map((c) => c.split(";")[0] as string).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
          ctx.cookie = session ?? "";
        },
      },
      {
        method: "POST",
        setupRequest: (req, context) => ({
          ...req,
          path: "/api/auth/totp",
          headers: { "sec-fetch-site": "same-origin", "content-type": "application/json", cookie: (context as Ctx).cookie ?? "" },
          body: JSON.stringify({ code: generateTOTP(key, 30, 6), trustDevice: false }),
        }),
        onResponse: (status, _body, context) => {
          if (status === 200) times.push(performance.now() - ((context as Ctx).t0 ?? 0));
          else fail("totp", status);
        },
      },
    ],
  });
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    logins: times.length,
    failed,
    failed_statuses: statuses,
    per_s: Math.round((times.length / seconds) * 10) / 10,
    p50_ms: Math.round(percentile(times, 50)),
    p99_ms: Math.round(percentile(times, 99)),
  };
}
