import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The payment screens' texts (messages/payments.<locale>.json) are merged over the other files'
// top-level namespaces (src/i18n/request.ts): a namespace that clashed would hide one of theirs.
const root = path.resolve(__dirname, "../../..");
const read = (file: string) => JSON.parse(readFileSync(path.join(root, "messages", file), "utf8")) as Record<string, unknown>;

function flatten(value: unknown, prefix = ""): Record<string, string> {
  if (typeof value === "string") return { [prefix]: value };
  return Object.entries(value as Record<string, unknown>).reduce<Record<string, string>>(
    (all, [key, v]) => ({ ...all, ...flatten(v, prefix ? `${prefix}.${key}` : key) }),
    {},
  );
}

/** The ICU arguments a text takes ({price}, {country}…). */
const argumentsOf = (text: string) => [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();

describe("the payment screens' texts", () => {
  const en = flatten(read("payments.en.json"));
  const fr = flatten(read("payments.fr.json"));

  it("say the same things in English and French, with the same arguments", () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      expect(argumentsOf(fr[key]!), key).toEqual(argumentsOf(en[key]!));
      expect(en[key]!.trim(), key).not.toBe("");
      expect(fr[key]!.trim(), key).not.toBe("");
    }
  });

  it("use namespaces of their own, not those of the other message files", () => {
    const own = Object.keys(read("payments.en.json"));
    for (const other of ["en.json", "fr.json", "support.en.json", "support.fr.json"]) {
      for (const namespace of own) expect(Object.keys(read(other)), `${namespace} in ${other}`).not.toContain(namespace);
    }
  });
});
