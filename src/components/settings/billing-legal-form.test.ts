import { describe, expect, it } from "vitest";
import { ZUpdateBillingProfileSchema } from "@/lib/schemas/billing";
import { checkLegalDraft, legalChanges, legalDraftOf, legalRefusals, type TLegalProfile } from "./billing-legal-form";

const EMPTY: TLegalProfile = { legal_name: null, address: null, tax_id: null, billing_email: null, document_language: null, effective_document_language: "fr" };
const FILLED: TLegalProfile = {
  legal_name: "Kora Services SARL",
  address: "Rue des Jardins\nAbidjan",
  tax_id: "CI-ABJ-2024-B-1234",
  billing_email: "compta@kora.ci",
  document_language: "en",
  effective_document_language: "en",
};

describe("the legal details' form (spec 16)", () => {
  it("starts from the profile, with the language documents are issued in when none was chosen", () => {
    expect(legalDraftOf(EMPTY)).toEqual({ legal_name: "", address: "", tax_id: "", billing_email: "", document_language: "fr" });
    expect(legalDraftOf(FILLED)).toMatchObject({ legal_name: "Kora Services SARL", document_language: "en" });
  });

  it("sends only what changed, trimmed, and null for a field emptied", () => {
    const draft = { ...legalDraftOf(FILLED), legal_name: "  Kora SA  ", tax_id: "   " };
    expect(legalChanges(draft, FILLED)).toEqual({ legal_name: "Kora SA", tax_id: null });
    expect(legalChanges(legalDraftOf(FILLED), FILLED)).toEqual({});
    expect(legalChanges({ ...legalDraftOf(FILLED), billing_email: " compta@kora.ci " }, FILLED)).toEqual({});
  });

  it("leaves an unchosen language to follow the country until another one is picked", () => {
    expect(legalChanges(legalDraftOf(EMPTY), EMPTY)).toEqual({});
    expect(legalChanges({ ...legalDraftOf(EMPTY), document_language: "en" }, EMPTY)).toEqual({ document_language: "en" });
  });

  it("sends what the server's schema takes", () => {
    const changes = legalChanges({ ...legalDraftOf(EMPTY), legal_name: "Kora", billing_email: "a@b.ci", document_language: "en" }, EMPTY);
    expect(ZUpdateBillingProfileSchema.safeParse(changes).success).toBe(true);
  });

  it("finds what the server would refuse: too long, not an e-mail address", () => {
    const draft = { ...legalDraftOf(EMPTY), legal_name: "x".repeat(201), address: "y".repeat(500), billing_email: "compta@" };
    expect(checkLegalDraft(draft)).toEqual({ legal_name: { kind: "too_long", max: 200, length: 201 }, billing_email: { kind: "email" } });
    expect(checkLegalDraft({ ...legalDraftOf(FILLED), billing_email: "  compta@kora.ci " })).toEqual({});
    expect(checkLegalDraft(legalDraftOf(EMPTY))).toEqual({});
  });

  it("puts a server refusal beside the fields it names, and keeps the rest", () => {
    expect(legalRefusals("billing_email: must be an e-mail address; tax_id: doit faire au plus 100 caractères")).toEqual({
      fields: { billing_email: "Must be an e-mail address", tax_id: "Doit faire au plus 100 caractères" },
      other: null,
    });
    expect(legalRefusals("The currency cannot change while a payment is pending.")).toEqual({
      fields: {},
      other: "The currency cannot change while a payment is pending.",
    });
    expect(legalRefusals("country: is not a country code we know")).toEqual({ fields: {}, other: "country: is not a country code we know" });
    expect(legalRefusals(null)).toEqual({ fields: {}, other: null });
  });
});
