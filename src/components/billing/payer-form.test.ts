import { describe, expect, it } from "vitest";
import { OPERATORS } from "@/lib/mobile-money";
import { normalisePhone } from "@/lib/phone";
import {
  checkPayer,
  displayPhone,
  examplePhone,
  initialPayerDraft,
  operatorChoices,
  payerFieldOf,
  withOperator,
  withPhone,
  type TPayerDraft,
} from "./payer-form";

/** Types `text` one character at a time, as a payer does, into a team of `country`. */
function typeInto(draft: TPayerDraft, text: string, country: string | null): TPayerDraft {
  let d = draft;
  for (let i = 1; i <= text.length; i++) d = withPhone(d, draft.phone + text.slice(0, i), country);
  return d;
}

const empty: TPayerDraft = { phone: "", operator: "", hint: null };

describe("the operators offered (spec 14.2)", () => {
  it("are the team's country's until the number reads, then the number's country's", () => {
    expect(operatorChoices("CI", null)).toEqual(["orange_money", "mtn_momo", "moov_money", "wave"]);
    expect(operatorChoices("CI", normalisePhone("+221 77 123 45 67", "CI"))).toEqual(["orange_money", "free_money", "wave"]);
    expect(operatorChoices("CM", normalisePhone("6 71 23 45 67", "CM"))).toEqual(["orange_money", "mtn_momo"]);
  });

  it("are all of them for a team without a country, and none for a number where Mobile Money is not offered", () => {
    expect(operatorChoices(null, null)).toEqual(OPERATORS);
    expect(operatorChoices("FR", null)).toEqual(OPERATORS);
    expect(operatorChoices(null, normalisePhone("+33 6 12 34 56 78", null))).toEqual([]);
  });
});

describe("the prefix hint as a payer types (spec 14.2)", () => {
  it("picks Orange for 07, MTN for 05, Moov for 01 in Côte d'Ivoire once the number reads", () => {
    expect(typeInto(empty, "07 07 12 34 56", "CI").operator).toBe("orange_money");
    expect(typeInto(empty, "0505123456", "CI").operator).toBe("mtn_momo");
    expect(typeInto(empty, "01 01 12 34 56", "CI").operator).toBe("moov_money");
    expect(typeInto(empty, "+225 07 07 12 34 56", null).operator).toBe("orange_money");
  });

  it("picks nothing while the number is incomplete, nor where the plan tells no operator", () => {
    expect(typeInto(empty, "07 07 12", "CI").operator).toBe("");
    expect(typeInto(empty, "77 123 45 67", "SN").operator).toBe("");
  });

  it("keeps an operator chosen by hand while the prefix stays, and follows a new prefix", () => {
    let d = typeInto(empty, "07 07 12 34 56", "CI");
    d = withOperator(d, "wave");
    d = withPhone(d, "07 07 12 34 5", "CI");
    d = withPhone(d, "07 07 12 34 57", "CI");
    expect(d.operator).toBe("wave");
    d = withPhone(d, "05 07 12 34 57", "CI");
    expect(d.operator).toBe("mtn_momo");
  });

  it("drops an operator the number's country does not have, and picks the only one there is", () => {
    let d = withOperator(typeInto(empty, "07 07 12 34 56", "CI"), "mtn_momo");
    d = withPhone(d, "+221 77 123 45 67", "CI");
    expect(d.operator).toBe("");
    d = withOperator(d, "free_money");
    d = withPhone(d, "+228 90 12 34 56", "CI");
    expect(d.operator).toBe("moov_money");
  });
});

describe("the remembered payer (spec 14.2)", () => {
  it("is prefilled, written nationally in the team's country and internationally elsewhere", () => {
    expect(initialPayerDraft({ country: "CI", last_payer_phone: "+2250505123456", last_operator: "mtn_momo" })).toEqual({
      phone: "05 05 12 3456",
      operator: "mtn_momo",
      hint: "mtn_momo",
    });
    expect(initialPayerDraft({ country: null, last_payer_phone: "+2250707123456", last_operator: "wave" })).toEqual({
      phone: "+225 07 07 12 3456",
      operator: "wave",
      hint: "orange_money",
    });
    expect(displayPhone("+221771234567", "CI")).toBe("+221 77 123 45 67");
    expect(displayPhone("+221771234567", "SN")).toBe("77 123 45 67");
  });

  it("starts empty without one, with the operator picked where the country has only one", () => {
    expect(initialPayerDraft({ country: "CI", last_payer_phone: null, last_operator: null })).toEqual(empty);
    expect(initialPayerDraft({ country: "TG", last_payer_phone: null, last_operator: null })).toEqual({ ...empty, operator: "moov_money" });
    expect(initialPayerDraft(null)).toEqual(empty);
  });
});

describe("checking the payer before sending", () => {
  it("sends E.164 and the operator", () => {
    expect(checkPayer({ phone: "07 07 12 34 56", operator: "orange_money", hint: "orange_money" }, "CI")).toMatchObject({
      ok: true,
      payer: { payer_phone: "+2250707123456", operator: "orange_money" },
    });
  });

  it.each([
    [{ phone: "", operator: "" }, "CI", "missing", "missing"],
    [{ phone: "  ", operator: "orange_money" }, "CI", "missing", null],
    [{ phone: "07 07", operator: "orange_money" }, "CI", "invalid", null],
    [{ phone: "0707123456", operator: "" }, null, "invalid", "missing"],
    [{ phone: "07 07 12 34 56", operator: "" }, "CI", null, "missing"],
    [{ phone: "07 07 12 34 56", operator: "free_money" }, "CI", null, "not_offered"],
    [{ phone: "+33 6 12 34 56 78", operator: "orange_money" }, "CI", "not_offered", null],
  ] as const)("refuses %o (team in %s): number %s, operator %s", (fields, country, phone, operator) => {
    expect(checkPayer({ ...fields, hint: null }, country)).toMatchObject({ ok: false, phone, operator });
  });
});

describe("the server's refusals, shown next to their field", () => {
  it("names payer_phone or operator from the message's start", () => {
    expect(payerFieldOf('payer_phone: "0707" is not a valid phone number; write a number of CI.')).toEqual({
      field: "payer_phone",
      text: '"0707" is not a valid phone number; write a number of CI.',
    });
    expect(payerFieldOf("operator: Wave does not serve numbers of CM; choose one of orange_money, mtn_momo.")).toEqual({
      field: "operator",
      text: "Wave does not serve numbers of CM; choose one of orange_money, mtn_momo.",
    });
    expect(payerFieldOf("payer_phone: must not be empty")).toEqual({ field: "payer_phone", text: "Must not be empty" });
  });

  it("leaves other refusals to the form", () => {
    expect(payerFieldOf("The payment could not be started. Try again in a moment.")).toEqual({
      field: null,
      text: "The payment could not be started. Try again in a moment.",
    });
    expect(payerFieldOf("amount: must be positive")).toEqual({ field: null, text: "amount: must be positive" });
  });
});

describe("the number's placeholder", () => {
  it("is a mobile number of the team's country as written there, or in international form", () => {
    expect(examplePhone("CI")).toBe("01 23 45 6789");
    expect(examplePhone("SN")).toBe("70 123 45 67");
    expect(examplePhone(null)).toBe("+225 01 23 45 6789");
    expect(normalisePhone(examplePhone("CM"), "CM")?.country).toBe("CM");
  });
});
