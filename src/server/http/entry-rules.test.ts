import { describe, expect, it } from "vitest";
import { clientAddress, startupRefusals } from "./entry-rules.mjs";

describe("the console's HTTP entry", () => {
  it("with no trusted proxy, the client is the socket's peer, whatever X-Forwarded-For says", () => {
    expect(clientAddress("203.0.113.9", "1.2.3.4", 0)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:127.0.0.1", "9.9.9.9, 8.8.8.8", 0)).toBe("127.0.0.1");
    expect(clientAddress(undefined, undefined, 0)).toBe("unknown");
  });

  it("behind trusted proxies, the client is the address the outermost one appended", () => {
    // client wrote "6.6.6.6"; the one trusted proxy appended the real peer 198.51.100.7.
    expect(clientAddress("10.0.0.2", "6.6.6.6, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.1", 2)).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.2", ["6.6.6.6", "198.51.100.7"], 1)).toBe("198.51.100.7");
  });

  it("a list shorter than the proxies, or junk, falls back to the socket's peer", () => {
    expect(clientAddress("10.0.0.2", "198.51.100.7", 2)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "", 1)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "<script>", 1)).toBe("10.0.0.2");
  });

  it("refuses to start production with dev switches or a made-up clock, and says why", () => {
    const prod = { NODE_ENV: "production", AUTH_SECRET: "x".repeat(40) };
    expect(startupRefusals(prod)).toEqual([]);
    expect(startupRefusals({ ...prod, INNGEST_DEV: "1" })).toEqual([expect.stringMatching(/^INNGEST_DEV is set in production/)]);
    expect(startupRefusals({ ...prod, INNGEST_DEV: "0" })).toHaveLength(1);
    expect(startupRefusals({ ...prod, SERVELINK_FAKE_NOW: "2026-12-31T23:59:30Z" })).toEqual([
      expect.stringMatching(/^SERVELINK_FAKE_NOW is set in production/),
    ]);
    expect(startupRefusals({ ...prod, SERVELINK_FAKE_NOW: "2026-12-31T23:59:30Z", SERVELINK_TEST_CLOCK: "1" })).toEqual([]);
    expect(startupRefusals({ NODE_ENV: "production" })).toEqual([expect.stringMatching(/^AUTH_SECRET is not set/)]);
    expect(startupRefusals({ ...prod, TRUSTED_PROXY_HOPS: "one" })).toEqual([expect.stringMatching(/^TRUSTED_PROXY_HOPS=one/)]);
    expect(startupRefusals({ ...prod, LOG_LEVEL: "verbose" })).toEqual([expect.stringMatching(/^LOG_LEVEL=verbose is not a level: use one of fatal, error/)]);
    expect(startupRefusals({ ...prod, LOG_LEVEL: "Debug" })).toEqual([]);
    // Development keeps its switches.
    expect(startupRefusals({ NODE_ENV: "development", INNGEST_DEV: "1", SERVELINK_FAKE_NOW: "2028-02-29" })).toEqual([]);
  });
});
