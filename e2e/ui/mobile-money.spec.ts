import { expect, test, type Page } from "@playwright/test";
import { signUpOwner } from "../fixtures/auth";
import { expectAccessible } from "../fixtures/axe";
import { E2E } from "../fixtures/config";
import { HOSTED_PAGE_NUMBER, fillPayer, openHostedPage, operatorField, phoneField, sandboxButton, setBillingProfile, spaced } from "../fixtures/mobile-money";

// Spec 14.1–14.3 in the browser: a payer in Abidjan, on a phone, in French, whose team bills in
// francs CFA and pays with Mobile Money through the sandbox; the pending screen (instructions, the
// countdown, what to do without a prompt) and a payment's end, completed or failed with a retry.
// The sandbox's approval window is E2E.serverEnv.SANDBOX_APPROVAL_WINDOW_S seconds here.
const PHONE = { width: 375, height: 740 };
const WINDOW_S = Number(E2E.serverEnv.SANDBOX_APPROVAL_WINDOW_S);

/** The time a countdown shows, in seconds ("09:41" → 581). */
async function secondsShown(page: Page): Promise<number> {
  const time = page.getByTestId("payment-countdown-time");
  // "––:––" until the page has read the console's clock in the browser.
  await expect(time).toHaveText(/^\d{2}:\d{2}$/);
  const text = (await time.textContent()) ?? "";
  const match = /^(\d{2}):(\d{2})$/.exec(text.trim());
  expect(match, `countdown "${text}"`).not.toBeNull();
  return Number(match![1]) * 60 + Number(match![2]);
}

/** Switches the console to French with the header's language picker, as a person does. */
async function switchToFrench(page: Page) {
  await page.getByRole("combobox", { name: /Language/ }).selectOption("fr");
  await expect(page.getByRole("combobox", { name: /Langue/ })).toHaveValue("fr");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
}

test.describe("Mobile Money in francs CFA, on a phone, in French", () => {
  test.use({ viewport: PHONE });

  test("a payer in Abidjan sets the team to Côte d’Ivoire in XOF, pays Pro 1 970 F CFA with Orange Money, follows the request and ends on Pro", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const slug = await signUpOwner(page, { name: "Awa Abidjan", stamp: `${Date.now().toString(36)}mm1` });
    await switchToFrench(page);

    // Settings: the billing profile, country and currency (the currency follows a franc country).
    await page.goto(`/teams/${slug}/settings`);
    const profile = page.getByTestId("billing-profile");
    await expect(profile.getByRole("heading", { name: "Profil de facturation" })).toBeVisible();
    await profile.getByLabel("Pays").selectOption("CI");
    await expect(profile.getByLabel("Pays").locator("option:checked")).toHaveText("Côte d’Ivoire");
    await expect(profile.getByLabel("Devise")).toHaveValue("XOF");
    await expect(profile.getByLabel("Devise").locator("option")).toHaveText(["XOF · franc CFA (BCEAO)", "EUR · euro"]);
    await expectAccessible(page);
    await profile.getByRole("button", { name: "Enregistrer" }).click();
    await expect(page.getByText("Profil de facturation enregistré : Côte d’Ivoire, XOF.")).toBeVisible();
    await page.screenshot({ path: "e2e/artifacts/mobile-money-settings-fr-375.png", fullPage: true });

    // The Overview's upgrade price is in francs.
    await page.goto(`/teams/${slug}`);
    await expect.poll(async () => spaced(await page.getByTestId("upgrade-button").locator("xpath=..").textContent())).toContain("1 970 F CFA pour 30 jours");

    // Billing: the price in francs, Mobile Money asks for the number and the operator.
    await page.goto(`/teams/${slug}/billing`);
    const upgrade = page.getByTestId("upgrade-card");
    const pay = upgrade.getByRole("button", { name: /^Payer 1\s970\sF\sCFA$/ });
    await expect(pay).toBeVisible();
    expect(spaced(await pay.textContent())).toBe("Payer 1 970 F CFA");
    await expect(phoneField(upgrade)).toHaveAttribute("inputmode", "tel");
    await expect(phoneField(upgrade)).toHaveAttribute("autocomplete", "tel");
    await expect(operatorField(upgrade).locator("option:not([disabled])")).toHaveText(["Orange Money", "MTN MoMo", "Moov Money", "Wave"]);

    // Nothing typed: the form says what is missing, next to the field, before anything is sent.
    await pay.click();
    await expect(upgrade.getByTestId("payer-phone-error")).toHaveText("Saisissez le numéro Mobile Money qui paie.");
    await expect(phoneField(upgrade)).toBeFocused();
    await expect(page).toHaveURL(new RegExp(`/teams/${slug}/billing$`));

    // The prefix picks the operator as the payer types: 05 is MTN, 07 is Orange.
    await phoneField(upgrade).fill("05 05 12 34 56");
    await expect(operatorField(upgrade)).toHaveValue("mtn_momo");
    await phoneField(upgrade).fill("07 07 12 34 56");
    await expect(operatorField(upgrade)).toHaveValue("orange_money");
    await expect(upgrade.getByTestId("payer-operator-hint")).toContainText("Orange Money, d’après le préfixe du numéro.");
    await upgrade.screenshot({ path: "e2e/artifacts/mobile-money-pay-form-fr-375.png" });
    await expect(upgrade.getByTestId("payer-phone-error")).toHaveCount(0);

    // A refusal of the server that names payer_phone shows beside the number (the number is altered on its way).
    await page.route("**/api/trpc/payments.initiate**", async (route) => {
      const body = JSON.parse(route.request().postData() ?? "{}");
      body["0"].json.payer_phone = "+225 12";
      await route.continue({ postData: JSON.stringify(body) });
    });
    await pay.click();
    await expect(upgrade.getByTestId("payer-phone-error")).toContainText("+225 12");
    await expect(upgrade.getByTestId("payment-start-error")).toHaveCount(0);
    await page.unroute("**/api/trpc/payments.initiate**");

    // The payment starts and the console follows it: instructions, the countdown, what to do without a prompt.
    await phoneField(upgrade).fill("07 07 12 34 56");
    await pay.click();
    await expect(page).toHaveURL(new RegExp(`/teams/${slug}/billing\\?payment=pay_`));
    const pending = page.getByTestId("payment-pending");
    await expect(pending).toContainText("Paiement en cours");
    expect(spaced(await pending.textContent())).toContain("1 970 F CFA par Mobile Money");
    await expect(pending.getByTestId("payment-payer")).toContainText("Orange Money");
    await expect(pending.getByTestId("payment-instructions")).toContainText(/Validez|valid/i);
    const first = await secondsShown(page);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(WINDOW_S);
    await expect.poll(() => secondsShown(page), { timeout: 5_000 }).toBeLessThan(first);
    const noPrompt = pending.getByTestId("no-prompt");
    await expect(noPrompt.getByRole("heading", { name: "Aucune demande sur votre téléphone ?" })).toBeVisible();
    for (const name of ["Renvoyer la demande", "Payer avec un autre opérateur", "Payer par carte"]) {
      await expect(noPrompt.getByRole("button", { name })).toBeVisible();
    }
    // Nothing spills out of a 375 px screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page);
    await page.screenshot({ path: "e2e/artifacts/mobile-money-pending-fr-375.png", fullPage: true });
    await pending.screenshot({ path: "e2e/artifacts/mobile-money-pending-card-fr-375.png" });

    // The sandbox's hosted page (this number waits for Pay there), then back on Billing: Pro.
    await openHostedPage(page);
    await expect(page.getByTestId("sandbox-amount")).toContainText(/1[\s\u00a0\u202f,]970/);
    await sandboxButton(page, "pay").click();
    await expect(page).toHaveURL(new RegExp(`/teams/${slug}/billing\\?payment=pay_`));
    const result = page.getByTestId("payment-result");
    await expect(result).toHaveAttribute("data-status", "completed");
    await expect(result).toContainText("Paiement reçu : votre équipe est en Pro");
    await expect(page.getByTestId("plan-card")).toHaveAttribute("data-plan", "pay_as_you_go");
    const paid = page.getByTestId("payment-history").locator('tr[data-status="completed"]');
    await expect(paid).toHaveCount(1);
    expect(spaced(await paid.textContent())).toContain("1 970 F CFA");
    await page.screenshot({ path: "e2e/artifacts/mobile-money-completed-fr-375.png", fullPage: true });

    // Extending Pro: the number and the operator paid with are remembered.
    await expect(phoneField(page.getByTestId("upgrade-card"))).toHaveValue("07 07 12 3456");
    await expect(operatorField(page.getByTestId("upgrade-card"))).toHaveValue("orange_money");
  });

  test("a request never approved (number ending 0003) expires at its deadline, says so in French, and is retried", async ({ page }) => {
    test.setTimeout(60_000 + WINDOW_S * 2_000);
    const slug = await signUpOwner(page, { name: "Koffi Retard", stamp: `${Date.now().toString(36)}mm2` });
    await setBillingProfile(page, slug, { country: "CI", currency: "XOF" });
    await switchToFrench(page);
    await page.goto(`/teams/${slug}/billing`);
    const upgrade = page.getByTestId("upgrade-card");
    await fillPayer(upgrade, "07 07 12 0003");
    await upgrade.getByRole("button", { name: /^Payer 1\s970\sF\sCFA$/ }).click();
    const pending = page.getByTestId("payment-pending");
    await expect(pending).toBeVisible();
    const firstPayment = await pending.getAttribute("data-payment");
    expect(await secondsShown(page)).toBeLessThanOrEqual(WINDOW_S);

    // The polling reads the status past the deadline, which ends the payment: failed, "expired".
    const result = page.getByTestId("payment-result");
    await expect(result).toHaveAttribute("data-status", "failed", { timeout: (WINDOW_S + 30) * 1000 });
    await expect(result).toHaveAttribute("data-reason", "expired");
    await expect(result.getByTestId("payment-reason")).toHaveText(/^Le délai de validation est dépassé/);
    await expect(page.getByTestId("plan-card")).toHaveAttribute("data-plan", "free");
    await expectAccessible(page);
    await result.screenshot({ path: "e2e/artifacts/mobile-money-expired-fr-375.png" });

    // Retry: a new request to the same number, followed here.
    await result.getByRole("button", { name: "Réessayer" }).click();
    await expect(pending).toBeVisible();
    await expect(pending).not.toHaveAttribute("data-payment", firstPayment!);
    await expect(pending.getByTestId("payment-payer")).toContainText("0003");
  });
});

test("no prompt on the phone: send it again replaces the request, another operator sends a new one, and both old ones end cancelled", async ({ page }) => {
  test.setTimeout(90_000);
  const slug = await signUpOwner(page, { name: "Moussa Moov", stamp: `${Date.now().toString(36)}mm3` });
  await setBillingProfile(page, slug, { country: "CI", currency: "XOF" });
  await page.goto(`/teams/${slug}/billing`);
  const upgrade = page.getByTestId("upgrade-card");
  await fillPayer(upgrade, HOSTED_PAGE_NUMBER);
  await expect(operatorField(upgrade)).toHaveValue("orange_money");
  await upgrade.getByRole("button", { name: /^Pay F\sCFA\s1,970$/ }).click();
  const pending = page.getByTestId("payment-pending");
  await expect(pending).toBeVisible();
  const first = (await pending.getAttribute("data-payment"))!;

  // Send it again: the first request is cancelled, a new one goes to the same number.
  await pending.getByRole("button", { name: "Send it again" }).click();
  await expect(pending).not.toHaveAttribute("data-payment", first);
  const second = (await pending.getAttribute("data-payment"))!;
  await expect(pending.getByTestId("payment-payer")).toContainText("07 07 12 3456 (Orange Money)");

  // Another operator: the number of an MTN account, its operator picked by its prefix.
  await pending.getByRole("button", { name: "Pay with another operator" }).click();
  const other = pending.getByTestId("other-payer-form");
  await fillPayer(other, "05 05 12 34 56");
  await expect(operatorField(other)).toHaveValue("mtn_momo");
  await other.getByRole("button", { name: "Send the request" }).click();
  await expect(pending).not.toHaveAttribute("data-payment", second);
  await expect(pending.getByTestId("payment-payer")).toContainText("MTN MoMo");

  const history = page.getByTestId("payment-history");
  await page.reload();
  await expect(history.locator(`tr[data-payment="${first}"]`)).toHaveAttribute("data-status", "cancelled");
  await expect(history.locator(`tr[data-payment="${second}"]`)).toHaveAttribute("data-status", "cancelled");
  await expect(history.locator('tr[data-status="pending"]')).toHaveCount(1);
});
