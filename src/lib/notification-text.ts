import { createTranslator, type AbstractIntlMessages } from "use-intl/core";
import type { z } from "zod";
import type { TLocale } from "@/lib/locales";
import en from "../../messages/notifications.en.json";
import fr from "../../messages/notifications.fr.json";
import { formatBytes, formatDate, formatMoney } from "./format";
import { NOTIFICATION_KINDS, NOTIFICATION_PARAMS, type TNotificationKind, type TNotificationParams } from "./notifications";
import { reasonText } from "./payment-reasons";

/**
 * Notifications written out in the reader's language (spec 14.6): the ICU catalogue of every kind
 * (messages/notifications.<locale>.json, `notices.<kind>.title|body`) filled from the parameters
 * the notification stores (lib/notifications: one schema per kind). Amounts, byte counts, dates
 * and percentages are formatted here in the reader's locale; the messages only place them.
 */

export const NOTIFICATION_CATALOGUE: Record<TLocale, AbstractIntlMessages> = { en, fr };

type TValues = Record<string, string | number>;
type TParsed<K extends TNotificationKind> = z.output<(typeof NOTIFICATION_PARAMS)[K]>;

interface TFormat {
  locale: TLocale;
  money: (minor: number, currency: string) => string;
  date: (value: Date | string) => string;
  bytes: (value: string | number) => string;
  percent: (value: number) => string;
  term: (key: string) => string;
}

// Rendering is synchronous: a failed message is noticed through this flag, reset before each one.
let failed = false;
const translators = Object.fromEntries(
  Object.entries(NOTIFICATION_CATALOGUE).map(([locale, messages]) => [
    locale,
    createTranslator({
      locale,
      messages,
      timeZone: "UTC",
      onError: () => {
        failed = true;
      },
    }) as unknown as (key: string, values?: TValues) => string,
  ]),
) as Record<TLocale, (key: string, values?: TValues) => string>;

function translate(locale: TLocale, key: string, values: TValues = {}): string | null {
  failed = false;
  const text = translators[locale](key, values);
  return failed ? null : text;
}

function formatFor(locale: TLocale): TFormat {
  return {
    locale,
    money: (minor, currency) => formatMoney(minor, currency, locale),
    date: (value) => formatDate(value, locale),
    bytes: (value) => formatBytes(typeof value === "string" ? BigInt(value) : value, locale),
    percent: (value) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(value / 100),
    term: (key) => translate(locale, `terms.${key}`) ?? key,
  };
}

const optionalDate = (f: TFormat, value: Date | string | null | undefined) => (value ? f.date(value) : "");
const yes = (value: unknown) => (value ? "yes" : "no");

function usageValues(p: TParsed<"usage.warning">, f: TFormat): TValues | null {
  if (p.metric === "traffic" && !p.resets_at) return null;
  return {
    team: p.team_slug,
    metric: f.term(`metric.${p.metric}`),
    metric_id: p.metric,
    used: f.bytes(p.used_bytes),
    limit: f.bytes(p.limit_bytes),
    percent: f.percent(p.percent),
    plan: p.plan,
    resets_on: optionalDate(f, p.resets_at),
  };
}

/** What renews from the balance, as its notices name it: `item` selects Pro's words or "{quantity} × {addon}". */
function renewalItemValues(p: TParsed<"balance.low" | "subscription.renewed" | "subscription.lapsed">, f: TFormat): TValues {
  return { item: p.item, quantity: p.quantity ?? 0, addon: p.resource_type ? f.term(`addon.${p.resource_type}`) : "" };
}

/** Each kind's ICU values from its parsed parameters; null when they cannot say what its text says. */
const VALUES: { [K in TNotificationKind]: (p: TParsed<K>, f: TFormat) => TValues | null } = {
  "usage.warning": usageValues,
  "usage.critical": usageValues,
  "usage.exceeded": usageValues,
  "usage.forecast": (p, f) => ({
    team: p.team_slug,
    metric: f.term(`metric.${p.metric}`),
    used: f.bytes(p.used_bytes),
    limit: f.bytes(p.limit_bytes),
    percent: f.percent(p.percent),
    month_end: f.bytes(p.month_end_bytes),
    reached_on: f.date(`${p.limit_reached_on}T00:00:00Z`),
    plan: p.plan,
    metric_id: p.metric,
  }),
  "payment.completed": (p, f) => {
    const addonKnown = !!(p.resource_type && p.quantity && p.expires_at);
    const purpose =
      p.purpose === "plan_upgrade" && p.period_end
        ? "plan_upgrade"
        : (p.purpose === "addon_purchase" || p.purpose === "addon_renewal") && addonKnown
          ? p.purpose
          : "other";
    return {
      purpose,
      amount: f.money(p.amount_minor, p.currency),
      period_end: optionalDate(f, p.period_end),
      quantity: p.quantity ?? 0,
      addon: p.resource_type ? f.term(`addon.${p.resource_type}`) : "",
      expires_on: optionalDate(f, p.expires_at),
    };
  },
  "payment.failed": (p, f) => {
    const variant = p.variant ?? "payment";
    if (variant === "card_renewal_mismatch" && (p.expected_minor === undefined || !p.invoice_id)) return null;
    return {
      variant,
      amount: f.money(p.amount_minor, p.currency),
      expected: p.expected_minor === undefined ? "" : f.money(p.expected_minor, p.currency),
      invoice_id: p.invoice_id ?? "",
      has_reason: yes(p.reason),
      reason: p.reason ? reasonText(p.reason, f.locale) : "",
    };
  },
  "payment.pending": (p, f) => ({ amount: f.money(p.amount_minor, p.currency), started_on: f.date(p.started_at) }),
  "payment.late_completion": (p, f) => ({ amount: f.money(p.amount_minor, p.currency), credited: yes(p.credited) }),
  "addon.expiring": (p, f) => ({ days: p.days, quantity: p.quantity, addon: f.term(`addon.${p.resource_type}`), expires_on: f.date(p.expires_at) }),
  "addon.expired": (p, f) => ({ quantity: p.quantity, addon: f.term(`addon.${p.resource_type}`) }),
  "plan.expiring": (p, f) => ({ days: p.days, period_end: f.date(p.period_end) }),
  "plan.expired": (p, f) => ({ period_end: f.date(p.period_end) }),
  "plan.card_billing_duplicate": () => ({}),
  "plan.card_billing_stopped": (p, f) => ({ status: p.status, has_end: yes(p.period_end), period_end: optionalDate(f, p.period_end) }),
  "project.inactive": (p) => ({ project: p.project_name, days: p.days }),
  "project.inactive_warning": (p, f) => ({ project: p.project_name, since: f.date(p.since), inactive_on: f.date(p.inactive_on) }),
  "balance.low": (p, f) => ({
    ...renewalItemValues(p, f),
    days: p.days,
    due_on: f.date(p.due_at),
    amount: f.money(p.amount_minor, p.currency),
    balance: f.money(p.balance_minor, p.currency),
  }),
  "subscription.renewed": (p, f) => ({
    ...renewalItemValues(p, f),
    amount: f.money(p.amount_minor, p.currency),
    period_end: f.date(p.period_end),
    balance: f.money(p.balance_minor, p.currency),
  }),
  "subscription.lapsed": (p, f) => ({ ...renewalItemValues(p, f), period_end: f.date(p.period_end), amount: f.money(p.amount_minor, p.currency) }),
  "webhook.disabled": (p, f) => ({ url: p.url, days: p.days, failing_since: f.date(p.failing_since) }),
};

function isNotificationKind(kind: string): kind is TNotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

/** The title and body of a kind with these parameters in `locale`, or null when the parameters do not fit the kind. */
export function notificationText(kind: string, data: unknown, locale: TLocale): { title: string; body: string } | null {
  if (!isNotificationKind(kind)) return null;
  const parsed = NOTIFICATION_PARAMS[kind].safeParse(data ?? {});
  if (!parsed.success) return null;
  const values = (VALUES[kind] as (p: unknown, f: TFormat) => TValues | null)(parsed.data, formatFor(locale));
  if (!values) return null;
  const title = translate(locale, `notices.${kind}.title`, values);
  const body = translate(locale, `notices.${kind}.body`, values);
  return title !== null && body !== null ? { title, body } : null;
}

/**
 * A stored notification as its reader reads it: written out from its kind and parameters in the
 * reader's language; a row whose data does not carry them (older rows) keeps its stored English.
 */
export function renderNotification(n: { kind: string; data: unknown; title: string; body: string }, locale: TLocale): { title: string; body: string } {
  return notificationText(n.kind, n.data, locale) ?? { title: n.title, body: n.body };
}

/**
 * What a writer stores for a notification: its kind, its parameters as `data`, and the English
 * title and body (kept for readers of old rows and for logs). Throws when the parameters do not
 * fit the kind's text (a programming error: the types say what each kind needs).
 */
export function notificationOf<K extends TNotificationKind>(
  kind: K,
  params: TNotificationParams<K>,
): { kind: K; data: TNotificationParams<K> & Record<string, unknown>; title: string; body: string } {
  const text = notificationText(kind, params, "en");
  if (!text) throw new TypeError(`notification ${kind}: its parameters do not fit its text (${JSON.stringify(params)})`);
  return { kind, data: params as TNotificationParams<K> & Record<string, unknown>, ...text };
}
