"use client";

import { useTranslations } from "next-intl";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Skeleton } from "./ui/skeleton";

/** A list's shape while it loads: `rows` grey bars, announced as "Loading…". */
export function ListSkeleton({ rows, rowClassName = "h-10 w-full" }: { rows: number; rowClassName?: string }) {
  const tc = useTranslations("common");
  return (
    <div className="space-y-2" aria-busy="true">
      <span className="sr-only" role="status">
        {tc("loading")}
      </span>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className={rowClassName} />
      ))}
    </div>
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
