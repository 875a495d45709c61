// Lighthouse (the npm package) in Debian's Chromium, headless, on signed-in
// pages: the default mobile profile (simulated slow 4G and a 4x slower CPU),
// performance, accessibility and best practices. Reported by the bench, never
// asserted in tests. CHROME_PATH overrides /usr/bin/chromium.
//
// Run on its own, to see what costs performance points (the bench runs it as
// part of `npm run bench`):
//   npx remix build && npx tsx supabase/local/with-stack.ts --test -- npx tsx scripts/bench/lighthouse.ts [runs]
// starts the production server on BENCH_PORT (default 3190), signs in as the
// demo contact and prints each page's metrics and the audits that cost points.
import { spawn } from "node:child_process";
import { pathToFileURL } from "node:url";
import os from "node:os";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

export type LighthouseScores = {
  url: string;
  performance: number;
  accessibility: number;
  bestPractices: number;
  lcpMs: number;
  failed: string[];
  /** The performance metrics (ms; CLS unitless) and the opportunities and diagnostics that are not passed. */
  metrics: Record<string, number>;
  advice: string[];
};

/** The resources and elements an audit's details name (tables, lists of tables), shortened. */
function namedIn(details: unknown): string[] {
  const d = details as { type?: string; items?: unknown } | undefined;
  if (!d || !Array.isArray(d.items)) return [];
  if (d.type === "list") return d.items.flatMap((item) => namedIn(item));
  return (d.items as Record<string, unknown>[])
    .map((item) => (item.url as string | undefined) ?? (item.node as { snippet?: string } | undefined)?.snippet ?? (item.label as string | undefined) ?? "")
    .filter((s) => typeof s === "string" && s !== "")
    .map((s) => s.replace(/^https?:\/\/[^/]+/, "").slice(0, 90));
}

const METRICS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"];

export async function runLighthouse(urls: string[], cookie: string): Promise<LighthouseScores[]> {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const scores: LighthouseScores[] = [];
    for (const url of urls) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance", "accessibility", "best-practices"],
        extraHeaders: { Cookie: cookie },
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      const { categories, audits } = result.lhr;
      const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
      // The audits that cost points in accessibility and best practices, by title.
      const failed = ["accessibility", "best-practices"].flatMap((id) =>
        (categories[id]?.auditRefs ?? [])
          .filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1)
          .map((ref) => `${id}: ${audits[ref.id]?.title ?? ref.id}`),
      );
      const metrics = Object.fromEntries(METRICS.map((id) => [id, Math.round((audits[id]?.numericValue ?? 0) * (id.includes("layout") ? 1000 : 1)) / (id.includes("layout") ? 1000 : 1)]));
      // Performance audits that are not passed (opportunities and diagnostics), with what they say.
      const advice = Object.values(audits)
        .filter((a) => !METRICS.includes(a.id) && a.score !== null && a.score < 0.9 && ["metricSavings", "numeric", "binary"].includes(a.scoreDisplayMode) === true)
        .filter((a) => (categories.performance?.auditRefs ?? []).some((ref) => ref.id === a.id) || a.details?.type === "opportunity")
        .map((a) => {
          // Which resources or elements the audit names (the first few).
          const named = namedIn(a.details).slice(0, 4);
          return `${a.title}${a.displayValue ? ` (${a.displayValue})` : ""}${named.length ? `: ${named.join(", ")}` : ""}`;
        });
      // Where the main thread's time went (TBT comes from here) and which scripts cost it.
      const rows = (id: string) => ((audits[id]?.details as { items?: Record<string, unknown>[] } | undefined)?.items ?? []);
      const ms = (v: unknown) => `${Math.round(Number(v))} ms`;
      advice.push(`Main thread: ${rows("mainthread-work-breakdown").map((r) => `${String(r.groupLabel)} ${ms(r.duration)}`).join(", ")}`);
      advice.push(`Scripts: ${rows("bootup-time").map((r) => `${String(r.url).replace(/^https?:\/\/[^/]+/, "")} ${ms(r.total)} (evaluate ${ms(r.scripting)}, parse ${ms(r.scriptParseCompile)})`).join(", ")}`);
      advice.push(`Long tasks: ${rows("long-tasks").map((r) => `${String(r.url).replace(/^https?:\/\/[^/]+/, "")} at ${ms(r.startTime)} for ${ms(r.duration)}`).join(", ")}`);
      for (const id of ["largest-contentful-paint-element", "layout-shifts", "lcp-breakdown-insight", "network-dependency-tree-insight"]) {
        const a = audits[id];
        if (a && !advice.some((line) => line.startsWith(a.title))) advice.push(`${a.title}${a.displayValue ? ` (${a.displayValue})` : ""}: ${namedIn(a.details).slice(0, 6).join(", ")}`);
      }
      scores.push({
        url,
        performance: score("performance"),
        accessibility: score("accessibility"),
        bestPractices: score("best-practices"),
        lcpMs: Math.round(audits["largest-contentful-paint"]?.numericValue ?? 0),
        failed,
        metrics,
        advice,
      });
    }
    return scores;
  } finally {
    chrome.kill();
  }
}

// ---------------------------------------------------------------- on its own

async function standalone() {
  const { startFakeResend } = await import("../../tests/support/fake-resend");
  const { signIn } = await import("./sign-in");
  if (!process.env.SUPABASE_URL) throw new Error("Run through supabase/local/with-stack.ts (see the header).");
  const runs = Number(process.argv[2] ?? 1);
  const port = Number(process.env.BENCH_PORT ?? 3190);
  const resend = await startFakeResend();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn("node", ["server.js"], {
    env: { ...process.env, APP_URL: base, RESEND_API_KEY: "re_bench_stand_in", RESEND_BASE_URL: resend.url, NODE_ENV: "production", PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}).`);
      if (await fetch(`${base}/login`).then((r) => r.ok, () => false)) break;
      if (i > 600) throw new Error("The server did not start in 120 s.");
      await new Promise((r) => setTimeout(r, 200));
    }
    const slug = process.env.BENCH_SLUG ?? "northwind";
    const document = process.env.BENCH_DOCUMENT ?? "d1000000-0000-4000-8000-000000000001";
    const cookie = await signIn(base, process.env.BENCH_EMAIL ?? "dana@northwind.example", resend, { next: `/c/${slug}` });
    // What each document weighs (the page's HTML with its loader data inline), raw and gzipped.
    const { gzipSync } = await import("node:zlib");
    for (const pathname of [`/c/${slug}`, `/c/${slug}/requirements/${document}`]) {
      const html = Buffer.from(await (await fetch(base + pathname, { headers: { cookie } })).arrayBuffer());
      const scripts = [...html.toString().matchAll(/<(?:script|link)[^>]*(?:src|href)="(\/build\/[^"]+\.js)"/g)].map((m) => m[1]);
      const manifest = scripts.some((src) => src?.includes("/manifest-")) ? "the route manifest file among them" : "not the route manifest file (inlined, fog of war)";
      console.log(`${pathname}: document ${(html.length / 1024).toFixed(1)} KB raw, ${(gzipSync(html).length / 1024).toFixed(1)} KB gzipped; ${scripts.length} scripts named, ${manifest}`);
    }
    for (let run = 0; run < runs; run++) {
      const load = os.loadavg()[0]!.toFixed(2);
      for (const s of await runLighthouse([`${base}/c/${slug}`, `${base}/c/${slug}/requirements/${document}`], cookie)) {
        console.log(`\n${new URL(s.url).pathname} (load ${load}): performance ${s.performance}, accessibility ${s.accessibility}, best practices ${s.bestPractices}`);
        console.log(`  ${Object.entries(s.metrics).map(([k, v]) => `${k} ${v}`).join(", ")}`);
        for (const line of [...s.failed, ...s.advice]) console.log(`  - ${line}`);
      }
    }
  } finally {
    child.kill("SIGTERM");
    await resend.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  standalone().then(
    () => process.exit(0),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
