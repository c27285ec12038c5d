import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/locales";
import { ratingPageText, staffActionMessage, type TStaffActionText } from "./ticket-text";

const until = new Date("2026-12-04T08:00:00Z");
const ACTIONS: TStaffActionText[] = [
  { action: "recheck_payment", amountMinor: 1970, currency: "XOF", paymentId: "pay_1", outcome: "applied", status: "completed" },
  { action: "recheck_payment", amountMinor: 300, currency: "EUR", paymentId: "pay_2", outcome: "late", status: "failed" },
  { action: "recheck_payment", amountMinor: 300, currency: "EUR", paymentId: "pay_3", outcome: "mismatch", status: "pending" },
  { action: "recheck_payment", amountMinor: 300, currency: "EUR", paymentId: "pay_4", outcome: "unchanged", status: "processing" },
  { action: "extend_pro", days: 1, started: false, until },
  { action: "lift_suspension", hours: 48, reactivated: 0, until },
  { action: "lift_suspension", hours: 48, reactivated: 3, until },
  { action: "grant_credit", amountMinor: 6559, currency: "XOF", reason: "Geste" },
];

const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

describe("the system messages of staff actions (spec 19)", () => {
  it("are written out in both languages, with their figures", () => {
    for (const locale of LOCALES) for (const a of ACTIONS) expect(staffActionMessage(a, locale)).not.toMatch(/[{}]|system\./);
    expect(plain(staffActionMessage(ACTIONS[0]!, "fr"))).toBe(
      "Le support Servelink a de nouveau interrogé le prestataire de paiement sur votre paiement de 1 970 F CFA (pay_1) : il est désormais réussi.",
    );
    expect(staffActionMessage(ACTIONS[1]!, "en")).toContain("it was confirmed after it had ended, so its money was credited to your balance");
    expect(staffActionMessage(ACTIONS[4]!, "en")).toBe(
      "Servelink support extended your team's Pro by 1 day, as a goodwill gesture: Pro now runs until Dec 4, 2026.",
    );
    expect(staffActionMessage(ACTIONS[4]!, "fr")).toContain("prolongé le Pro de votre équipe de 1 jour");
    expect(staffActionMessage(ACTIONS[5]!, "en")).toContain("none was suspended, and the usage limits will not suspend them before Dec 4, 2026, 08:00 UTC");
    expect(staffActionMessage(ACTIONS[6]!, "fr")).toContain("3 projets sont de nouveau actifs");
  });

  it("the rating page has its words in both languages", () => {
    expect(ratingPageText("fr").submit).toBe("Envoyer ma note");
    expect(ratingPageText("en").invalid).toBe("This rating link is not valid, or has already been used.");
  });
});
