import { getExampleNumber, isSupportedCountry, parsePhoneNumberFromString } from "libphonenumber-js";
import mobileExamples from "libphonenumber-js/mobile/examples";
import { OPERATORS, isOperator, operatorsOf, type TOperator } from "@/lib/mobile-money";
import { normalisePhone, type TPhone } from "@/lib/phone";

/**
 * The Mobile Money payer as the pay forms hold it (spec 14.2): the number as typed, the operator
 * chosen (or "" while none is), and the operator the number's prefix named last, so that a new
 * prefix picks its operator while a choice made by hand for the same prefix stays. Pure: the forms
 * and the pending screen share it, and the unit tests drive it as a payer types.
 */
export interface TPayerDraft {
  phone: string;
  operator: TOperator | "";
  hint: TOperator | null;
}

export interface TPayerProfile {
  country: string | null;
  last_payer_phone: string | null;
  last_operator: string | null;
}

/** A number as a payer writes it: nationally in the team's country ("07 07 12 34 56"), internationally otherwise. */
export function displayPhone(e164: string, teamCountry: string | null): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country && parsed.country === teamCountry ? parsed.formatNational() : parsed.formatInternational();
}

/** The operators to offer: those of the number's country once it reads as a number, else of the team's country, else all of them. */
export function operatorChoices(teamCountry: string | null, phone: TPhone | null): readonly TOperator[] {
  if (phone) return operatorsOf(phone.country);
  const ofTeam = operatorsOf(teamCountry);
  return ofTeam.length > 0 ? ofTeam : OPERATORS;
}

/** An operator still on offer stays; one that is not gives way to the only one there is, or to none. */
function keepOffered(operator: TOperator | "", choices: readonly TOperator[]): TOperator | "" {
  if (operator && choices.includes(operator)) return operator;
  return choices.length === 1 ? choices[0]! : "";
}

/** The remembered number and operator, prefilled; a team that never paid by Mobile Money starts empty. */
export function initialPayerDraft(profile: TPayerProfile | null | undefined): TPayerDraft {
  const country = profile?.country ?? null;
  if (!profile?.last_payer_phone) return { phone: "", operator: keepOffered("", operatorChoices(country, null)), hint: null };
  const parsed = normalisePhone(profile.last_payer_phone, country);
  const remembered = isOperator(profile.last_operator) ? profile.last_operator : "";
  return {
    phone: displayPhone(profile.last_payer_phone, country),
    operator: keepOffered(remembered || (parsed?.hint ?? ""), operatorChoices(country, parsed)),
    hint: parsed?.hint ?? null,
  };
}

/** The draft once the payer typed `phone`: a prefix that names a new operator picks it (CI: 07 Orange, 05 MTN, 01 Moov). */
export function withPhone(draft: TPayerDraft, phone: string, teamCountry: string | null): TPayerDraft {
  const parsed = normalisePhone(phone, teamCountry);
  // While the number does not read (a digit deleted), the prefix seen last still counts.
  const hint = parsed ? parsed.hint : draft.hint;
  const choices = operatorChoices(teamCountry, parsed);
  const operator = hint && hint !== draft.hint ? hint : draft.operator;
  return { phone, operator: keepOffered(operator, choices), hint };
}

/** The draft once the payer chose an operator by hand. */
export function withOperator(draft: TPayerDraft, operator: TOperator | ""): TPayerDraft {
  return { ...draft, operator };
}

export type TPhoneProblem = "missing" | "invalid" | "not_offered";
export type TOperatorProblem = "missing" | "not_offered";

export type TPayerCheck =
  | { ok: true; payer: { payer_phone: string; operator: TOperator }; phone: TPhone }
  | { ok: false; phone: TPhoneProblem | null; operator: TOperatorProblem | null; parsed: TPhone | null };

/** What the server would say of the payer, said before sending: the number reads and has Mobile Money here, the operator serves it. */
export function checkPayer(draft: TPayerDraft, teamCountry: string | null): TPayerCheck {
  const parsed = draft.phone.trim() ? normalisePhone(draft.phone, teamCountry) : null;
  const phone: TPhoneProblem | null = !draft.phone.trim() ? "missing" : !parsed ? "invalid" : operatorsOf(parsed.country).length === 0 ? "not_offered" : null;
  const operator: TOperatorProblem | null = !draft.operator
    ? "missing"
    : parsed && phone === null && !operatorsOf(parsed.country).includes(draft.operator)
      ? "not_offered"
      : null;
  if (phone === null && operator === null && parsed && draft.operator) {
    return { ok: true, payer: { payer_phone: parsed.e164, operator: draft.operator }, phone: parsed };
  }
  return { ok: false, phone, operator: phone === "not_offered" ? null : operator, parsed };
}

export type TPayerField = "payer_phone" | "operator";

/**
 * Which field a server refusal names (its message starts "payer_phone:" or "operator:", spec
 * 14.7), with the sentence that follows; other refusals belong to the form as a whole.
 */
export function payerFieldOf(message: string): { field: TPayerField | null; text: string } {
  const match = /^(payer_phone|operator):\s*(.*)$/s.exec(message.trim());
  if (!match) return { field: null, text: message };
  const text = match[2]!.trim();
  return { field: match[1] as TPayerField, text: text ? text.charAt(0).toUpperCase() + text.slice(1) : message };
}

/** A mobile number of the country, as its people write it, for the field's placeholder (international form without a country). */
export function examplePhone(country: string | null): string {
  const example = country && isSupportedCountry(country) ? getExampleNumber(country, mobileExamples) : undefined;
  if (example) return example.formatNational();
  return getExampleNumber("CI", mobileExamples)!.formatInternational();
}
