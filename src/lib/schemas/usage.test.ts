import { describe, expect, it } from "vitest";
import { ISO_DATETIME, isRealDateTime } from "./usage";

describe("dates of traffic events", () => {
  it("exist or are refused", () => {
    for (const ok of [
      "2026-11-30T05:00:00Z",
      "2028-02-29T23:59:59Z",
      "2000-02-29T00:00Z",
      "2026-12-31T23:59:30.123Z",
      "2026-06-01T10:00:00+02:00",
      "2026-06-01T10:00:00-11:30",
    ]) {
      expect(ISO_DATETIME.test(ok) && isRealDateTime(ok), ok).toBe(true);
    }
    for (const bad of [
      "2026-11-31T05:00:00Z",
      "2027-02-29T00:00:00Z",
      "1900-02-29T00:00:00Z",
      "2026-13-01T00:00:00Z",
      "2026-00-10T00:00:00Z",
      "2026-12-00T00:00:00Z",
      "2026-12-01T24:00:00Z",
      "2026-12-01T10:60:00Z",
      "2026-12-01T10:00:60Z",
      "2026-12-01T10:00:00+24:00",
    ]) {
      expect(isRealDateTime(bad), bad).toBe(false);
    }
  });
});
