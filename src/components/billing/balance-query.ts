"use client";

import { useQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useLocale, useTranslations } from "next-intl";
import { formatMoney } from "@/lib/format";
import { useTRPC } from "@/trpc/react";
import { describeError } from "@/components/error-message";
import type { TOutputs } from "./payment-flow";
import type { TBalanceOption } from "./payment-method-picker";

export type TBalanceView = TOutputs["balance"]["get"];
export type TRenewalView = TBalanceView["renewals"][number];
export type TLedgerPage = TOutputs["balance"]["ledger"];
export type TLedgerEntry = TLedgerPage["entries"][number];

/** The team's prepaid balance, its top-up bounds and next renewals (spec 15), seeded by the page when it has it. */
export function useBalance(team: string, initial?: TBalanceView | null, enabled = true) {
  const trpc = useTRPC();
  return useQuery(trpc.balance.get.queryOptions({ team }, { initialData: () => initial ?? undefined, enabled }));
}

/** "Pay from balance" for one price, when the balance is known and in the price's currency; null hides the option. */
export function balanceOptionFor(view: TBalanceView | null | undefined, priceMinor: number, currency: string): TBalanceOption | null {
  if (!view || view.currency !== currency) return null;
  return { balanceMinor: view.balance_minor, priceMinor, currency };
}

/** What a 409 `balance_too_low` says is missing (the server's `shortfall_minor` and `currency`), or null for any other error. */
export function shortfallOf(error: unknown): { shortfallMinor: number; currency: string } | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data = error.data as { reason?: unknown; shortfall_minor?: unknown; currency?: unknown } | undefined;
  if (data?.reason !== "balance_too_low" || typeof data.shortfall_minor !== "number" || typeof data.currency !== "string") return null;
  return { shortfallMinor: data.shortfall_minor, currency: data.currency };
}

/** A failed start, in words: a short balance with its shortfall in the reader's language, else the server's sentence (or the network's). */
export function usePayErrorText() {
  const tb = useTranslations("balance");
  const tc = useTranslations("common");
  const locale = useLocale();
  return (error: unknown): string => {
    const short = shortfallOf(error);
    return short ? tb("tooLow", { shortfall: formatMoney(short.shortfallMinor, short.currency, locale) }) : describeError(error, tc("networkError"));
  };
}
