"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Skeleton } from "./ui/skeleton";

/** Something loading: busy for assistive technology and announced as "Loading…"; the children give its shape. */
export function LoadingFrame({ className, children }: { className?: string; children: ReactNode }) {
  const tc = useTranslations("common");
  return (
    <div className={className} aria-busy="true">
      <span className="sr-only" role="status">
        {tc("loading")}
      </span>
      {children}
    </div>
  );
}

/** `rows` grey bars, the shape of rows still loading. */
export function SkeletonRows({ rows, rowClassName = "h-10 w-full" }: { rows: number; rowClassName?: string }) {
  return Array.from({ length: rows }, (_, i) => <Skeleton key={i} className={rowClassName} />);
}

/** A list's shape while it loads: `rows` grey bars, announced as "Loading…". */
export function ListSkeleton({ rows, rowClassName }: { rows: number; rowClassName?: string }) {
  return (
    <LoadingFrame className="space-y-2">
      <SkeletonRows rows={rows} rowClassName={rowClassName} />
    </LoadingFrame>
  );
}

/** A list in a card could not be read: "<message> <error>" and "Retry", in one alert. */
export function ListLoadError({ message, error, onRetry }: { message: string; error: string; onRetry: () => void }) {
  const tc = useTranslations("common");
  return (
    <Alert variant="error">
      <p>
        {message} {error}
      </p>
      <Button variant="outline" size="sm" onClick={onRetry}>
        {tc("retry")}
      </Button>
    </Alert>
  );
}

/** What a page could not read: the title in bold, the reason under it, then "Retry". */
export function RetryAlert({ title, error, onRetry, testId }: { title: string; error: string; onRetry: () => void; testId?: string }) {
  const tc = useTranslations("common");
  return (
    <Alert variant="error" data-testid={testId}>
      <p className="font-medium">{title}</p>
      <p>{error}</p>
      <Button variant="outline" size="sm" className="mt-2" onClick={onRetry}>
        {tc("retry")}
      </Button>
    </Alert>
  );
}
