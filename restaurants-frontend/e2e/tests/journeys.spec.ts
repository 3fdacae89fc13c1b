import { expect, test, type Page, type APIRequestContext } from "@playwright/test";
import { randomUUID } from "node:crypto";

// One journey per user story, in plain words, through nginx → routes → Kafka → bank mock → MailDev.

const INBOX_API = "http://127.0.0.1:1080/api/email";

interface InboxMail {
  subject: string;
  text?: string;
  html?: string;
  to: { address: string }[];
}

async function mailsTo(request: APIRequestContext, address: string): Promise<InboxMail[]> {
  const answer = await request.get(INBOX_API);
  expect(answer.ok()).toBeTruthy();
  const mails = (await answer.json()) as InboxMail[];
  return mails.filter((mail) => mail.to.some((to) => to.address === address));
}

/** Search for Amore Mio (Italian, vegetarian, delivers), open it and put 2 Margherita + 1 Tiramisu in the cart. */
async function fillCartAtAmoreMio(page: Page) {
  await page.goto("/");
  await page.getByLabel("Restaurant name").fill("amore");
  await page.getByLabel("Cuisine").selectOption("Italian");
  await page.getByLabel("Vegetarian only").check();
  await page.getByLabel("Delivery only").check();
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "Amore Mio" }).click();

  await page.getByRole("button", { name: "Add Margherita" }).click();
  await page.getByRole("button", { name: "One more Margherita" }).click();
  await page.getByRole("button", { name: "Add Tiramisu" }).click();
  await expect(page.getByText("25.50").first()).toBeVisible();
  await page.getByRole("link", { name: "Go to checkout" }).click();
}

async function payWith(page: Page, email: string, card: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Card number").pressSequentially(card.replaceAll(" ", ""));
  await expect(page.getByLabel("Card number")).toHaveValue(card.replaceAll(" ", "").replace(/(\d{4})(?=\d)/g, "$1 "));
  await page.getByLabel("Expiry (MM/YY)").pressSequentially("1239");
  await expect(page.getByLabel("Expiry (MM/YY)")).toHaveValue("12/39");
  await page.getByLabel("Delivery address").fill("12 Harbour St");
  await page.getByRole("button", { name: /Place order/ }).click();
}

test("search, order, pay with the approving card, see the order confirmed and the mail in the inbox", async ({
  page,
  request,
}, testInfo) => {
  const email = `e2e-${randomUUID()}@example.com`;
  await fillCartAtAmoreMio(page);
  await page.screenshot({ path: testInfo.outputPath("checkout.png"), fullPage: true });

  await payWith(page, email, "4242 4242 4242 4242");

  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: /^Status:/ })).toHaveText("Status: Confirmed", { timeout: 30_000 });
  await expect(page.getByText(/4242/).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Open the mail inbox" })).toHaveAttribute(
    "href",
    "http://127.0.0.1:1080",
  );
  await page.screenshot({ path: testInfo.outputPath("order-confirmed.png"), fullPage: true });

  await expect.poll(async () => (await mailsTo(request, email)).length, { timeout: 30_000 }).toBe(1);
  const [mail] = await mailsTo(request, email);
  expect(mail.subject).toContain("Amore Mio");
  expect(mail.subject).toContain("confirmed");
  expect(mail.text).toContain("25.50");
  expect(mail.text).toContain("Margherita");
  expect(mail.text).not.toContain("4242424242424242");

  // A reload shows the current state and its history.
  await page.reload();
  await expect(page.getByRole("heading", { name: /^Status:/ })).toHaveText("Status: Confirmed");
});

test("pay with a declining card and see the order declined with the reason", async ({ page, request }, testInfo) => {
  const email = `e2e-${randomUUID()}@example.com`;
  await fillCartAtAmoreMio(page);

  await payWith(page, email, "4000 0000 0000 0002");

  await expect(page.getByRole("heading", { name: /^Status:/ })).toHaveText("Status: Declined", { timeout: 30_000 });
  await expect(page.getByText("The card was declined").first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("order-declined.png"), fullPage: true });
  await expect.poll(async () => (await mailsTo(request, email)).length, { timeout: 30_000 }).toBe(1);
});

test("the server's field error is shown next to its field", async ({ page }, testInfo) => {
  await fillCartAtAmoreMio(page);
  // The site checks cards as the server does; an out-of-date client would not. Send a card the server refuses.
  await page.route("**/api/orders", async (route) => {
    const body = JSON.parse(route.request().postData() ?? "{}");
    body.card.number = "4242 4242 4242 4241";
    await route.continue({ postData: JSON.stringify(body) });
  });

  await payWith(page, `e2e-${randomUUID()}@example.com`, "4242 4242 4242 4242");

  const cardNumber = page.getByLabel("Card number");
  await expect(cardNumber).toHaveAttribute("aria-invalid", "true");
  const describedBy = (await cardNumber.getAttribute("aria-describedby")) ?? "";
  const errorId = describedBy.split(" ").find((id) => id.endsWith("-error"));
  expect(errorId).toBeTruthy();
  await expect(page.locator(`[id="${errorId}"]`)).toContainText(/not a valid card number/i);
  await expect(page).toHaveURL(/\/checkout$/);
  await page.screenshot({ path: testInfo.outputPath("server-field-error.png"), fullPage: true });
});

test("the seed's search parameters are answered through /api/search", async ({ request }) => {
  const italian = await (await request.get("/api/search?restaurant_style=italian")).json();
  expect(italian.map((r: { name: string }) => r.name)).toEqual(["pizza Makpiza", "Amore Mio", "Cafe Italia"]);

  const china = await (await request.get("/api/search?restaurant_name=CHINA&delivery=true")).json();
  expect(china.map((r: { name: string }) => r.name)).toEqual(["China city"]);

  const vegetarian = await (await request.get("/api/search?vegetarian=true")).json();
  expect(vegetarian.length).toBeGreaterThan(0);
  expect(vegetarian.every((r: { vegetarian: boolean }) => r.vegetarian)).toBe(true);
  expect(Object.keys(vegetarian[0]).sort()).toEqual(["delivery", "id", "name", "recentOrders", "style", "vegetarian"]);
});
