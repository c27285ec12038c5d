"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import { useTRPC } from "@/trpc/react";
import { PaymentHistory } from "./payment-history";
import { PaymentPanel, useTrackedPayment, type TPaymentStatusView, type TPaymentView } from "./payment-panel";
import { PlanCard } from "./plan-card";
import { UpgradeCard } from "./upgrade-card";

type TTeam = inferRouterOutputs<AppRouter>["teams"]["get"];

/**
 * The Billing page's body: a payment being followed (from `?payment=` or still open in the
 * history), the plan, the upgrade or extension, and the payment history. The plan and history are
 * queries seeded by the server, so a completed payment refreshes them in place.
 */
export function BillingView({
  initialTeam,
  initialHistory,
  urlPaymentId,
  initialPayment,
}: {
  initialTeam: TTeam;
  initialHistory: TPaymentView[] | null;
  urlPaymentId: string | null;
  initialPayment: TPaymentStatusView | null;
}) {
  const trpc = useTRPC();
  const slug = initialTeam.slug;
  const team = useQuery(trpc.teams.get.queryOptions({ team: slug }, { initialData: () => initialTeam })).data ?? initialTeam;
  const history = useQuery(trpc.payments.history.queryOptions({ team: slug }, { initialData: () => initialHistory ?? undefined }));
  const canManage = team.role === "owner" || team.role === "admin";

  const open = history.data?.find((p) => p.status === "pending" || p.status === "processing") ?? null;
  const { paymentId, dismiss } = useTrackedPayment(urlPaymentId, open?.id ?? null);
  const fromHistory = history.data?.find((p) => p.id === paymentId);
  const initial = paymentId && paymentId === initialPayment?.id ? initialPayment : fromHistory ? { ...fromHistory, backend_error: null } : null;

  return (
    <div className="space-y-6">
      {paymentId ? (
        <PaymentPanel key={paymentId} team={slug} paymentId={paymentId} canManage={canManage} initial={initial} onDismiss={dismiss} />
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <PlanCard team={slug} plan={team.plan} currentPeriodEnd={team.currentPeriodEnd} />
        <UpgradeCard team={slug} plan={team.plan} currentPeriodEnd={team.currentPeriodEnd} canManage={canManage} />
      </div>
      <PaymentHistory history={history} />
    </div>
  );
}
