import { PageLoading } from "@/components/page-loading";
import { Skeleton } from "@/components/ui/skeleton";
import { UsageDashboardSkeleton } from "@/components/usage/usage-skeletons";

export default function UsageLoading() {
  return (
    <PageLoading titleWidth="w-44">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Skeleton className="h-9 w-full sm:w-52" />
        <Skeleton className="h-9 w-full sm:w-40" />
      </div>
      <UsageDashboardSkeleton />
    </PageLoading>
  );
}
