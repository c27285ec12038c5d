import { describe, expect, it } from "vitest";
import { safeNextPath, sameOriginUrl } from "./safe-redirect";

const BASE = "https://console.servelink.dev";

describe("return-to addresses stay on the console", () => {
  it("keeps a path of the console, with its query", () => {
    expect(safeNextPath("/teams/acme/billing?payment=pay_1", BASE)).toBe("/teams/acme/billing?payment=pay_1");
    expect(safeNextPath(`${BASE}/teams/acme`, BASE)).toBe("/teams/acme");
  });

  it("sends anything that could leave the origin to /", () => {
    for (const next of [
      "//evil.example",
      "/\t/evil.example",
      "/\n/x",
      "/\\evil.example",
      "\\\\evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "/%0a/x\u0000",
      "",
      undefined,
      null,
    ]) {
      expect(safeNextPath(next, BASE), JSON.stringify(next)).toBe("/");
    }
    expect(safeNextPath(["//evil.example", "/ok"], BASE)).toBe("/");
  });

  it("an encoded tab stays an inert path on the console", () => {
    // The browser strips a raw tab ("/\t/evil.example" → "//evil.example"), so it is refused above;
    // still percent-encoded, it is just a path here.
    expect(safeNextPath("/%09/evil.example", BASE)).toBe("/%09/evil.example");
  });

  it("a payment's return URL must be on the console's origin", () => {
    expect(sameOriginUrl(`${BASE}/teams/acme/billing`, BASE)?.pathname).toBe("/teams/acme/billing");
    expect(sameOriginUrl("https://console.servelink.dev.evil.example/", BASE)).toBeNull();
    expect(sameOriginUrl("http://console.servelink.dev/", BASE)).toBeNull();
    expect(sameOriginUrl("not a url", BASE)?.origin).toBe(BASE);
  });
});
