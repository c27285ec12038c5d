import { describe, expect, it } from "vitest";
import { DOCUMENTS_MAX, DOCUMENTS_PAGE_SIZE, documentsLimit, formatMonth } from "./documents-format";

describe("the Documents list", () => {
  it("asks for one document more than it shows, up to what the server answers at most", () => {
    expect(documentsLimit(DOCUMENTS_PAGE_SIZE)).toBe(DOCUMENTS_PAGE_SIZE + 1);
    expect(documentsLimit(DOCUMENTS_MAX - 1)).toBe(DOCUMENTS_MAX);
    expect(documentsLimit(DOCUMENTS_MAX + DOCUMENTS_PAGE_SIZE)).toBe(DOCUMENTS_MAX);
  });

  it("names a statement's month in the reader's language, whatever the time zone", () => {
    expect(formatMonth("2026-11", "en")).toBe("November 2026");
    expect(formatMonth("2026-11", "fr")).toBe("novembre 2026");
    expect(formatMonth("2027-01", "fr")).toBe("janvier 2027");
    expect(formatMonth("not-a-month", "en")).toBe("not-a-month");
  });
});
