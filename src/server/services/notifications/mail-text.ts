import { createTranslator, type AbstractIntlMessages } from "use-intl/core";
import type { TLocale } from "@/lib/locales";
import type { TTicketStatus } from "@/lib/support";
import mailEn from "../../../../messages/mail.en.json";
import mailFr from "../../../../messages/mail.fr.json";
import supportEn from "../../../../messages/support.en.json";
import supportFr from "../../../../messages/support.fr.json";

/**
 * The e-mails' own words in the recipient's language (spec 14.6): messages/mail.<locale>.json, and
 * the ticket statuses the support pages already name. A notification's notice is its own title and
 * body, written out by lib/notification-text in the same language.
 */

const MESSAGES: Record<TLocale, AbstractIntlMessages> = {
  en: { ...mailEn, ticketStatus: supportEn.ticketStatus },
  fr: { ...mailFr, ticketStatus: supportFr.ticketStatus },
};

type TTranslate = (key: string, values?: Record<string, string | number>) => string;
const translators = Object.fromEntries(
  Object.entries(MESSAGES).map(([locale, messages]) => [locale, createTranslator({ locale, messages, timeZone: "UTC" }) as unknown as TTranslate]),
) as Record<TLocale, TTranslate>;

/** A notification's e-mail: its title as the subject, its body as the text. */
export function noticeMail(
  notice: { title: string; body: string },
  locale: TLocale,
  topUp?: { amount: string; url: string },
): { subject: string; text: string } {
  const t = translators[locale];
  // A low-balance reminder (spec 15) carries its one-click top-up: the Billing page with the amount filled in.
  const text = topUp ? `${notice.body}\n\n${t("mail.notice.topUp", topUp)}` : notice.body;
  return { subject: t("mail.notice.subject", { title: notice.title }), text };
}

/** A public reply on a ticket, to the other side (the author, or the assigned staff member). */
export function ticketReplyMail(
  input: { author: "support" | "user"; subject: string; ticketId: string; message: string; status: TTicketStatus },
  locale: TLocale,
): { subject: string; text: string } {
  const t = translators[locale];
  return {
    subject: t("mail.ticketReply.subject", { subject: input.subject }),
    text: t("mail.ticketReply.body", {
      author: input.author,
      subject: input.subject,
      id: input.ticketId,
      message: input.message,
      status: t(`ticketStatus.${input.status}`),
    }),
  };
}

/** A ticket staff resolved, to its requester in the ticket's language, with the single-use rating link (spec 19). */
export function ticketResolvedMail(input: { subject: string; ticketId: string; ratingUrl: string }, locale: TLocale): { subject: string; text: string } {
  const t = translators[locale];
  return {
    subject: t("mail.ticketResolved.subject", { subject: input.subject }),
    text: `${t("mail.ticketResolved.body", { subject: input.subject, id: input.ticketId })}\n\n${t("mail.ticketResolved.rate", { url: input.ratingUrl })}`,
  };
}

/** The owner's notice that sign-in to their account is paused after too many failures (spec 13). */
export function signInPausedMail(input: { failures: number; minutes: number }, locale: TLocale): { subject: string; text: string } {
  const t = translators[locale];
  return { subject: t("mail.signInPaused.subject", input), text: t("mail.signInPaused.body", input) };
}
