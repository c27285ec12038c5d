import type { TPaymentStatus } from "@/lib/payments";
import type { TSandboxBehaviour } from "@/server/services/payments/sandbox-backend";

/**
 * The hosted sandbox page's own words, in French and English. It stands in for a provider's page,
 * which is not the console's: it keeps its texts here rather than in the app's messages.
 */
export type TSandboxLanguage = "fr" | "en";

/**
 * The page's language: the console's NEXT_LOCALE cookie when it holds one of ours, else the
 * browser's preferred language among French and English (Accept-Language, by its q-values), else English.
 */
export function pickSandboxLanguage(cookie: string | undefined, acceptLanguage: string | null): TSandboxLanguage {
  if (cookie === "fr" || cookie === "en") return cookie;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((l) => l.q > 0 && /^(fr|en)(-|$)/.test(l.tag))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.tag.startsWith("fr") ? "fr" : "en";
}

interface TSandboxTexts {
  title: string;
  testMode: string;
  description: string;
  amount: string;
  method: string;
  methods: Record<string, string>;
  payer: string;
  for: string;
  status: string;
  statuses: Record<TPaymentStatus, string>;
  reason: string;
  reasons: Record<string, string>;
  expires: string;
  automatic: Record<Exclude<TSandboxBehaviour, "hosted_page">, string>;
  pay: string;
  fail: string;
  final: (status: string) => string;
}

export const SANDBOX_TEXTS: Record<TSandboxLanguage, TSandboxTexts> = {
  en: {
    title: "Sandbox payment",
    testMode: "Test mode",
    description: "No real money moves: this page simulates the payment provider.",
    amount: "Amount",
    method: "Method",
    methods: { mobile_money: "Mobile Money", credit_card: "Card" },
    payer: "Payer",
    for: "For",
    status: "Status",
    statuses: { pending: "pending", processing: "processing", completed: "completed", failed: "failed", cancelled: "cancelled" },
    reason: "Reason",
    reasons: { insufficient_funds: "insufficient funds", expired: "the approval window closed", declined: "declined by the payer" },
    expires: "Approve before",
    automatic: {
      approve: "Test number …0001: approved on its own after a few seconds, with a callback.",
      insufficient_funds: "Test number …0002: fails on its own after a few seconds (insufficient funds), with a callback.",
      never_approved: "Test number …0003: never approved; it expires at its deadline, without a callback.",
      out_of_order: "Test number …0004: approved after a few seconds, with three callbacks out of order (completed, processing, completed).",
      no_callback: "Test number …0005: approved after a few seconds, without any callback (only the status tells).",
    },
    pay: "Pay",
    fail: "Fail",
    final: (status) => `This payment is ${status}; nothing more to do here.`,
  },
  fr: {
    title: "Paiement de test",
    testMode: "Mode test",
    description: "Aucun argent réel ne circule : cette page simule le prestataire de paiement.",
    amount: "Montant",
    method: "Moyen",
    methods: { mobile_money: "Mobile Money", credit_card: "Carte" },
    payer: "Payeur",
    for: "Objet",
    status: "Statut",
    statuses: { pending: "en attente", processing: "en cours", completed: "payé", failed: "échoué", cancelled: "annulé" },
    reason: "Motif",
    reasons: { insufficient_funds: "solde insuffisant", expired: "le délai de validation est dépassé", declined: "refusé par le payeur" },
    expires: "À valider avant le",
    automatic: {
      approve: "Numéro de test …0001 : validé seul après quelques secondes, avec un rappel (callback).",
      insufficient_funds: "Numéro de test …0002 : échoue seul après quelques secondes (solde insuffisant), avec un rappel.",
      never_approved: "Numéro de test …0003 : jamais validé ; il expire à son échéance, sans rappel.",
      out_of_order: "Numéro de test …0004 : validé après quelques secondes, avec trois rappels dans le désordre (payé, en cours, payé).",
      no_callback: "Numéro de test …0005 : validé après quelques secondes, sans aucun rappel (seul le statut le dit).",
    },
    pay: "Payer",
    fail: "Refuser",
    final: (status) => `Ce paiement est ${status} ; plus rien à faire ici.`,
  },
};
