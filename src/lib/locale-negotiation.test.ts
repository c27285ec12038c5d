import { describe, expect, it } from "vitest";
import { browserLocale, cookieValue, emailLocale, negotiateLocale, tokenLocale } from "@/lib/locale-negotiation";

describe("Accept-Language negotiation", () => {
  it.each([
    ["fr", "fr"],
    ["fr-FR", "fr"],
    ["fr-CI,fr;q=0.9,en;q=0.8", "fr"],
    ["FR-sn", "fr"],
    ["en-US,en;q=0.9", "en"],
    ["en-GB", "en"],
    // A supported second choice beats an unsupported first one.
    ["de-DE,de;q=0.9,fr;q=0.5", "fr"],
    ["wo-SN, fr-SN;q=0.8", "fr"],
    // Preference is by q, not by order.
    ["en;q=0.4, fr;q=0.9", "fr"],
    ["fr;q=0.5, en", "en"],
    // q=0 means "not this one".
    ["fr;q=0, en;q=0.1", "en"],
    ["*", "en"],
  ] as const)("%s → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });

  it.each([null, undefined, "", "de", "de-DE, es;q=0.5", "fr;q=0", ";;;", "not a tag!", "fr;q=2"])("%s names no language we have", (header) => {
    expect(negotiateLocale(header)).toBeNull();
  });
});

describe("which language a reader gets", () => {
  it("a browser before any choice follows Accept-Language, else English", () => {
    expect(browserLocale({ acceptLanguage: "fr-FR,fr;q=0.9" })).toBe("fr");
    expect(browserLocale({ acceptLanguage: "de" })).toBe("en");
    expect(browserLocale({})).toBe("en");
  });

  it("a choice made in this browser wins over Accept-Language", () => {
    expect(browserLocale({ cookie: "en", acceptLanguage: "fr-FR" })).toBe("en");
    expect(browserLocale({ cookie: "fr", acceptLanguage: "en-US" })).toBe("fr");
    expect(browserLocale({ cookie: "de", acceptLanguage: "fr" })).toBe("fr");
  });

  it("English chosen on a laptop stays English on a French phone once signed in, even against an older cookie", () => {
    expect(browserLocale({ account: "en", acceptLanguage: "fr-FR,fr;q=0.9" })).toBe("en");
    expect(browserLocale({ account: "en", cookie: "fr", acceptLanguage: "fr-FR" })).toBe("en");
    expect(browserLocale({ account: null, cookie: null, acceptLanguage: "fr-FR" })).toBe("fr");
  });

  it("a Bearer call reads Accept-Language first, then the token owner's choice, then English", () => {
    expect(tokenLocale({ acceptLanguage: "fr", account: "en" })).toBe("fr");
    expect(tokenLocale({ acceptLanguage: "en", account: "fr" })).toBe("en");
    expect(tokenLocale({ acceptLanguage: "de", account: "fr" })).toBe("fr");
    expect(tokenLocale({ account: "fr" })).toBe("fr");
    expect(tokenLocale({ cookie: "fr" })).toBe("en");
  });

  it("an e-mail: the recipient's choice, then the team's document language, then French for a francophone country", () => {
    expect(emailLocale({ userLocale: "en", country: "CI" })).toBe("en");
    expect(emailLocale({ userLocale: null, country: "CI" })).toBe("fr");
    expect(emailLocale({ userLocale: null, country: "CM" })).toBe("fr");
    expect(emailLocale({ userLocale: null, country: "BE" })).toBe("fr");
    expect(emailLocale({ userLocale: null, country: "HT" })).toBe("fr");
    expect(emailLocale({ userLocale: null, country: "GH" })).toBe("en");
    expect(emailLocale({ userLocale: null, country: null })).toBe("en");
    expect(emailLocale({ userLocale: null, documentLocale: "en", country: "SN" })).toBe("en");
    expect(emailLocale({ userLocale: null, documentLocale: "fr", country: "GH" })).toBe("fr");
  });

  it("reads the language cookie out of a Cookie header", () => {
    expect(cookieValue("a=1; NEXT_LOCALE=fr; b=2", "NEXT_LOCALE")).toBe("fr");
    expect(cookieValue("XNEXT_LOCALE=fr", "NEXT_LOCALE")).toBeNull();
    expect(cookieValue(null, "NEXT_LOCALE")).toBeNull();
  });
});
