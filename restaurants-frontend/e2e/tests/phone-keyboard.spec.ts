import { expect, test, type Locator, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";

// On a phone-sized screen, with the keyboard alone: every control is reached with Tab and used with the keys a
// keyboard user has (Enter, Space, typing); nothing is clicked. No page scrolls sideways.

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Presses Tab until the element matching the locator has the focus (at most 60 times). */
async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
      return;
    }
    await page.keyboard.press("Tab");
  }
  throw new Error(`Could not reach ${target} with Tab`);
}

test("on a phone, with the keyboard alone: search, order and follow it", async ({ page }, testInfo) => {
  await page.goto("/");
  await noSidewaysScroll(page);

  await tabTo(page, page.getByLabel("Restaurant name"));
  await page.keyboard.type("sabich");
  await page.keyboard.press("Enter");
  const result = page.getByRole("link", { name: "Sabich" });
  await tabTo(page, result);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/restaurants\/sabich$/);
  await noSidewaysScroll(page);

  const add = page.getByRole("button", { name: /^Add / }).first();
  await tabTo(page, add);
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("link", { name: "Go to checkout" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/checkout$/);
  await noSidewaysScroll(page);

  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(`phone-${randomUUID()}@example.com`);
  await tabTo(page, page.getByLabel("Card number"));
  await page.keyboard.type("4242424242424242");
  await tabTo(page, page.getByLabel("Expiry (MM/YY)"));
  await page.keyboard.type("1239");
  // Sabich delivers, so Delivery is chosen; Tab stops on the chosen radio, the arrow keys change it.
  await tabTo(page, page.getByLabel("Delivery", { exact: true }));
  await page.keyboard.press("ArrowUp");
  await expect(page.getByLabel("Pickup at the restaurant")).toBeChecked();
  await tabTo(page, page.getByRole("button", { name: /Place order/ }));
  await page.screenshot({ path: testInfo.outputPath("phone-checkout.png"), fullPage: true });
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { name: /^Status:/ })).toHaveText("Status: Confirmed", { timeout: 30_000 });
  await noSidewaysScroll(page);
  await page.screenshot({ path: testInfo.outputPath("phone-order.png"), fullPage: true });
});
