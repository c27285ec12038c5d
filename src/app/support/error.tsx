"use client";

import { LazyRouteError } from "@/components/lazy-route-error";

export default function SupportConsoleError({ error, retry }: { error: unknown; retry: () => void }) {
  return <LazyRouteError error={error} retry={retry} />;
}
