"use client";

import { LazyRouteError } from "@/components/lazy-route-error";

export default function TeamError({ error, retry }: { error: unknown; retry: () => void }) {
  return <LazyRouteError error={error} retry={retry} />;
}
