// Checks of how pages look, shared by the look and rough-edges specs: no page
// wider than a 390 px phone, inline links big enough to tap, and screenshots at
// 390 px and 1280 px attached to the report (artifacts, never pixel-compared).
import type { Locator, Page, TestInfo } from "@playwright/test";
import { expect } from "./fixtures";

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/** The page is no wider than the viewport: nothing makes it scroll sideways. */
export async function expectNoSidewaysScroll(page: Page, what: string) {
  const { scrollWidth, innerWidth, culprits } = await page.evaluate(() => {
    const width = window.innerWidth;
    const culprits = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} (right ${Math.round(el.getBoundingClientRect().right)})`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, culprits };
  });
  expect(scrollWidth, `${what} is ${scrollWidth}px wide at ${innerWidth}px: ${culprits.join(", ")}`).toBeLessThanOrEqual(innerWidth);
}

/** WCAG 2.2 target size (minimum): every visible link in the page's content is at least 24 px tall. */
export async function expectLinkTargets(page: Page, what: string) {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll("main a[href], footer a[href]")]
      .filter((a) => (a as HTMLElement).offsetParent !== null)
      .map((a) => ({ text: (a.textContent ?? "").trim().slice(0, 40), height: a.getBoundingClientRect().height }))
      .filter((a) => a.height > 0 && a.height < 24),
  );
  expect(small, `links under 24 px tall on ${what}`).toEqual([]);
}

/** Full-page screenshots at 390 px and 1280 px, attached to the test's report; the page is left at 390 px. */
export async function screenshots(page: Page, testInfo: TestInfo, name: string) {
  for (const [label, size] of [["390px", PHONE], ["1280px", DESKTOP]] as const) {
    await page.setViewportSize(size);
    await testInfo.attach(`${name} at ${label}`, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  }
  await page.setViewportSize(PHONE);
}

/** An image that the browser loaded and drew (not a broken-image icon). */
export async function expectImageLoaded(image: Locator) {
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
}
