import type { TDocumentLanguage } from "@/lib/documents";
import { ZUpdateBillingProfileSchema, type TUpdateBillingProfile } from "@/lib/schemas/billing";

// The legal details' form (spec 16), apart from React: what the draft starts from, what it would
// send, what the shared schema would refuse, and which field a server refusal names.

export const LEGAL_TEXT_FIELDS = ["legal_name", "address", "tax_id", "billing_email"] as const;
export type TLegalTextField = (typeof LEGAL_TEXT_FIELDS)[number];
export type TLegalField = TLegalTextField | "document_language";

export type TLegalDraft = Record<TLegalTextField, string> & { document_language: TDocumentLanguage };

/** The part of the billing profile the form reads. */
export type TLegalProfile = Record<TLegalTextField, string | null> & {
  document_language: TDocumentLanguage | null;
  effective_document_language: TDocumentLanguage;
};

/** A field's problem, said by the form in the reader's words. */
export type TLegalProblem = { kind: "too_long"; max: number; length: number } | { kind: "email" };

/** The draft a profile starts: empty fields for what is not set, the language documents are issued in now. */
export function legalDraftOf(profile: TLegalProfile): TLegalDraft {
  return {
    legal_name: profile.legal_name ?? "",
    address: profile.address ?? "",
    tax_id: profile.tax_id ?? "",
    billing_email: profile.billing_email ?? "",
    document_language: profile.document_language ?? profile.effective_document_language,
  };
}

/**
 * What the draft changes, as `billing.updateProfile` takes it: only the fields that differ (the
 * server keeps those not sent), trimmed as the server stores them, null to clear. The language is
 * sent only once it differs from the one shown: a team that never chose keeps following its country.
 */
export function legalChanges(draft: TLegalDraft, profile: TLegalProfile): Partial<TUpdateBillingProfile> {
  const changes: Partial<TUpdateBillingProfile> = {};
  for (const field of LEGAL_TEXT_FIELDS) {
    const next = draft[field].trim();
    if (next !== (profile[field] ?? "")) changes[field] = next === "" ? null : next;
  }
  if (draft.document_language !== (profile.document_language ?? profile.effective_document_language)) {
    changes.document_language = draft.document_language;
  }
  return changes;
}

/** The problems the server would answer, checked with its own schema on the trimmed values. */
export function checkLegalDraft(draft: TLegalDraft): Partial<Record<TLegalTextField, TLegalProblem>> {
  const problems: Partial<Record<TLegalTextField, TLegalProblem>> = {};
  for (const field of LEGAL_TEXT_FIELDS) {
    const value = draft[field].trim();
    const result = ZUpdateBillingProfileSchema.shape[field].safeParse(value);
    if (result.success) continue;
    const issue = result.error.issues[0];
    problems[field] = issue?.code === "too_big" ? { kind: "too_long", max: Number(issue.maximum), length: value.length } : { kind: "email" };
  }
  return problems;
}

const FIELD_PATTERN = /^(legal_name|address|tax_id|billing_email|document_language):\s*(.*)$/s;

/**
 * A server refusal split by the fields it names ("billing_email: must be an e-mail address; tax_id:
 * …"), each text capitalised; what names no field of this form is left in `other`.
 */
export function legalRefusals(message: string | null): { fields: Partial<Record<TLegalField, string>>; other: string | null } {
  if (!message) return { fields: {}, other: null };
  const fields: Partial<Record<TLegalField, string>> = {};
  const rest: string[] = [];
  for (const part of message.split(/;\s+(?=[a-z_]+:)/)) {
    const match = FIELD_PATTERN.exec(part.trim());
    const text = match?.[2]?.trim();
    if (match && text) fields[match[1] as TLegalField] = text.charAt(0).toUpperCase() + text.slice(1);
    else rest.push(part);
  }
  return { fields, other: rest.length > 0 ? rest.join("; ") : null };
}
