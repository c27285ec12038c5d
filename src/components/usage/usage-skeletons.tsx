import { Skeleton } from "@/components/ui/skeleton";

/** The two meter cards while they load. */
export function UsageMetersSkeleton() {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Skeleton className="h-44 rounded-xl" />
      <Skeleton className="h-44 rounded-xl" />
    </div>
  );
}

/** The charts and the table while they load (same sizes as the real ones, so nothing jumps). */
export function UsageChartsSkeleton() {
  return (
    <div className="space-y-6">
      <Skeleton className="h-[19rem] rounded-xl sm:h-[23rem]" />
      <div className="grid gap-6 lg:grid-cols-2">
        <Skeleton className="h-[19rem] rounded-xl sm:h-[23rem]" />
        <Skeleton className="h-[19rem] rounded-xl sm:h-[23rem]" />
      </div>
      <Skeleton className="h-56 rounded-xl" />
    </div>
  );
}

export function UsageDashboardSkeleton() {
  return (
    <div className="space-y-6">
      <UsageMetersSkeleton />
      <UsageChartsSkeleton />
    </div>
  );
}
