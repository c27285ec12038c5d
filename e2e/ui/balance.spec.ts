import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import postgres from "postgres";
import { formatDate } from "../../src/lib/format";
import { signUpOwner } from "../fixtures/auth";
import { expectAccessible } from "../fixtures/axe";
import { E2E, E2E_SANDBOX_API_KEY } from "../fixtures/config";
import { fillPayer, operatorField, phoneField, setBillingProfile, spaced } from "../fixtures/mobile-money";

// Spec 15 in the browser, on a phone: an owner whose team pays in francs CFA fills its prepaid
// balance with Mobile Money, pays Pro from it, switches on Pro's automatic renewal and sees it
// covered; the renewal job then renews Pro from the balance. With what is left short of the next
// renewal, the Overview warns and links to the top-up; past the due date Pro is past due, the
// banner says (in French) what to top up by when, and the top-up renews Pro as it completes.
const PHONE = { width: 390, height: 844 };
const DAY_MS = 86_400_000;
// A sandbox test number (docs/payment-backend.md): approved by itself 5 s after the request.
const APPROVED_NUMBER = "07 07 00 00 01";

const run = promisify(execFile);

/**
 * Moves this team's Pro period end, the one thing a browser cannot do: the renewal job renews what
 * falls due within 24 hours, and a Pro paid today ends in 30 days. Moving the job's clock instead
 * (SERVELINK_FAKE_NOW) would expire every other team of this run's shared database with it.
 */
async function setProPeriodEnd(slug: string, at: Date) {
  const sql = postgres(E2E.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`
      update team_subscription set current_period_end = ${at}, updated_at = now()
      where team_id = (select id from team where slug = ${slug}) and plan_id = 'pay_as_you_go'
      returning team_id`;
    expect(rows).toHaveLength(1);
  } finally {
    await sql.end();
  }
}

/** The daily `expire-resources` job, now, as `npm run job -- expire-resources` runs it against this run's database. */
async function runRenewalJob() {
  const { stdout } = await run("npx", ["tsx", "scripts/job.ts", "expire-resources"], {
    env: { ...process.env, DATABASE_URL: E2E.databaseUrl, BASE_URL: E2E.baseURL, PAYMENT_SANDBOX_API_KEY: E2E_SANDBOX_API_KEY },
  });
  expect(stdout).toContain("expire-resources finished");
  return stdout;
}

/** Switches the console's language with the header's picker, as a person does. */
async function switchLanguage(page: Page, to: "fr" | "en") {
  await page.getByRole("combobox", { name: /Language|Langue/ }).selectOption(to);
  await expect(page.locator("html")).toHaveAttribute("lang", to);
}

/** A Mobile Money payment started on Billing, followed there until the sandbox approves it. */
async function expectCompleted(page: Page, slug: string) {
  await expect(page).toHaveURL(new RegExp(`/teams/${slug}/billing\\?payment=pay_`));
  await expect(page.getByTestId("payment-result")).toHaveAttribute("data-status", "completed", { timeout: 30_000 });
}

test.describe("the prepaid balance, on a phone", () => {
  test.use({ viewport: PHONE });

  test("an owner in XOF tops up 5 000 F CFA with Mobile Money, pays Pro from the balance, turns on its renewal, and the job renews Pro from the balance", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const slug = await signUpOwner(page, { name: "Aya Solde", stamp: `${Date.now().toString(36)}bal` });
    await setBillingProfile(page, slug, { country: "CI", currency: "XOF" });
    await page.goto(`/teams/${slug}/billing`);

    // An empty balance: nothing to renew yet, and Pro cannot be paid from it (the shortfall says why).
    const balance = page.getByTestId("balance-card");
    await expect(balance.getByTestId("balance-amount")).toHaveText(/^F\sCFA\s0$/);
    await expect(page.getByTestId("renewals-card")).toContainText("Nothing to renew");
    await expect(page.getByTestId("balance-ledger")).toHaveCount(0);
    const upgrade = page.getByTestId("upgrade-card");
    const fromBalance = upgrade.getByRole("radio", { name: "Pay from balance" });
    await expect(fromBalance).toBeDisabled();
    expect(spaced(await upgrade.getByTestId("balance-method-hint").textContent())).toContain("F CFA 1,970 short");

    // The top-up: the smallest amount prefilled, the bounds said, and only the rails to pay with.
    await balance.getByRole("button", { name: "Top up" }).click();
    const dialog = page.getByRole("dialog", { name: "Top up the balance" });
    const amount = dialog.getByLabel("Amount (XOF)");
    await expect(amount).toHaveValue("1970");
    expect(spaced(await dialog.textContent())).toContain("From F CFA 1,970 to F CFA 197,000, in steps of F CFA 5.");
    await expect(dialog.getByRole("radio")).toHaveCount(2);
    await amount.fill("5002");
    await dialog.getByRole("button", { name: /^Top up/ }).click();
    await expect(dialog.getByTestId("top-up-amount-error")).toHaveText(/multiple of F\sCFA\s5/);
    await expect(amount).toBeFocused();
    await amount.fill("5000");
    await fillPayer(dialog, APPROVED_NUMBER);
    await expect(operatorField(dialog)).toHaveValue("orange_money");
    await expectAccessible(page);
    await page.screenshot({ path: "e2e/artifacts/balance-top-up-390.png" });
    await dialog.getByRole("button", { name: /^Top up F\sCFA\s5,000$/ }).click();

    // Followed like any Mobile Money payment, until the sandbox approves it: the balance holds 5 000.
    await expect(page.getByTestId("payment-pending")).toBeVisible();
    await expectCompleted(page, slug);
    expect(spaced(await page.getByTestId("payment-result").textContent())).toContain("Payment received: F CFA 5,000 added to the balance.");
    await expect(balance.getByTestId("balance-amount")).toHaveText(/^F\sCFA\s5,000$/);
    const ledger = page.getByTestId("balance-ledger");
    await expect(ledger.locator("tr[data-kind]")).toHaveCount(1);
    expect(spaced(await ledger.locator('tr[data-kind="top_up"]').textContent())).toContain("+F CFA 5,000");

    // Pro from the balance, at once: no request to approve.
    await expect(fromBalance).toBeEnabled();
    expect(spaced(await upgrade.getByTestId("balance-method-hint").textContent())).toContain("F CFA 3,030 left after this payment");
    await fromBalance.check();
    await expect(phoneField(upgrade)).toHaveCount(0);
    await upgrade.getByRole("button", { name: /^Pay F\sCFA\s1,970 from balance$/ }).click();
    await expectCompleted(page, slug);
    await expect(page.getByTestId("plan-card")).toHaveAttribute("data-plan", "pay_as_you_go");
    await expect(balance.getByTestId("balance-amount")).toHaveText(/^F\sCFA\s3,030$/);
    await expect(ledger.locator("tr[data-kind]")).toHaveCount(2);
    await expect(ledger.locator("tr[data-kind]").first()).toHaveAttribute("data-kind", "renewal");
    await expect(page.getByTestId("payment-history").locator('tr[data-provider="balance"][data-status="completed"]')).toHaveCount(1);

    // Pro's automatic renewal: off until switched on, then covered by what is left.
    const pro = page.getByTestId("renewals").locator('li[data-item="pro"]');
    const proSwitch = pro.getByRole("switch", { name: "Renew from balance Pro" });
    await expect(proSwitch).toHaveAttribute("aria-checked", "false");
    await expect(pro.getByTestId("renewal-coverage")).toHaveAttribute("data-coverage", "manual");
    await proSwitch.click();
    await expect(proSwitch).toHaveAttribute("aria-checked", "true");
    await expect(pro.getByTestId("renewal-coverage")).toHaveAttribute("data-coverage", "covered");
    await expect(pro.getByTestId("renewal-coverage")).toHaveText("Covered by the balance");
    await expect(page.getByTestId("renewal-footer")).toContainText("Pro renews from the balance");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page);
    await page.screenshot({ path: "e2e/artifacts/balance-billing-390.png", fullPage: true });

    // Pro falls due within the day; the job renews it from the balance, from the old end.
    const dueAt = new Date(Date.now() + 12 * 3_600_000);
    await setProPeriodEnd(slug, dueAt);
    // Other teams of this run's database may be renewed too: the count is not this team's alone.
    expect(await runRenewalJob()).toMatch(/"renewed":[1-9]/);
    await page.goto(`/teams/${slug}/billing`);
    const renewedEnd = new Date(dueAt.getTime() + 30 * DAY_MS);
    await expect(page.getByTestId("plan-period")).toContainText(`Pro until ${formatDate(renewedEnd, "en")}`);
    await expect(balance.getByTestId("balance-amount")).toHaveText(/^F\sCFA\s1,060$/);
    const newest = ledger.locator("tr[data-kind]").first();
    await expect(newest).toHaveAttribute("data-kind", "renewal");
    await expect(newest).toHaveAttribute("data-amount", "-1970");
    expect(spaced(await newest.textContent())).toContain("\u2212F CFA 1,970");
    await expect(ledger.locator("tr[data-kind]")).toHaveCount(3);

    // What is left does not cover the next one: the renewal says by how much, the Overview warns.
    await expect(pro.getByTestId("renewal-coverage")).toHaveAttribute("data-coverage", "short");
    expect(spaced(await pro.getByTestId("renewal-coverage").textContent())).toBe("Not covered: F CFA 910 short");
    await page.goto(`/teams/${slug}`);
    const warning = page.getByTestId("low-balance-warning");
    expect(spaced(await warning.textContent())).toContain(`The balance (F CFA 1,060) will not cover the renewal of Pro on ${formatDate(renewedEnd, "en")}`);
    const topUpLink = warning.getByRole("link", { name: /^Top up F\sCFA\s1,970$/ });
    await expect(topUpLink).toHaveAttribute("href", `/teams/${slug}/billing?top_up=1970`);
    await expectAccessible(page);

    // The link opens the top-up with its amount and the number paid with last.
    await topUpLink.click();
    const again = page.getByRole("dialog", { name: "Top up the balance" });
    await expect(again.getByLabel("Amount (XOF)")).toHaveValue("1970");
    await expect(phoneField(again)).toHaveValue(/0001$/);
    await again.getByRole("button", { name: "Cancel" }).click();
    await expect(page).toHaveURL(new RegExp(`/teams/${slug}/billing$`));
  });

  test("past its date and not covered, Pro is past due: the banner says in French what to top up by when, and the top-up renews Pro", async ({ page }) => {
    test.setTimeout(180_000);
    const slug = await signUpOwner(page, { name: "Kouame Retard", stamp: `${Date.now().toString(36)}pd` });
    await setBillingProfile(page, slug, { country: "CI", currency: "XOF" });
    await switchLanguage(page, "fr");
    await page.goto(`/teams/${slug}/billing`);

    // 2 500 F CFA: Pro from the balance (1 970), its renewal switched on, 530 left: short by 1 440.
    await page.getByTestId("balance-card").getByRole("button", { name: "Recharger" }).click();
    const dialog = page.getByRole("dialog", { name: "Recharger le solde" });
    await dialog.getByLabel("Montant (XOF)").fill("2500");
    await fillPayer(dialog, APPROVED_NUMBER);
    await dialog.getByRole("button", { name: /^Recharger 2\s500\sF\sCFA$/ }).click();
    await expectCompleted(page, slug);
    await page.getByTestId("upgrade-card").getByRole("radio", { name: "Payer avec le solde" }).check();
    await page
      .getByTestId("upgrade-card")
      .getByRole("button", { name: /^Payer 1\s970\sF\sCFA avec le solde$/ })
      .click();
    await expectCompleted(page, slug);
    const pro = page.getByTestId("renewals").locator('li[data-item="pro"]');
    await pro.getByRole("switch", { name: "Renouveler avec le solde Pro" }).click();
    await expect(pro.getByTestId("renewal-coverage")).toHaveAttribute("data-coverage", "short");
    expect(spaced(await pro.getByTestId("renewal-coverage").textContent())).toBe("Non couvert : il manque 1 440 F CFA");

    // Its date passed an hour ago, the job ran: past due, 3 days of grace.
    const dueAt = new Date(Date.now() - 3_600_000);
    await setProPeriodEnd(slug, dueAt);
    expect(await runRenewalJob()).toMatch(/"pastDue":[1-9]/);
    await page.goto(`/teams/${slug}/billing`);
    const banner = page.getByTestId("past-due-banner");
    const graceEnd = formatDate(new Date(dueAt.getTime() + 3 * DAY_MS), "fr");
    expect(spaced(await banner.textContent())).toContain(`Pro n’a pas pu être renouvelé : rechargez 1 970 F CFA avant le ${spaced(graceEnd)} pour le garder.`);
    await expect(pro.getByTestId("renewal-coverage")).toHaveAttribute("data-coverage", "past_due");
    await expect(page.getByTestId("plan-card")).toHaveAttribute("data-plan", "pay_as_you_go");
    await expectAccessible(page);
    await page.screenshot({ path: "e2e/artifacts/balance-past-due-fr-390.png", fullPage: true });

    // The banner's top-up: its amount prefilled; once paid, Pro is renewed in the same stroke.
    await banner.getByRole("link", { name: /^Recharger 1\s970\sF\sCFA$/ }).click();
    const again = page.getByRole("dialog", { name: "Recharger le solde" });
    await expect(again.getByLabel("Montant (XOF)")).toHaveValue("1970");
    await expect(phoneField(again)).toHaveValue(/0001$/);
    await again.getByRole("button", { name: /^Recharger 1\s970\sF\sCFA$/ }).click();
    await expectCompleted(page, slug);
    await expect(banner).toHaveCount(0);
    await expect(page.getByTestId("plan-period")).toContainText(`Pro jusqu’au ${formatDate(new Date(dueAt.getTime() + 30 * DAY_MS), "fr")}`);
    const kinds = await page
      .getByTestId("balance-ledger")
      .locator("tr[data-kind]")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-kind")));
    expect(kinds).toEqual(["renewal", "top_up", "renewal", "top_up"]);
    await expect(page.getByTestId("balance-card").getByTestId("balance-amount")).toHaveText(/^530\sF\sCFA$/);
  });
});
