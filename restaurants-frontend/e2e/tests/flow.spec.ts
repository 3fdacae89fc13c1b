import { expect, test, type Locator, type Page } from "@playwright/test";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// The order-flow page as an operator uses it: open /flow, send test orders from the page, watch the rates move,
// follow one order's trail. Its two screenshots are the README's, kept in docs/images.

const IMAGES = resolve(dirname(fileURLToPath(import.meta.url)), "../../../docs/images");

/** "12.3/s" → 12.3; "–" (no rate yet) → 0. */
async function rateIn(cell: Locator): Promise<number> {
  const value = Number.parseFloat((await cell.textContent()) ?? "");
  return Number.isNaN(value) ? 0 : value;
}

/** The rate of the first flow into the topic `order`, from the Flows table beside the diagram. */
function orderTopicRate(page: Page): Promise<number> {
  const row = page
    .getByRole("table", { name: "Flows" })
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: "order", exact: true }) })
    .first();
  return rateIn(row.getByRole("cell").last());
}

/** The orders/s of the transactions stage, from the Stages table. */
function transactionsRate(page: Page): Promise<number> {
  const row = page
    .getByRole("table", { name: "Stages" })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: "transactions", exact: true }) });
  return rateIn(row.getByRole("cell").nth(1));
}

test("open the order flow, send test orders, see the rates move and follow one order through the system", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Order flow" }).click();
  await expect(page).toHaveURL(/\/flow$/);
  await expect(page.getByRole("heading", { name: "Order flow", level: 1 })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Order flow: \d+ nodes/ })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /^Live/ })).toBeVisible();

  await page.getByLabel(/^Orders \(1 to \d+\)$/).fill("60");
  await page.getByRole("spinbutton", { name: /^Orders per second/ }).fill("10");
  await page.getByLabel("Declined cards (%)").fill("20");
  await page.getByRole("button", { name: "Send test orders" }).click();
  await expect(page.getByRole("heading", { name: /^Test run: (Running|Done)$/ })).toBeVisible();

  await expect.poll(() => orderTopicRate(page), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(() => transactionsRate(page), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(page.getByText(/^Sent \d+ of 60$/)).toBeVisible();
  await page.screenshot({ path: resolve(IMAGES, "flow-under-load.png"), fullPage: true });

  const orders = page.getByRole("list", { name: "Latest orders of the run" });
  const first = orders.getByRole("button").first();
  const orderId = (await first.textContent()) ?? "";
  expect(orderId).not.toBe("");
  await first.click();

  await expect(page).toHaveURL(new RegExp(`/flow\\?order=${orderId}$`));
  const trail = page.getByRole("region", { name: "Order trail" });
  const terminal = trail
    .getByRole("heading", { name: `Order ${orderId}: CONFIRMED` })
    .or(trail.getByRole("heading", { name: `Order ${orderId}: DECLINED` }));
  await expect(terminal).toBeVisible({ timeout: 30_000 });
  const steps = trail.getByRole("table", { name: `Steps of order ${orderId}, oldest first` });
  await expect(steps.getByRole("row").nth(1).getByRole("cell").nth(1)).toHaveText("RECEIVED");
  await expect(trail.locator(".trace-line code")).toHaveText(/^[0-9a-f]{32}$/);
  // One trace per order: every step carries the order's trace id. A confirmed order has three steps (intake's
  // RECEIVED, transactions' PAID, email's CONFIRMED), a declined one two (RECEIVED, transactions' DECLINED).
  const confirmed = await trail.getByRole("heading", { name: `Order ${orderId}: CONFIRMED` }).isVisible();
  const traceId = await trail.locator(".trace-line code").textContent();
  const stepTraces = await steps.getByRole("row").locator("td:last-child").allTextContents();
  expect(stepTraces.length).toBe(confirmed ? 3 : 2);
  expect(new Set(stepTraces.map((t) => t.trim()))).toEqual(new Set([traceId]));
  await trail.screenshot({ path: resolve(IMAGES, "flow-order-trail.png") });

  await expect(page.getByRole("heading", { name: "Test run: Done" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Sent 60 of 60")).toBeVisible();
});
