import { readFileSync } from "node:fs";
import path from "node:path";
import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";

// The forecast's sentence on the Overview's and the Usage page's meters (spec 18.2), in both languages.
const root = path.resolve(__dirname, "../../..");
const read = (locale: string) => JSON.parse(readFileSync(path.join(root, "messages", `${locale}.json`), "utf8")) as Record<string, unknown>;
type TTranslate = (key: string, values: Record<string, string>) => string;
const translator = (locale: string) => createTranslator({ locale, messages: read(locale), namespace: "usage" }) as unknown as TTranslate;

describe("the forecast's words", () => {
  it("say the month's end and the day the limit is reached, in English and French", () => {
    const en = translator("en");
    const fr = translator("fr");
    expect(en("forecastWithLimit", { amount: "12.3 GB", date: "Dec 31", reached: "Dec 24" })).toBe(
      "At this rate: 12.3 GB by Dec 31; the limit is reached around Dec 24",
    );
    expect(en("forecast", { amount: "4 GB", date: "Dec 31" })).toBe("At this rate: 4 GB by Dec 31");
    expect(fr("forecastWithLimit", { amount: "12,3 Go", date: "31 déc.", reached: "24 déc." })).toBe(
      "À ce rythme : 12,3 Go d’ici le 31 déc. ; la limite est atteinte vers le 24 déc.",
    );
    expect(fr("forecast", { amount: "4 Go", date: "31 déc." })).toBe("À ce rythme : 4 Go d’ici le 31 déc.");
  });
});
