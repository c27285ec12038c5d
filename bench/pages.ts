// npm run bench -- pages: the page budget of spec 18.3. Overview and Usage of the demo
// data (alice, team acme) against the production build, in Chromium with a cold cache (a new
// browser context per load), on localhost: the time from navigation until the page's charts are
// drawn, and the compressed JavaScript whose transfer ended before then. Median of BENCH_RUNS (5).
import { chromium, type Browser } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../e2e/fixtures/chromium";
import { createAuth } from "../src/server/auth-config";
import { DEMO_PASSWORD, seedDemoData } from "../src/server/db/seed";
import { BENCH_AUTH_SECRET, benchDatabase, cookiesOf, startServer } from "./server";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PORT = 3302;
/** Spec 18.3: Overview and Usage draw their charts within 1 s with at most 200 kB of compressed JavaScript before. */
const BUDGET = { ms: 1000, kb: 200 };

/**
 * A page and what "its charts are drawn" means there: every chart figure of the page that has data
 * holds an SVG with at least one drawn shape.
 */
const PAGES = [
  { name: "Overview", path: "/teams/acme" },
  { name: "Usage", path: "/teams/acme/usage" },
] as const;

/** Runs in the page before its own scripts: notes the first animation frame at which every chart is drawn. */
const WATCH_CHARTS = `(() => {
  const drawn = () => {
    const figures = [...document.querySelectorAll('[data-chart]')];
    if (figures.length === 0) return false;
    return figures.every((f) => f.getAttribute('data-has-data') === 'false' || f.querySelector('svg [data-series], svg :is(.recharts-area-area, .recharts-line-curve, .recharts-bar-rectangle, .recharts-rectangle)'));
  };
  const tick = () => {
    if (drawn()) { window.__chartsDrawnAt = performance.now(); window.__charts = document.querySelectorAll('[data-chart]').length; return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

interface TLoad {
  drawnMs: number;
  charts: number;
  /** Compressed bytes of the scripts whose transfer ended before the charts were drawn. */
  jsBeforeBytes: number;
  jsAllBytes: number;
  /** Per script file (chunk name without its hash directory): compressed bytes, and whether it ended before the charts. */
  scripts: { name: string; bytes: number; before: boolean }[];
}

async function loadOnce(browser: Browser, baseUrl: string, cookies: { name: string; value: string }[], path: string): Promise<TLoad> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
  try {
    await context.addCookies(cookies.map((c) => ({ ...c, url: baseUrl })));
    await context.addInitScript(WATCH_CHARTS);
    const page = await context.newPage();
    await page.goto(`${baseUrl}${path}`, { waitUntil: "load" });
    await page.waitForFunction(() => (window as unknown as { __chartsDrawnAt?: number }).__chartsDrawnAt !== undefined, null, { timeout: 30_000 });
    // Scripts still loading when the charts were drawn end later: a second more lists them too. (Not
    // "networkidle": the page's live-update stream stays open.)
    await page.waitForTimeout(1000);
    return await page.evaluate(() => {
      const w = window as unknown as { __chartsDrawnAt: number; __charts: number };
      const scripts = (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
        .filter((e) => e.initiatorType === "script" || /\.js(\?|$)/.test(new URL(e.name).pathname))
        .map((e) => ({
          name: new URL(e.name).pathname.replace(/^\/_next\/static\//, ""),
          bytes: e.encodedBodySize,
          before: e.responseEnd <= w.__chartsDrawnAt,
        }));
      return {
        drawnMs: w.__chartsDrawnAt,
        charts: w.__charts,
        jsBeforeBytes: scripts.filter((s) => s.before).reduce((sum, s) => sum + s.bytes, 0),
        jsAllBytes: scripts.reduce((sum, s) => sum + s.bytes, 0),
        scripts,
      };
    });
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const kb = (bytes: number) => (bytes / 1000).toFixed(1);

export async function benchPages() {
  const { handle, url } = await benchDatabase("servelink_bench_pages", true);
  try {
    const auth = createAuth(handle.db, { secret: BENCH_AUTH_SECRET, baseURL: `http://127.0.0.1:${PORT}`, signInRateLimit: 0 });
    await seedDemoData(handle.db, (body) => auth.api.signUpEmail({ body }));
  } finally {
    await handle.close();
  }
  const server = await startServer(url, PORT);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  let failed = false;
  try {
    const signIn = await fetch(`${server.baseUrl}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.baseUrl },
      body: JSON.stringify({ email: "alice@demo.servelink.dev", password: DEMO_PASSWORD }),
    });
    if (!signIn.ok) throw new Error(`sign-in answered ${signIn.status}: ${await signIn.text()}`);
    const cookies = cookiesOf(signIn);

    console.log(`pages: ${RUNS} cold loads each (a new browser context per load), production build, Chromium, ${server.baseUrl}`);
    for (const p of PAGES) {
      await loadOnce(browser, server.baseUrl, cookies, p.path); // the server's first render of the page is not a user's
      const loads: TLoad[] = [];
      for (let i = 0; i < RUNS; i++) loads.push(await loadOnce(browser, server.baseUrl, cookies, p.path));
      const ms = median(loads.map((l) => l.drawnMs));
      const before = median(loads.map((l) => l.jsBeforeBytes));
      const all = median(loads.map((l) => l.jsAllBytes));
      const ok = ms <= BUDGET.ms && before <= BUDGET.kb * 1000;
      if (!ok) failed = true;
      console.log(
        `${p.name.padEnd(9)} ${p.path.padEnd(20)} charts drawn in ${Math.round(ms)} ms (runs: ${loads.map((l) => Math.round(l.drawnMs)).join(", ")}), ` +
          `${loads[0]!.charts} chart(s); JS before: ${kb(before)} kB compressed, all JS: ${kb(all)} kB` +
          `  ${ok ? "within" : "OVER"} the budget (${BUDGET.ms} ms, ${BUDGET.kb} kB)`,
      );
      // Where the bytes go, per chunk, for the median load.
      const typical = [...loads].sort((a, b) => a.jsBeforeBytes - b.jsBeforeBytes)[Math.floor(loads.length / 2)]!;
      for (const s of [...typical.scripts].sort((a, b) => b.bytes - a.bytes)) {
        console.log(`    ${kb(s.bytes).padStart(7)} kB  ${s.before ? "before" : "after "}  ${s.name}`);
      }
    }
  } finally {
    await browser.close();
    server.stop();
  }
  if (failed) process.exitCode = 1;
}
