import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/locales";
import { NOTIFICATION_CATALOGUE, notificationOf, notificationText, renderNotification } from "./notification-text";
import { NOTIFICATION_KINDS, type TNotificationKind, type TNotificationParams } from "./notifications";

const GIB = 1024 ** 3;

/** Every variant of every kind's text (typed: a kind without samples does not compile). */
const SAMPLES: { [K in TNotificationKind]: TNotificationParams<K>[] } = {
  "usage.warning": [
    {
      team_slug: "acme",
      metric: "traffic",
      used_bytes: String(4.5 * GIB),
      limit_bytes: String(5 * GIB),
      percent: 90,
      plan: "free",
      resets_at: "2027-01-01T00:00:00Z",
    },
    { team_slug: "acme", metric: "storage", used_bytes: 85 * 1024 ** 2, limit_bytes: 100 * 1024 ** 2, percent: 85, plan: "pay_as_you_go" },
  ],
  "usage.critical": [
    {
      team_slug: "acme",
      metric: "traffic",
      used_bytes: String(Math.round(9.6 * GIB)),
      limit_bytes: String(10 * GIB),
      percent: 96,
      plan: "pay_as_you_go",
      resets_at: new Date("2027-01-01"),
    },
  ],
  "usage.exceeded": [{ team_slug: "acme", metric: "storage", used_bytes: "110000000", limit_bytes: "104857600", percent: 104.9, plan: "free" }],
  "payment.completed": [
    { amount_minor: 300, currency: "EUR" },
    { amount_minor: 1970, currency: "XOF", purpose: "plan_upgrade", period_end: "2027-01-04T10:00:00+00:00", payment_id: "pay_1" },
    { amount_minor: 660, currency: "XAF", purpose: "addon_purchase", resource_type: "storage", quantity: 2, expires_at: "2027-01-04T10:00:00Z" },
    { amount_minor: 100, currency: "EUR", purpose: "addon_renewal", resource_type: "ram", quantity: 1, expires_at: "2027-01-04T10:00:00Z" },
  ],
  "payment.failed": [
    { amount_minor: 1970, currency: "XOF" },
    { amount_minor: 1970, currency: "XOF", reason: "insufficient_funds", payment_id: "pay_1" },
    { amount_minor: 300, currency: "EUR", reason: "the card issuer said no" },
    { amount_minor: 300, currency: "EUR", variant: "card_renewal", invoice_id: "in_1" },
    { amount_minor: 100, currency: "EUR", variant: "card_renewal_mismatch", expected_minor: 300, invoice_id: "in_2" },
  ],
  "payment.pending": [{ payment_id: "pay_1", amount_minor: 1970, currency: "XOF", started_at: "2026-11-30T08:00:00+00:00" }],
  "payment.late_completion": [
    { amount_minor: 1970, currency: "XOF", payment_id: "pay_1" },
    { amount_minor: 300, currency: "EUR", credited: true },
  ],
  "addon.expiring": [{ resource_id: "res_1", resource_type: "cpu", quantity: 1, expires_at: "2026-12-04T00:00:00Z", days: 3 }],
  "addon.expired": [{ resource_id: "res_1", resource_type: "traffic", quantity: 3 }],
  "plan.expiring": [{ period_end: "2026-12-04T00:00:00Z", days: 1 }],
  "plan.expired": [{ period_end: "2026-12-01T00:00:00+00:00" }],
  "plan.card_billing_duplicate": [{ subscription_id: "sub_2" }, {}],
  "plan.card_billing_stopped": [
    { status: "ending", period_end: "2026-12-20T00:00:00Z", subscription_id: "sub_1" },
    { status: "cancelled", period_end: null },
  ],
  "project.inactive": [{ project_id: "prj_1", project_name: "blog", since: "2026-11-01T00:00:00Z", days: 14 }],
  "project.inactive_warning": [{ project_id: "prj_1", project_name: "blog", since: "2026-11-19T00:00:00Z", inactive_on: "2026-12-03T00:00:00Z" }],
};

function messageAt(locale: (typeof LOCALES)[number], path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), NOTIFICATION_CATALOGUE[locale]);
}

/** The ICU arguments a message uses, in every branch of its selects and plurals. */
function argumentsOf(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) found.add(el.value);
      if (el.type === TYPE.select || el.type === TYPE.plural) {
        found.add(el.value);
        for (const option of Object.values(el.options)) walk(option.value);
      }
      if (el.type === TYPE.tag) walk(el.children);
    }
  };
  walk(parse(message));
  return [...found].sort();
}

const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("the notification catalogue", () => {
  it.each(NOTIFICATION_KINDS.flatMap((kind) => LOCALES.map((locale) => [kind, locale] as const)))("%s has a title and a body in %s", (kind, locale) => {
    for (const field of ["title", "body"]) {
      const message = messageAt(locale, `notices.${kind}.${field}`);
      expect(typeof message, `notices.${kind}.${field} (${locale})`).toBe("string");
      expect((message as string).trim()).not.toBe("");
    }
  });

  it.each(NOTIFICATION_KINDS)("%s takes the same parameters in every language", (kind) => {
    for (const field of ["title", "body"]) {
      const english = argumentsOf(messageAt("en", `notices.${kind}.${field}`) as string);
      for (const locale of LOCALES)
        expect(argumentsOf(messageAt(locale, `notices.${kind}.${field}`) as string), `${kind}.${field} in ${locale}`).toEqual(english);
    }
  });

  it("names the same terms in every language", () => {
    const terms = (locale: (typeof LOCALES)[number]) =>
      JSON.stringify(Object.keys(messageAt(locale, "terms.addon") as object).concat(Object.keys(messageAt(locale, "terms.metric") as object)));
    for (const locale of LOCALES) expect(terms(locale)).toBe(terms("en"));
  });

  it("has no kind the code does not know", () => {
    const notices = messageAt("en", "notices") as Record<string, Record<string, unknown>>;
    const kinds = Object.entries(notices).flatMap(([area, byKind]) => Object.keys(byKind).map((k) => `${area}.${k}`));
    expect(kinds.sort()).toEqual([...NOTIFICATION_KINDS].sort());
  });

  it.each(NOTIFICATION_KINDS)("%s writes every variant out in English and in French", (kind) => {
    for (const params of SAMPLES[kind] as unknown[]) {
      const en = notificationText(kind, params, "en");
      const fr = notificationText(kind, params, "fr");
      expect(en, `${kind} ${JSON.stringify(params)} in English`).not.toBeNull();
      expect(fr, `${kind} ${JSON.stringify(params)} in French`).not.toBeNull();
      expect(fr!.body).not.toBe(en!.body);
      for (const text of [en!.title, en!.body, fr!.title, fr!.body]) expect(text).not.toMatch(/[{}]/);
    }
  });
});

describe("a notification in its reader's language", () => {
  it("formats amounts, byte counts, percentages and dates in the reader's locale", () => {
    const alert = notificationOf("usage.warning", SAMPLES["usage.warning"][0]!);
    expect(alert.title).toBe("acme: monthly traffic at 90% (warning)");
    expect(alert.body).toBe(
      "Your team has used 4.5 GB of 5 GB (90%) of its monthly traffic. The traffic quota resets on Jan 1, 2027 (UTC). Upgrade the team to Pro on its Billing page for higher limits.",
    );
    const fr = renderNotification(alert, "fr");
    expect(spaces(fr.title)).toBe("acme : trafic mensuel à 90 % (attention)");
    expect(spaces(fr.body)).toBe(
      "Votre équipe a utilisé 4,5 GB sur 5 GB (90 %) de son trafic mensuel. Le quota de trafic repart de zéro le 1 janv. 2027 (UTC). Passez l’équipe au forfait Pro depuis sa page Facturation pour des limites plus hautes.",
    );

    const paid = notificationOf("payment.completed", SAMPLES["payment.completed"][1]!);
    expect(paid.title).toBe("Payment received: Pro is active");
    expect(spaces(renderNotification(paid, "fr").body)).toBe("Nous avons reçu 1 970 F CFA. Votre équipe est en Pro jusqu’au 4 janv. 2027 (UTC).");
    expect(renderNotification(notificationOf("payment.completed", { amount_minor: 300, currency: "EUR" }), "en").body).toBe("We received €3.00.");
  });

  it("writes a failure reason out in the reader's language", () => {
    const failed = notificationOf("payment.failed", { amount_minor: 1970, currency: "XOF", reason: "insufficient_funds" });
    expect(failed.body).toContain("Insufficient balance");
    expect(renderNotification(failed, "fr").body).toContain("Solde insuffisant");
  });

  it("an older row without its parameters keeps the English it was stored with", () => {
    const old = { kind: "payment.completed", data: { payment_id: "pay_1" }, title: "Payment received", body: "We received 3.00 EUR." };
    expect(renderNotification(old, "fr")).toEqual({ title: "Payment received", body: "We received 3.00 EUR." });
    expect(renderNotification({ ...old, kind: "no.such_kind", data: null }, "fr").title).toBe("Payment received");
    expect(renderNotification({ ...old, kind: "usage.warning", data: { used_bytes: "1", limit_bytes: "2", percent: 50 } }, "fr").title).toBe(
      "Payment received",
    );
  });

  it("refuses to write parameters that do not fit the kind", () => {
    expect(() => notificationOf("payment.failed", { amount_minor: 1.5, currency: "EUR" })).toThrow(/payment.failed/);
    // A traffic alert says when the quota resets: without it, it is not written.
    expect(() => notificationOf("usage.warning", { ...SAMPLES["usage.warning"][0]!, resets_at: undefined })).toThrow(/usage.warning/);
  });
});
