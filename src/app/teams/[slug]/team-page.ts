import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { getServerCaller, getTeamForPage, orNull } from "@/trpc/server";

/** A team page's title: "<page title> – <team name>" ("<page title>" alone when the team can't be seen). */
export async function teamPageMetadata(slug: string, namespace: string): Promise<Metadata> {
  const team = await getTeamForPage(slug);
  const t = await getTranslations(namespace);
  return { title: team ? `${t("title")} – ${team.name}` : t("title") };
}

/** `?payment=`, where the payment page sends the payer back: the payment's id, or null when absent or implausible. */
export function paymentIdParam(value: string | string[] | undefined): string | null {
  return typeof value === "string" && value.length > 0 && value.length <= 100 ? value : null;
}

/** The team's balance view (spec 15), read once per request: the layout's past-due banner and the page share it; null when it cannot be read. */
export const getBalanceForPage = cache(async (slug: string) => orNull((await getServerCaller()).balance.get({ team: slug })));
