import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { formatDate } from "../../src/lib/format";
import { signIn, signUpOwner } from "../fixtures/auth";
import { expectAccessible } from "../fixtures/axe";
import { DAVE } from "../fixtures/config";
import { fillPayer, operatorField, spaced } from "../fixtures/mobile-money";

// Spec 16 in the browser, on a 390 px phone, in French: an owner fills the team's legal details in
// Settings, pays Pro with Mobile Money (the sandbox approves the number ending 0001 by itself), and
// the receipt appears in Billing's Documents; its PDF, downloaded as a person does, names the
// buyer and the amount in French. The team is this test's own.
const PHONE = { width: 390, height: 844 };
// A sandbox test number (docs/payment-backend.md): approved by itself 5 s after the request.
const APPROVED_NUMBER = "07 07 00 00 01";
const LEGAL = {
  name: "Kora Services SARL",
  address: "Rue des Jardins, lot 12\nCocody, Abidjan",
  taxId: "CI-ABJ-2024-B-12345",
  email: "compta@kora.example",
};

async function switchToFrench(page: Page) {
  await page.getByRole("combobox", { name: /Language|Langue/ }).selectOption("fr");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
}

async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

test.describe("receipts, on a phone, in French", () => {
  test.use({ viewport: PHONE });

  test("an owner fills the legal details, pays Pro by Mobile Money, and downloads the receipt, whose PDF names the buyer and 1 970 F CFA", async ({
    page,
  }, testInfo) => {
    test.setTimeout(150_000);
    const slug = await signUpOwner(page, { name: "Aminata Recu", stamp: `${Date.now().toString(36)}doc` });
    await switchToFrench(page);
    await page.goto(`/teams/${slug}/settings`);

    // A team without a country issues its documents in English until it chooses.
    const legal = page.getByTestId("billing-legal");
    await expect(legal.getByRole("heading", { name: "Informations légales des documents" })).toBeVisible();
    const language = legal.getByLabel("Langue des documents");
    await expect(language).toHaveValue("en");
    await expect(legal.getByTestId("billing-legal-language-hint")).toHaveText("Déduite du pays de l’équipe tant que vous n’en choisissez pas une.");
    const save = legal.getByRole("button", { name: "Enregistrer les informations légales" });
    await expect(save).toBeDisabled();

    await legal.getByLabel("Raison sociale ou nom").fill(LEGAL.name);
    await legal.getByLabel("Adresse").fill(LEGAL.address);
    const taxId = legal.getByLabel("Identifiant fiscal");
    await taxId.fill(LEGAL.taxId);
    await expect(taxId).toHaveAccessibleDescription("TVA, NINEA, RCCM, NIU…");
    await language.selectOption("fr");

    // A malformed e-mail is said beside its field, in French, before anything is sent.
    const email = legal.getByLabel("E-mail de facturation");
    await email.fill("compta@");
    await save.click();
    await expect(legal.getByTestId("billing-legal-billing_email-error")).toHaveText("Saisissez une adresse e-mail, par exemple compta@exemple.com.");
    await expect(email).toBeFocused();
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: "e2e/artifacts/documents-legal-error-fr-390.png", fullPage: true });
    await email.fill(LEGAL.email);
    await expect(legal.getByTestId("billing-legal-billing_email-error")).toHaveCount(0);
    await save.click();
    await expect(page.getByText("Informations légales enregistrées.")).toBeVisible();
    await expect(legal.getByTestId("billing-legal-language-hint")).toHaveText("Les reçus et relevés sont émis dans cette langue.");
    await expect(save).toBeDisabled();

    // The country and currency, in the card above: Côte d'Ivoire in francs CFA. The legal details stay.
    const profile = page.getByTestId("billing-profile");
    await profile.getByLabel("Pays").selectOption("CI");
    await expect(profile.getByLabel("Devise")).toHaveValue("XOF");
    await profile.getByRole("button", { name: "Enregistrer" }).click();
    await expect(page.getByText("Profil de facturation enregistré : Côte d’Ivoire, XOF.")).toBeVisible();
    await page.reload();
    await expect(legal.getByLabel("Raison sociale ou nom")).toHaveValue(LEGAL.name);
    await expect(legal.getByLabel("Adresse")).toHaveValue(LEGAL.address);
    await expect(legal.getByLabel("Langue des documents")).toHaveValue("fr");

    // Billing: no document yet.
    await page.goto(`/teams/${slug}/billing`);
    const documents = page.getByTestId("documents-card");
    await expect(documents.getByRole("heading", { name: "Documents" })).toBeVisible();
    await expect(documents.getByTestId("documents-empty")).toHaveText(/Aucun document pour l’instant/);

    // Pro by Mobile Money, approved by the sandbox by itself; the receipt is listed as the payment completes.
    const upgrade = page.getByTestId("upgrade-card");
    const paidFrom = new Date();
    await fillPayer(upgrade, APPROVED_NUMBER);
    await expect(operatorField(upgrade)).toHaveValue("orange_money");
    await upgrade.getByRole("button", { name: /^Payer 1\s970\sF\sCFA$/ }).click();
    await expect(page).toHaveURL(new RegExp(`/teams/${slug}/billing\\?payment=pay_`));
    await expect(page.getByTestId("payment-result")).toHaveAttribute("data-status", "completed", { timeout: 30_000 });
    const rows = documents.locator("tr[data-number]");
    await expect(rows).toHaveCount(1);
    const receipt = rows.first();
    await expect(receipt).toHaveAttribute("data-kind", "receipt");
    const number = (await receipt.getAttribute("data-number"))!;
    expect(number).toMatch(/^SL-\d{4}-\d{6}$/);
    await expect(receipt.getByTestId("document-kind")).toHaveText("Reçu");
    await expect(receipt.getByTestId("document-number")).toHaveText(number);
    expect(spaced(await receipt.getByTestId("document-amount").textContent())).toBe("1 970 F CFA");
    // Issued today (UTC): the day the payment started, or the next one if it completed past midnight.
    const issuedOn = await receipt.locator("time").textContent();
    expect([formatDate(paidFrom, "fr"), formatDate(new Date(), "fr")]).toContain(issuedOn);
    const link = receipt.getByRole("link", { name: `Télécharger ${number} PDF` });
    await expect(link).toHaveAttribute("href", `/api/billing/${slug}/documents/${number}.pdf`);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await documents.screenshot({ path: "e2e/artifacts/documents-billing-fr-390.png" });

    // Downloaded with the session cookie, as a person does; the PDF's text says what was paid, by whom.
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe(`${number}.pdf`);
    const file = testInfo.outputPath(`${number}.pdf`);
    await download.saveAs(file);
    const text = spaced(execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }));
    expect(text).toContain(number);
    expect(text).toContain("Reçu");
    expect(text).toContain(LEGAL.name);
    expect(text).toContain(LEGAL.taxId);
    expect(text).toContain("Cocody, Abidjan");
    expect(text).toContain("1 970 F CFA");

    // A page drawn after the payment lists it too (seeded by the server).
    await page.reload();
    await expect(documents.locator(`tr[data-number="${number}"]`)).toBeVisible();
  });
});

test("a member reads the legal details but cannot change them", async ({ page }) => {
  await signIn(page, DAVE);
  await page.goto("/teams/acme/settings");
  const legal = page.getByTestId("billing-legal");
  await expect(legal.getByTestId("billing-legal-members-note")).toBeVisible();
  await expect(legal.getByTestId("billing-legal-language")).toHaveText(/^(Français|English)$/);
  await expect(legal.locator("input, textarea, select, button[type=submit]")).toHaveCount(0);
});
