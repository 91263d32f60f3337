// The SPA in headless Chromium: gzipped JS and CSS each page loads, and its Largest Contentful Paint at 4× CPU throttling.
import fs from "node:fs";
import { gzipSync } from "node:zlib";
import { type Browser, chromium } from "@playwright/test";
import { BENCH_HOST, type BenchSession } from "./dataset";
import { SESSION_COOKIE } from "./load";

export interface PageFigures {
  js_gz_kb: number;
  css_gz_kb: number;
  lcp_ms: number;
  lcp_runs_ms: number[];
  files: string[];
}

function chromiumPath(): string {
  for (const p of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) if (p && fs.existsSync(p)) return p;
  throw new Error("Chromium not found: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.");
}

const LCP_OBSERVER = `
  window.__lcp = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__lcp = e.renderTime || e.loadTime || e.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
`;

/** One cold visit (fresh context, empty cache): what was loaded and when the largest paint happened. */
async function visit(browser: Browser, url: string, session: BenchSession | null, waitFor: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  if (session)
    // __Host- cookies take a host and path, never a URL (Chromium refuses the pair otherwise).
    await context.addCookies([
      {
        name: SESSION_COOKIE,
        value: session.token,
        domain: new URL(url).hostname,
        path: "/",
        secure: true,
        httpOnly: true,
        sameSite: "Lax",
      },
    ]);
  await context.addInitScript(LCP_OBSERVER);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  const assets: { url: string; type: string; gz: number }[] = [];
  page.on("response", async (res) => {
    const type = res.request().resourceType();
    if (type !== "script" && type !== "stylesheet") return;
    try {
      assets.push({ url: new URL(res.url()).pathname, type, gz: gzipSync(await res.body()).length });
    } catch {
      // A response without a body (redirect) counts nothing.
    }
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await page.locator(waitFor).first().waitFor({ timeout: 30_000 });
  await page.waitForLoadState("networkidle");
  // LCP is final at the first input; until then give late paints a moment.
  await page.waitForTimeout(500);
  const lcp = (await page.evaluate("window.__lcp")) as number;
  await context.close();
  return { lcp, assets };
}

export async function measureSpa(port: number, session: BenchSession, runs: number): Promise<{ login: PageFigures; home: PageFigures }> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  try {
    const origin = `http://${BENCH_HOST}:${port}`;
    const pages = {
      login: { url: `${origin}/inloggen`, session: null, waitFor: "input[type=password]" },
      home: { url: `${origin}/portaal/${session.clientId}`, session, waitFor: ".home-activity" },
    };
    const out: Record<string, PageFigures> = {};
    for (const [name, p] of Object.entries(pages)) {
      const lcps: number[] = [];
      let assets: { url: string; type: string; gz: number }[] = [];
      for (let i = 0; i < runs; i++) {
        const v = await visit(browser, p.url, p.session, p.waitFor);
        lcps.push(Math.round(v.lcp));
        assets = v.assets;
      }
      const sorted = [...lcps].sort((a, b) => a - b);
      const kb = (type: string) => Math.round((assets.filter((a) => a.type === type).reduce((n, a) => n + a.gz, 0) / 1024) * 10) / 10;
      out[name] = {
        js_gz_kb: kb("script"),
        css_gz_kb: kb("stylesheet"),
        lcp_ms: sorted[Math.floor(sorted.length / 2)] as number,
        lcp_runs_ms: lcps,
        files: assets.map((a) => `${a.url} (${(a.gz / 1024).toFixed(1)} KB gz)`),
      };
    }
    return out as { login: PageFigures; home: PageFigures };
  } finally {
    await browser.close();
  }
}
