import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ADDON_STATUSES } from "@/lib/addons";
import { BALANCE_ENTRY_KINDS } from "@/lib/balance";
import { PAYMENT_METHODS, PAYMENT_PROVIDERS, PAYMENT_PURPOSES } from "@/lib/payments";

// The texts of the balance (spec 15) and the words the billing screens look up by a value of
// lib/: every value has its text in both languages (a missing one shows its key to the reader).
const root = path.resolve(__dirname, "../../..");
const read = (locale: string) => JSON.parse(readFileSync(path.join(root, "messages", `${locale}.json`), "utf8")) as Record<string, Record<string, unknown>>;

function flatten(value: unknown, prefix = ""): Record<string, string> {
  if (typeof value === "string") return { [prefix]: value };
  return Object.entries(value as Record<string, unknown>).reduce<Record<string, string>>(
    (all, [key, v]) => ({ ...all, ...flatten(v, prefix ? `${prefix}.${key}` : key) }),
    {},
  );
}

/** The ICU arguments a text takes ({amount}, {kind, select…}), each once; a select's branches are text, not arguments. */
const argumentsOf = (text: string) => [...new Set([...text.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]))].sort();

describe("the balance's texts", () => {
  const en = read("en");
  const fr = read("fr");

  it("say the same things in English and French, with the same arguments", () => {
    const enBalance = flatten(en.balance);
    const frBalance = flatten(fr.balance);
    expect(Object.keys(frBalance).sort()).toEqual(Object.keys(enBalance).sort());
    for (const key of Object.keys(enBalance)) {
      expect(argumentsOf(frBalance[key]!), key).toEqual(argumentsOf(enBalance[key]!));
      expect(frBalance[key]!.trim(), key).not.toBe("");
    }
  });

  it("name every ledger kind, payment method, purpose and provider, and every add-on status", () => {
    for (const messages of [en, fr]) {
      const flat = flatten(messages);
      for (const kind of BALANCE_ENTRY_KINDS) expect(flat[`balance.kinds.${kind}`], kind).toBeTruthy();
      for (const method of PAYMENT_METHODS) expect(flat[`payments.methods.${method}`], method).toBeTruthy();
      for (const purpose of PAYMENT_PURPOSES) expect(flat[`payments.purpose.${purpose}`], purpose).toBeTruthy();
      for (const provider of PAYMENT_PROVIDERS) expect(flat[`billing.providers.${provider}`], provider).toBeTruthy();
      for (const status of ADDON_STATUSES) expect(flat[`addons.status.${status}`], status).toBeTruthy();
      for (const kind of ["balanceLow", "subscriptionRenewed", "subscriptionLapsed"]) expect(flat[`notifications.kinds.${kind}`], kind).toBeTruthy();
    }
  });
});
