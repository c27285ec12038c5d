import type { ReactNode } from "react";
import { cn } from "./ui/cn";

/** The empty state of a list: what is missing and what to do about it. */
export function EmptyState({
  icon,
  title,
  children,
  className,
  "data-testid": testId,
}: {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  className?: string;
  "data-testid"?: string;
}) {
  return (
    <div className={cn("flex flex-col items-center gap-2 rounded-lg border border-dashed px-6 py-10 text-center", className)} data-testid={testId}>
      {icon ? <div className="text-muted-foreground [&_svg]:size-8">{icon}</div> : null}
      <p className="font-medium">{title}</p>
      {children ? <div className="max-w-md text-sm text-muted-foreground">{children}</div> : null}
    </div>
  );
}

export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      {children}
    </div>
  );
}
