import { describe, expect, it } from "vitest";
import { pickSandboxLanguage } from "./texts";

describe("the hosted sandbox page's language", () => {
  it.each([
    ["fr", "en-US,en;q=0.9", "fr"],
    ["en", "fr-CI,fr;q=0.9", "en"],
    [undefined, "fr-CI,fr;q=0.9,en;q=0.5", "fr"],
    [undefined, "FR", "fr"],
    [undefined, "de-DE,fr;q=0.8,en;q=0.5", "fr"],
    [undefined, "en;q=0.4,fr;q=0.7", "fr"],
    [undefined, "en-GB,fr;q=0.9", "en"],
    [undefined, "fr;q=0,en;q=0.3", "en"],
    [undefined, "frisian", "en"],
    ["de", "de-DE", "en"],
    [undefined, null, "en"],
  ] as const)("cookie %s, Accept-Language %s → %s", (cookie, accept, expected) => {
    expect(pickSandboxLanguage(cookie, accept)).toBe(expected);
  });
});
