import { describe, expect, it } from "vitest";
import { maskPhone, monthBounds, previousMonth, receiptNumber, statementNumber } from "./documents";

describe("documents' numbers, months and masked numbers (spec 16)", () => {
  it("numbers receipts per year in six digits and statements per team and month", () => {
    expect(receiptNumber("SL", 2026, 1)).toBe("SL-2026-000001");
    expect(receiptNumber("SL", 2027, 123456)).toBe("SL-2027-123456");
    expect(statementNumber("2026-11", "acme")).toBe("ST-2026-11-acme");
  });

  it("the month before the 1st of January is December of the year before; a leap February ends on the 29th", () => {
    expect(previousMonth(new Date("2027-01-01T07:00:00Z"))).toEqual({
      month: "2026-12",
      start: new Date("2026-12-01T00:00:00Z"),
      end: new Date("2027-01-01T00:00:00Z"),
    });
    expect(monthBounds("2028-02")).toEqual({ start: new Date("2028-02-01T00:00:00Z"), end: new Date("2028-03-01T00:00:00Z") });
  });

  it("masks a payer's number to its country calling code and last two digits", () => {
    expect(maskPhone("+2250707123456")).toBe("+225 ••••••••56");
    expect(maskPhone("+33612345678")).toBe("+33 •••••••78");
    expect(maskPhone("+221771234567")).toBe("+221 •••••••67");
  });
});
