import type { TInitiatePayment } from "@/lib/schemas/payments";
import { followUpPayment } from "@/server/after-response";
import { jsonResponse, type TRestContext } from "@/server/api/rest";
import { initiatePayment, type TPaymentContext } from "@/server/services/payments/payments";
import type { TTeamAccess } from "@/server/services/teams/teams";

/**
 * Opens a Stripe Checkout for the team (a card payment; with `auto_renew`, Pro billed to the card
 * every 30 days) and answers where to send the payer: the two POST paths of the Stripe notes.
 */
export async function openCheckout(
  ctx: TRestContext & { access: TTeamAccess; payments: TPaymentContext },
  body: Pick<TInitiatePayment, "purpose" | "amount" | "auto_renew">,
): Promise<Response> {
  const p = await initiatePayment(ctx.db, ctx.payments, { access: ctx.access, userId: ctx.user.id, body: { ...body, payment_method: "credit_card" } });
  if (p.status === "completed") followUpPayment(ctx.access.team.id);
  return jsonResponse({
    payment_id: p.id,
    session_id: p.external_payment_id,
    url: p.payment_url,
    status: p.status,
    purpose: body.purpose ?? "plan_upgrade",
    auto_renew: body.auto_renew === true,
    amount: p.amount,
    amount_minor: p.amount_minor,
    currency: p.currency,
    expires_at: p.expires_at,
  });
}
