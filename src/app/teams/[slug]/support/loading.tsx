import { PageLoading, RowsSkeleton } from "@/components/page-loading";
import { Skeleton } from "@/components/ui/skeleton";

export default function SupportLoading() {
  return (
    <PageLoading>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <Skeleton className="h-8 w-32" />
        <Skeleton className="h-9 w-32" />
        <Skeleton className="h-4 w-full max-w-2xl" />
      </div>
      <div className="flex flex-col gap-3 sm:flex-row sm:justify-between">
        <Skeleton className="h-9 w-full sm:w-48" />
        <Skeleton className="h-9 w-full sm:w-96" />
      </div>
      <RowsSkeleton />
    </PageLoading>
  );
}
