import { OPERATOR_NAMES, operatorsOf, type TOperator } from "@/lib/mobile-money";
import type { TPaymentMethod } from "@/lib/payments";
import { normalisePhone } from "@/lib/phone";
import { DomainError } from "@/server/errors";
import type { TBillingProfile } from "@/server/services/billing/billing-profile";

export interface TPayer {
  /** E.164. */
  phone: string;
  operator: TOperator;
  /** The number's country. */
  country: string;
}

/**
 * The Mobile Money payer of a new payment (spec 14.2): `payer_phone` normalised to E.164 (read in
 * the team's country when it has one), and an `operator` of that number's country. A 400 names the
 * field that is wrong. Other methods carry no payer (and refuse one, so a mistake is not silent).
 */
export function resolvePayer(
  profile: Pick<TBillingProfile, "country">,
  method: TPaymentMethod,
  body: { payer_phone?: string | undefined; operator?: TOperator | undefined },
): TPayer | null {
  if (method !== "mobile_money") {
    if (body.payer_phone !== undefined || body.operator !== undefined) {
      throw new DomainError("BAD_REQUEST", "payer_phone: only a mobile_money payment has a payer's number and operator; leave them out for a card.");
    }
    return null;
  }
  if (!body.payer_phone) {
    throw new DomainError("BAD_REQUEST", "payer_phone: required with mobile_money, the number that receives the payment prompt (e.g. +225 07 07 12 34 56).", {
      reason: "invalid_phone",
    });
  }
  const phone = normalisePhone(body.payer_phone, profile.country);
  if (!phone) {
    const how = profile.country ? `a number of ${profile.country}, or one in international form` : "the international form, e.g. +225 07 07 12 34 56";
    throw new DomainError("BAD_REQUEST", `payer_phone: ${JSON.stringify(body.payer_phone)} is not a valid phone number; write ${how}.`, {
      reason: "invalid_phone",
    });
  }
  const offered = operatorsOf(phone.country);
  if (offered.length === 0) {
    throw new DomainError("BAD_REQUEST", `payer_phone: Mobile Money is not offered for numbers of ${phone.country} here; pay by card instead.`, {
      reason: "invalid_phone",
    });
  }
  const operator = body.operator ?? phone.hint;
  if (!operator) {
    throw new DomainError("BAD_REQUEST", `operator: required for a number of ${phone.country}; one of ${offered.join(", ")}.`, { reason: "invalid_operator" });
  }
  if (!offered.includes(operator)) {
    throw new DomainError(
      "BAD_REQUEST",
      `operator: ${OPERATOR_NAMES[operator]} does not serve numbers of ${phone.country}; choose one of ${offered.join(", ")}.`,
      { reason: "invalid_operator" },
    );
  }
  return { phone: phone.e164, operator, country: phone.country };
}
