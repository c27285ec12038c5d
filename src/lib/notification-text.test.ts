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
  "balance.low": [
    { item: "pro", due_at: "2026-12-04T10:00:00Z", days: 7, amount_minor: 1970, currency: "XOF", balance_minor: 0 },
    {
      item: "addon",
      resource_id: "res_1",
      resource_type: "ram",
      quantity: 2,
      due_at: "2026-12-04T10:00:00Z",
      days: 3,
      amount_minor: 300,
      currency: "EUR",
      balance_minor: 150,
    },
  ],
  "subscription.renewed": [
    { item: "pro", amount_minor: 1970, currency: "XOF", period_end: "2027-01-03T10:00:00Z", balance_minor: 30 },
    {
      item: "addon",
      resource_id: "res_1",
      resource_type: "storage",
      quantity: 1,
      amount_minor: 660,
      currency: "XAF",
      period_end: "2027-01-03T10:00:00Z",
      balance_minor: 0,
    },
  ],
  "subscription.lapsed": [
    { item: "pro", period_end: "2026-12-04T10:00:00Z", amount_minor: 300, currency: "EUR" },
    { item: "addon", resource_id: "res_1", resource_type: "cpu", quantity: 3, period_end: "2026-12-04T10:00:00Z", amount_minor: 3945, currency: "XOF" },
  ],
  "usage.forecast": [
    {
      team_slug: "acme",
      metric: "traffic",
      used_bytes: "6442450944",
      limit_bytes: "10737418240",
      percent: 60,
      month_end_bytes: "13958643712",
      limit_reached_on: "2026-12-24",
      plan: "pay_as_you_go",
    },
  ],
  "webhook.disabled": [{ endpoint_id: "whe_1", url: "https://hooks.example.com/servelink", failing_since: "2026-11-26T10:00:00Z", days: 5 }],
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

  it("asks for the top-up that keeps Pro or an add-on, with the renewal date and the balance", () => {
    const [pro, addon] = SAMPLES["balance.low"];
    const low = notificationOf("balance.low", pro!);
    expect(spaces(low.title)).toBe("Top up F CFA 1,970 to keep Pro");
    expect(spaces(low.body)).toBe(
      "Pro renews automatically from the team's balance on Dec 4, 2026 (UTC), in 7 days. The balance (F CFA 0) does not cover it: top up F CFA 1,970 on the Billing page to keep Pro.",
    );
    const fr = renderNotification(low, "fr");
    expect(spaces(fr.title)).toBe("Rechargez 1 970 F CFA pour garder Pro");
    expect(spaces(fr.body)).toBe(
      "Pro se renouvelle automatiquement à partir du solde de l’équipe le 4 déc. 2026 (UTC), dans 7 jours. Le solde (0 F CFA) ne couvre pas ce renouvellement : rechargez 1 970 F CFA depuis la page Facturation pour garder Pro.",
    );
    // French puts a no-break space before the colon, so it never starts a line.
    expect(fr.body).toContain("renouvellement\u00a0: rechargez");

    expect(notificationText("balance.low", addon, "en")).toEqual({
      title: "Top up €3.00 to keep 2 × Extra RAM",
      body: "2 × Extra RAM renews automatically from the team's balance on Dec 4, 2026 (UTC), in 3 days. The balance (€1.50) does not cover it: top up €3.00 on the Billing page to keep the add-on.",
    });
    const addonFr = notificationText("balance.low", addon, "fr")!;
    expect(spaces(addonFr.title)).toBe("Rechargez 3,00 € pour garder 2 × Mémoire supplémentaire");
    expect(spaces(addonFr.body)).toBe(
      "2 × Mémoire supplémentaire se renouvelle automatiquement à partir du solde de l’équipe le 4 déc. 2026 (UTC), dans 3 jours. Le solde (1,50 €) ne couvre pas ce renouvellement : rechargez 3,00 € depuis la page Facturation pour garder l’option.",
    );
  });

  it("says what a renewal from the balance took, until when, and what is left", () => {
    const [pro, addon] = SAMPLES["subscription.renewed"];
    const renewed = notificationOf("subscription.renewed", pro!);
    expect(renewed.title).toBe("Pro renewed from the balance");
    expect(spaces(renewed.body)).toBe("We took F CFA 1,970 from the team's balance. Your team is on Pro until Jan 3, 2027 (UTC). Balance left: F CFA 30.");
    const fr = renderNotification(renewed, "fr");
    expect(fr.title).toBe("Pro renouvelé à partir du solde");
    expect(spaces(fr.body)).toBe(
      "Nous avons prélevé 1 970 F CFA sur le solde de l’équipe. Votre équipe est en Pro jusqu’au 3 janv. 2027 (UTC). Solde restant : 30 F CFA.",
    );

    const addonEn = notificationText("subscription.renewed", addon, "en")!;
    expect({ ...addonEn, body: spaces(addonEn.body) }).toEqual({
      title: "Add-on renewed from the balance: 1 × Extra storage",
      body: "We took FCFA 660 from the team's balance. 1 × Extra storage now runs until Jan 3, 2027 (UTC). Balance left: FCFA 0.",
    });
    const addonFr = notificationText("subscription.renewed", addon, "fr")!;
    expect(spaces(addonFr.title)).toBe("Option renouvelée à partir du solde : 1 × Stockage supplémentaire");
    expect(spaces(addonFr.body)).toBe(
      "Nous avons prélevé 660 FCFA sur le solde de l’équipe. 1 × Stockage supplémentaire court désormais jusqu’au 3 janv. 2027 (UTC). Solde restant : 0 FCFA.",
    );
  });

  it("says that an uncovered renewal ended Pro or the add-on, with its price and due date", () => {
    const [pro, addon] = SAMPLES["subscription.lapsed"];
    const lapsed = notificationOf("subscription.lapsed", pro!);
    expect(lapsed.title).toBe("Pro plan ended: back on Free");
    expect(lapsed.body).toBe(
      "The renewal of Pro (€3.00), due on Dec 4, 2026 (UTC), was not covered by the team's balance during the grace days. The team is on the Free plan and its limits. Top up the balance or pay for Pro on the Billing page to get Pro's limits back.",
    );
    const fr = renderNotification(lapsed, "fr");
    expect(spaces(fr.title)).toBe("Forfait Pro terminé : retour à Free");
    expect(spaces(fr.body)).toBe(
      "Le renouvellement de Pro (3,00 €), dû le 4 déc. 2026 (UTC), n’a pas été couvert par le solde de l’équipe pendant les jours de grâce. L’équipe est au forfait Free et à ses limites. Rechargez le solde ou payez Pro sur la page Facturation pour retrouver les limites de Pro.",
    );

    const addonEn = notificationText("subscription.lapsed", addon, "en")!;
    expect({ ...addonEn, body: spaces(addonEn.body) }).toEqual({
      title: "Add-on expired: 3 × Extra CPU",
      body: "The renewal of 3 × Extra CPU (F CFA 3,945), due on Dec 4, 2026 (UTC), was not covered by the team's balance during the grace days. It no longer counts in your limits. Buy it again on the Add-ons page if you still need it.",
    });
    const addonFr = notificationText("subscription.lapsed", addon, "fr")!;
    expect(spaces(addonFr.title)).toBe("Option expirée : 3 × Processeur supplémentaire");
    expect(spaces(addonFr.body)).toBe(
      "Le renouvellement de 3 × Processeur supplémentaire (3 945 F CFA), dû le 4 déc. 2026 (UTC), n’a pas été couvert par le solde de l’équipe pendant les jours de grâce. L’option ne compte plus dans vos limites. Rachetez-la sur la page Options si vous en avez encore besoin.",
    );
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
    // An add-on's renewal notice names the add-on; Pro's carries no add-on.
    expect(() => notificationOf("balance.low", { ...SAMPLES["balance.low"][1]!, resource_type: undefined })).toThrow(/balance.low/);
    expect(() => notificationOf("subscription.renewed", { ...SAMPLES["subscription.renewed"][1]!, quantity: undefined })).toThrow(/subscription.renewed/);
    expect(() => notificationOf("subscription.lapsed", { ...SAMPLES["subscription.lapsed"][0]!, resource_id: "res_1" })).toThrow(/subscription.lapsed/);
  });
});
