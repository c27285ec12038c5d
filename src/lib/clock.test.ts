import { afterEach, describe, expect, it } from "vitest";
import { clock, fakeNowFromEnv } from "./clock";

describe("the one clock", () => {
  // Back to where the run's clock was (SERVELINK_FAKE_NOW in CI's dated runs), not to the machine's.
  const offset = clock.offsetMs();
  afterEach(() => clock.setOffsetMs(offset));

  it("starts where SERVELINK_FAKE_NOW says, then runs on", async () => {
    clock.set("2026-12-31T23:59:59.990Z");
    const a = clock.nowMs();
    await new Promise((r) => setTimeout(r, 30));
    const b = clock.now();
    expect(b.getTime()).toBeGreaterThan(a);
    expect(b.toISOString() >= "2027-01-01T00:00:00.000Z").toBe(true);
  });

  it("reads SERVELINK_FAKE_NOW, and refuses it in production unless the test clock is allowed", () => {
    expect(fakeNowFromEnv({})).toBeNull();
    expect(fakeNowFromEnv({ SERVELINK_FAKE_NOW: "2028-02-29" })!.toISOString()).toBe("2028-02-29T00:00:00.000Z");
    expect(() => fakeNowFromEnv({ SERVELINK_FAKE_NOW: "tomorrow" })).toThrow(/is not an ISO 8601 time/);
    expect(() => fakeNowFromEnv({ SERVELINK_FAKE_NOW: "2026-12-01", NODE_ENV: "production" })).toThrow(/set in production/);
    expect(fakeNowFromEnv({ SERVELINK_FAKE_NOW: "2026-12-01", NODE_ENV: "production", SERVELINK_TEST_CLOCK: "1" })).toEqual(new Date("2026-12-01T00:00:00Z"));
  });
});
