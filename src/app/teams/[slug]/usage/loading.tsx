import { useTranslations } from "next-intl";
import { Skeleton } from "@/components/ui/skeleton";
import { UsageDashboardSkeleton } from "@/components/usage/usage-skeletons";

export default function UsageLoading() {
  const t = useTranslations("common");
  return (
    <div className="space-y-6" aria-busy="true">
      <p className="sr-only" role="status">
        {t("loading")}
      </p>
      <div className="space-y-2">
        <Skeleton className="h-8 w-44" />
        <Skeleton className="h-4 w-full max-w-md" />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Skeleton className="h-9 w-full sm:w-52" />
        <Skeleton className="h-9 w-full sm:w-40" />
      </div>
      <UsageDashboardSkeleton />
    </div>
  );
}
