import { PageLoading, RowsSkeleton } from "@/components/page-loading";
import { Skeleton } from "@/components/ui/skeleton";

export default function AdminLoading() {
  return (
    <PageLoading titleWidth="w-56">
      <Skeleton className="h-24 w-full" />
      <RowsSkeleton />
    </PageLoading>
  );
}
