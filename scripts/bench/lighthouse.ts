// Lighthouse (the npm package) in Debian's Chromium, headless, on signed-in
// pages: the default mobile profile (simulated slow 4G and a 4x slower CPU),
// performance, accessibility and best practices. Reported by the bench, never
// asserted in tests. CHROME_PATH overrides /usr/bin/chromium.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

export type LighthouseScores = { url: string; performance: number; accessibility: number; bestPractices: number; lcpMs: number; failed: string[] };

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
      scores.push({
        url,
        performance: score("performance"),
        accessibility: score("accessibility"),
        bestPractices: score("best-practices"),
        lcpMs: Math.round(audits["largest-contentful-paint"]?.numericValue ?? 0),
        failed,
      });
    }
    return scores;
  } finally {
    chrome.kill();
  }
}
