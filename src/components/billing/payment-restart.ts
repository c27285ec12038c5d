"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import type { TOperator } from "@/lib/mobile-money";
import type { TPaymentMethod } from "@/lib/payments";
import { useTRPC, useTRPCClient } from "@/trpc/react";
import { goToPaymentPage, type TPaymentStatusView } from "./payment-flow";

export interface TRestart {
  method: TPaymentMethod;
  /** With Mobile Money: the number (as typed or E.164) and operator to send the new request to. */
  payer?: { payer_phone: string; operator: TOperator };
  /** The payment is still pending: cancel it first, so that two requests are never open for one purchase. */
  cancelFirst?: boolean;
}

/**
 * Starts the same purchase again (spec 14.3: send the request again, pay with another operator or
 * a card, retry after a failure): Pro through `payments.initiate`, an add-on bought through
 * `addons.purchase` with the same type and quantity (read from the add-on its payment opened). A
 * pending payment is cancelled first: the console answers a second identical start with the first
 * payment, and the payer must not be asked twice. An add-on renewal is renewed again through
 * `addons.renew`, for the add-on its payment names (`resource_id`); a top-up of the balance is
 * started again for the same amount.
 */
export function useRestartPayment(team: string, payment: TPaymentStatusView, isEnabled: boolean) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const isPurchase = payment.purpose === "addon_purchase";
  const list = useQuery(trpc.addons.list.queryOptions({ team }, { enabled: isEnabled && isPurchase }));
  const resource = isPurchase ? list.data?.resources.find((r) => r.payment_id === payment.id) : undefined;
  const renews = payment.purpose === "addon_renewal" ? payment.resource_id : null;
  const canRestart = isEnabled && (payment.purpose === "plan_upgrade" || payment.purpose === "top_up" || !!resource || !!renews);

  const restart = useMutation({
    mutationFn: async ({ method, payer, cancelFirst }: TRestart) => {
      if (cancelFirst) await client.payments.cancel.mutate({ paymentId: payment.id });
      const fields = method === "mobile_money" && payer ? payer : {};
      if (payment.purpose === "top_up") {
        const view = await client.payments.initiate.mutate({ team, purpose: "top_up", amount: payment.amount, payment_method: method, ...fields });
        return { id: view.id, url: view.payment_url, method };
      }
      if (payment.purpose === "plan_upgrade") {
        const view = await client.payments.initiate.mutate({ team, payment_method: method, ...fields });
        return { id: view.id, url: view.payment_url, method };
      }
      if (renews) {
        const renewed = await client.addons.renew.mutate({ team, resourceId: renews, payment_method: method, ...fields });
        return { id: renewed.payment_id, url: renewed.payment_url, method };
      }
      if (!resource) throw new Error("This add-on payment cannot be started again from here.");
      const started = await client.addons.purchase.mutate({
        team,
        resource_type: resource.resource_type,
        quantity: resource.quantity,
        payment_method: method,
        ...fields,
      });
      return { id: started.payment_id, url: started.payment_url, method };
    },
    onSuccess: ({ id, url, method }) => goToPaymentPage(url, id, method),
  });
  return { canRestart, restart };
}
