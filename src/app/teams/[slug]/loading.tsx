import { PageLoading } from "@/components/page-loading";
import { Skeleton } from "@/components/ui/skeleton";

export default function TeamLoading() {
  return (
    <PageLoading>
      <Skeleton className="h-8 w-40" />
      <div className="grid gap-6 lg:grid-cols-3">
        <Skeleton className="h-56 lg:col-span-1" />
        <Skeleton className="h-56 lg:col-span-2" />
      </div>
    </PageLoading>
  );
}
