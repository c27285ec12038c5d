import { useLocale, useTranslations } from "next-intl";
import { formatMegabytes } from "@/lib/format";
import { PLANS, isUnlimited, type TPlanId } from "@/lib/plans";
import { cn } from "@/components/ui/cn";

/** The metered limits as `addons.limits` answers them (plan + active add-ons). */
export interface TEffectiveLimitSet {
  cpu_cores: number;
  memory_mb: number;
  traffic_gb: number;
  storage_mb: number;
}

/**
 * What a team may use, as a definition list: the plan's limits, or, given `limits`, the effective
 * ones (plan + active add-ons) for traffic, storage, CPU and memory. Server and client components.
 */
export function PlanLimitList({ plan, limits, className }: { plan: TPlanId; limits?: TEffectiveLimitSet; className?: string }) {
  const t = useTranslations("overview");
  const locale = useLocale();
  const p = PLANS[plan];
  const count = (n: number) => (isUnlimited(n) ? t("unlimited") : String(n));
  const rows: Array<{ key: string; term: string; value: string }> = [
    { key: "projects", term: t("limitProjects"), value: count(p.maxProjects) },
    { key: "members", term: t("limitMembers"), value: count(p.maxMembers) },
    { key: "traffic", term: t("limitTraffic"), value: formatMegabytes((limits?.traffic_gb ?? p.maxTrafficGbPerMonth) * 1024, locale) },
    { key: "storage", term: t("limitStorage"), value: formatMegabytes(limits?.storage_mb ?? p.maxStorageMb, locale) },
    { key: "cpu", term: t("limitCpu"), value: t("cpuCores", { cores: limits?.cpu_cores ?? p.maxCpu }) },
    { key: "memory", term: t("limitMemory"), value: formatMegabytes(limits?.memory_mb ?? p.maxMemoryMb, locale) },
    { key: "custom-domains", term: t("limitCustomDomains"), value: p.customDomains ? t("yes") : t("no") },
  ];
  return (
    <dl className={cn("grid grid-cols-[1fr_auto] gap-x-4 gap-y-1.5 text-sm", className)}>
      {rows.map(({ key, term, value }) => (
        <div key={key} className="contents">
          <dt className="text-muted-foreground">{term}</dt>
          <dd className="text-right font-medium tabular-nums" data-limit={key}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
