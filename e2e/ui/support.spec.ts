import { expect, test } from "@playwright/test";
import { signIn } from "../fixtures/auth";
import { expectAccessible } from "../fixtures/axe";
import { BOB, CAROL } from "../fixtures/config";

// Journey 4 of issue 8, on a desktop and on a phone: each runs its steps in order on its own ticket.
for (const [device, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  test.describe(`support conversation (${device})`, () => {
    test.describe.configure({ mode: "serial" });
    test.use({ viewport });

    const SUBJECT = `Domain setup for the blog ${device} ${Date.now()}`;
    let ticketPath = "";

    test("bob opens a ticket", async ({ page }) => {
      await signIn(page, BOB);
      await page.goto("/teams/hobby/support");
      await page.getByRole("button", { name: "New ticket" }).click();
      const form = page.getByTestId("new-ticket-form");
      await form.getByLabel("Subject").fill(SUBJECT);
      await form.getByLabel("Description").fill("How do I point my own domain at the blog?");
      await form.getByLabel("Category").selectOption("technical");
      await form.getByRole("button", { name: "Open ticket" }).click();
      await expect(page).toHaveURL(/\/teams\/hobby\/support\/tkt_/);
      ticketPath = new URL(page.url()).pathname;
      await expect(page.getByRole("heading", { name: SUBJECT })).toBeVisible();
      await expect(page.getByTestId("ticket-view")).toHaveAttribute("data-status", "open");
    });

    test("carol finds it in the console, adds an internal note and a reply", async ({ page }) => {
      await signIn(page, CAROL);
      await page.getByTestId("support-console-link").click();
      await expect(page).toHaveURL(/\/support/);
      await page.getByLabel("Search", { exact: true }).fill("blog domain");
      await page.getByLabel("Search", { exact: true }).press("Enter");
      const row = page.getByTestId("queue-table").locator("tr[data-ticket]").filter({ hasText: SUBJECT });
      await expect(row).toHaveCount(1);
      await expect(row.getByTestId("sla")).toHaveAttribute("data-state", "pending");
      await row.getByRole("link", { name: SUBJECT }).click();
      await expect(page).toHaveURL(/\/support\/tickets\/tkt_/);

      await page.getByLabel("Reply").fill("Reseller? Check the account before answering.");
      await page.getByLabel("Internal note (staff only)").check();
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await expect(page.locator('li[data-internal="true"]')).toContainText("Reseller? Check the account");
      await expect(page.getByTestId("ticket-view")).toHaveAttribute("data-status", "open");

      await page.getByLabel("Reply").fill("Add a CNAME record pointing to blog.servelink.app, then tell us.");
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await expect(page.locator('li[data-author="support"][data-internal="false"]')).toContainText("CNAME");
      await expect(page.getByTestId("ticket-view")).toHaveAttribute("data-status", "in_progress");
      await expectAccessible(page);
      await page.screenshot({ path: `e2e/artifacts/journey-4-${device}-console.png`, fullPage: true });
    });

    test("bob sees the reply, not the note, and the status In progress; his reply makes it Waiting", async ({ page }) => {
      await signIn(page, BOB);
      const response = await page.goto(ticketPath);
      expect(response?.status()).toBe(200);
      await expect(page.locator('li[data-author="support"]')).toContainText("CNAME");
      expect(await page.content()).not.toContain("Reseller?");
      await expect(page.getByTestId("ticket-view").getByTestId("ticket-status").first()).toHaveText("In progress");
      await page.getByLabel("Reply").fill("Done, the CNAME is in place.");
      await page.getByRole("button", { name: "Send reply" }).click();
      await expect(page.getByTestId("ticket-view")).toHaveAttribute("data-status", "waiting");
      await expectAccessible(page);
    });

    test("carol resolves it; a non-staff user gets not-found on the console", async ({ page }) => {
      await signIn(page, CAROL);
      await page.goto("/support");
      await page.getByTestId("queue-table").locator("tr[data-ticket]").filter({ hasText: SUBJECT }).getByRole("link", { name: SUBJECT }).click();
      await expect(page).toHaveURL(/\/support\/tickets\/tkt_/);
      await expect(page.getByRole("heading", { name: SUBJECT })).toBeVisible();
      await page.getByLabel("Status", { exact: true }).selectOption("resolved");
      await page.getByRole("button", { name: "Update status" }).click();
      await expect(page.getByTestId("ticket-view")).toHaveAttribute("data-status", "resolved");

      await page.context().clearCookies();
      await signIn(page, BOB);
      const res = await page.goto("/support");
      expect(res?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    });
  });
}
