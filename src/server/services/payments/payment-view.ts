import { fromMinor } from "@/lib/money";
import type { TPaymentRow } from "./payment-state";

/** The notes' payment shape: amounts in major units. */
export function toPaymentView(p: TPaymentRow) {
  return {
    id: p.id,
    team_id: p.teamId,
    external_payment_id: p.externalPaymentId,
    provider: p.provider,
    purpose: p.purpose,
    /** The add-on an add-on purchase or renewal pays for. */
    resource_id: p.resourceId,
    amount: fromMinor(p.amountMinor, p.currency),
    amount_minor: p.amountMinor,
    currency: p.currency,
    payment_method: p.paymentMethod,
    payer_phone: p.payerPhone,
    operator: p.operator,
    status: p.status,
    expires_at: p.expiresAt,
    instructions: typeof p.metadata.instructions === "string" ? p.metadata.instructions : null,
    payment_url: typeof p.metadata.payment_url === "string" ? p.metadata.payment_url : null,
    qr_code: typeof p.metadata.qr_code === "string" ? p.metadata.qr_code : null,
    failure_reason: typeof p.metadata.failure_reason === "string" ? p.metadata.failure_reason : null,
    metadata: {
      description: p.metadata.description ?? null,
      plan_upgrade: p.metadata.plan_upgrade ?? false,
      new_plan: p.metadata.new_plan ?? null,
      auto_renew: p.metadata.auto_renew === true,
      transaction_id: p.metadata.transaction_id ?? null,
    },
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    completed_at: p.completedAt,
  };
}
export type TPaymentView = ReturnType<typeof toPaymentView>;
