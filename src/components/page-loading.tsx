import type { ReactNode } from "react";
import { LoadingFrame, SkeletonRows } from "./list-states";
import { Skeleton } from "./ui/skeleton";
import { cn } from "./ui/cn";

/**
 * The frame of every route's loading state: busy for assistive technology, a spoken "Loading…",
 * and (with `titleWidth`) the page title and intro line; the page gives the rest of its shape.
 */
export function PageLoading({ titleWidth, children }: { titleWidth?: string; children: ReactNode }) {
  return (
    <LoadingFrame className="space-y-6">
      {titleWidth ? (
        <div className="space-y-2">
          <Skeleton className={cn("h-8", titleWidth)} />
          <Skeleton className="h-4 w-full max-w-md" />
        </div>
      ) : null}
      {children}
    </LoadingFrame>
  );
}

/** Rows of a table or list while it loads. */
export function RowsSkeleton({ rows = 3 }: { rows?: number }) {
  return (
    <div className="space-y-2">
      <SkeletonRows rows={rows} rowClassName="h-12 w-full" />
    </div>
  );
}
