import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { formatMoney } from "@/lib/format";
import { priceOf } from "@/lib/money";
import { getServerCaller, orNull } from "@/trpc/server";

/**
 * "Pro: 1 970 F CFA per 30 days" on the Overview, in the team's currency (its billing profile).
 * Nothing when the profile cannot be read: a price in the wrong currency would be worse than none.
 */
export async function ProUpgradePrice({ team }: { team: string }) {
  const [t, locale, profile] = await Promise.all([
    getTranslations("overview"),
    getLocale(),
    getServerCaller().then((caller) => orNull(caller.billing.profile({ team }))),
  ]);
  if (!profile) return null;
  return t("upgradePrice", { price: formatMoney(priceOf("pro", profile.currency), profile.currency, locale) });
}
