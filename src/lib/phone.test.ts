import { describe, expect, it } from "vitest";
import { normalisePhone } from "./phone";
import { operatorsOf } from "./mobile-money";

describe("normalisePhone (spec 14.2)", () => {
  it.each([
    ["07 07 12 34 56", "CI"],
    ["0707123456", "CI"],
    ["07.07.12.34.56", "CI"],
    ["+225 07 07 12 34 56", null],
    ["00225 0707123456", null],
    ["2250707123456", null],
    ["+225 07 07 12 34 56", "SN"],
  ])("reads %s (team in %s) as +2250707123456, Orange Money by its prefix", (raw, country) => {
    expect(normalisePhone(raw, country)).toEqual({ e164: "+2250707123456", country: "CI", national: "0707123456", hint: "orange_money" });
  });

  it("hints MTN for 05 and Moov for 01 in Côte d'Ivoire", () => {
    expect(normalisePhone("05 05 12 34 56", "CI")?.hint).toBe("mtn_momo");
    expect(normalisePhone("01 01 12 34 56", "CI")?.hint).toBe("moov_money");
  });

  it.each([
    ["77 123 45 67", "SN", "+221771234567"],
    ["+221 77 123 45 67", null, "+221771234567"],
    ["00221771234567", null, "+221771234567"],
    ["6 71 23 45 67", "CM", "+237671234567"],
    ["+237 671 23 45 67", null, "+237671234567"],
    ["237671234567", null, "+237671234567"],
  ])("reads %s (team in %s) as %s", (raw, country, e164) => {
    const phone = normalisePhone(raw, country);
    expect(phone?.e164).toBe(e164);
    expect(phone?.hint).toBeNull();
  });

  it.each([
    ["0707", "CI"],
    ["99 99 99 99 99", "CI"],
    ["07 07 12 34 56", null],
    ["hello", "CI"],
    ["+225 07 07 12 34 56 78 90", null],
    ["", "CI"],
  ])("refuses %s (team in %s)", (raw, country) => {
    expect(normalisePhone(raw, country)).toBeNull();
  });

  it("lists the operators of each country as the spec's table", () => {
    expect(operatorsOf("CI")).toEqual(["orange_money", "mtn_momo", "moov_money", "wave"]);
    expect(operatorsOf("SN")).toEqual(["orange_money", "free_money", "wave"]);
    expect(operatorsOf("CM")).toEqual(["orange_money", "mtn_momo"]);
    expect(operatorsOf("TG")).toEqual(["moov_money"]);
    expect(operatorsOf("FR")).toEqual([]);
  });
});
