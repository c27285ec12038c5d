import { createTranslator, type AbstractIntlMessages } from "use-intl/core";
import type { TLocale } from "@/lib/locales";
import { formatDate, formatDateTime, formatMoney } from "@/lib/format";
import type { TPaymentStatus } from "@/lib/payments";
import textEn from "../../../../messages/ticket-text.en.json";
import textFr from "../../../../messages/ticket-text.fr.json";

/**
 * The words the server writes on a ticket in its requester's language (spec 19): the system
 * messages that announce staff actions, and the rating link's page. messages/ticket-text.<locale>.json.
 */

const MESSAGES: Record<TLocale, AbstractIntlMessages> = { en: textEn, fr: textFr };
type TTranslate = (key: string, values?: Record<string, string | number>) => string;
const translators = Object.fromEntries(
  Object.entries(MESSAGES).map(([locale, messages]) => [locale, createTranslator({ locale, messages, timeZone: "UTC" }) as unknown as TTranslate]),
) as Record<TLocale, TTranslate>;

/** What a staff action's system message says, with its figures. */
export type TStaffActionText =
  | {
      action: "recheck_payment";
      amountMinor: number;
      currency: string;
      paymentId: string;
      outcome: "applied" | "late" | "mismatch" | "unchanged";
      status: TPaymentStatus;
    }
  | { action: "extend_pro"; days: number; started: boolean; until: Date }
  | { action: "lift_suspension"; hours: number; reactivated: number; until: Date }
  | { action: "grant_credit"; amountMinor: number; currency: string; reason: string };

/** A staff action's system message, in `locale`. */
export function staffActionMessage(text: TStaffActionText, locale: TLocale): string {
  const t = translators[locale];
  switch (text.action) {
    case "recheck_payment":
      return t("system.recheck_payment", {
        amount: formatMoney(text.amountMinor, text.currency, locale),
        payment: text.paymentId,
        outcome: text.outcome,
        status: text.status,
      });
    case "extend_pro":
      return t("system.extend_pro", { started: text.started ? "yes" : "no", days: text.days, until: formatDate(text.until, locale) });
    case "lift_suspension":
      return t("system.lift_suspension", { hours: text.hours, count: text.reactivated, until: formatDateTime(text.until, locale) });
    case "grant_credit":
      return t("system.grant_credit", { amount: formatMoney(text.amountMinor, text.currency, locale), reason: text.reason });
  }
}

/** The rating page's words, in `locale`. */
export function ratingPageText(locale: TLocale) {
  const t = translators[locale];
  return {
    title: t("rating.title"),
    intro: t("rating.intro"),
    score: t("rating.score"),
    comment: t("rating.comment"),
    submit: t("rating.submit"),
    thanks: t("rating.thanks"),
    invalid: t("rating.invalid"),
  };
}
