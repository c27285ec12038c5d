/**
 * Why a payment failed, in words a payer understands, in French and English (spec 14.3). The
 * backend's `failure_reason` is one of these codes, or free text from a provider; the console's own
 * deadline writes `expired`. One table, shared by the pending screen, the result and the history.
 */
export const PAYMENT_REASON_CODES = [
  "insufficient_funds",
  "expired",
  "declined",
  "invalid_phone",
  "operator_unavailable",
  "duplicate_request",
  "limit_exceeded",
] as const;
export type TPaymentReasonCode = (typeof PAYMENT_REASON_CODES)[number];

export interface TReasonText {
  en: string;
  fr: string;
}

export const PAYMENT_REASONS: Record<TPaymentReasonCode, TReasonText> = {
  insufficient_funds: {
    en: "Insufficient balance: the Mobile Money account does not hold enough for this payment. Top it up, or pay from another number or by card.",
    fr: "Solde insuffisant : le compte Mobile Money ne contient pas assez pour ce paiement. Rechargez-le, ou payez depuis un autre numéro ou par carte.",
  },
  expired: {
    en: "The time to approve the payment ran out before it was approved. Nothing was charged: you can start it again.",
    fr: "Le délai de validation est dépassé : le paiement n’a pas été validé à temps. Rien n’a été débité : vous pouvez recommencer.",
  },
  declined: {
    en: "The payment was declined, on the phone or by the operator. Nothing was charged.",
    fr: "Le paiement a été refusé, sur le téléphone ou par l’opérateur. Rien n’a été débité.",
  },
  invalid_phone: {
    en: "The operator does not know this number as a Mobile Money account. Check the number and the operator.",
    fr: "L’opérateur ne connaît pas ce numéro comme compte Mobile Money. Vérifiez le numéro et l’opérateur.",
  },
  operator_unavailable: {
    en: "The operator's service is unavailable at the moment. Try again in a few minutes, with another operator, or by card.",
    fr: "Le service de l’opérateur est indisponible pour le moment. Réessayez dans quelques minutes, avec un autre opérateur ou par carte.",
  },
  duplicate_request: {
    en: "The operator refused a second request for the same amount to the same number within a few minutes. Wait a few minutes before trying again.",
    fr: "L’opérateur a refusé une nouvelle demande du même montant vers le même numéro à quelques minutes d’intervalle. Attendez quelques minutes avant de réessayer.",
  },
  limit_exceeded: {
    en: "The payment goes over the account's limit (per payment, per day or per month). Pay from another account or by card.",
    fr: "Le paiement dépasse le plafond du compte (par opération, par jour ou par mois). Payez depuis un autre compte ou par carte.",
  },
};

export function isPaymentReasonCode(value: unknown): value is TPaymentReasonCode {
  return typeof value === "string" && (PAYMENT_REASON_CODES as readonly string[]).includes(value);
}

/** French for any French locale ("fr", "fr-CI"), English otherwise. */
function languageOf(locale: string): keyof TReasonText {
  return locale.toLowerCase().startsWith("fr") ? "fr" : "en";
}

/**
 * The reason in the reader's language. An unknown code, or a provider's own text, is not lost: a
 * plain sentence says the payment failed and quotes it.
 */
export function reasonText(reason: string, locale: string): string {
  const code = reason.trim();
  const language = languageOf(locale);
  if (isPaymentReasonCode(code)) return PAYMENT_REASONS[code][language];
  return language === "fr" ? `Le paiement a échoué (motif donné\u00a0: «\u00a0${code}\u00a0»).` : `The payment failed (reason given: “${code}”).`;
}
