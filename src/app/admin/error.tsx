"use client";

import { LazyRouteError } from "@/components/lazy-route-error";

export default function AdminError({ error, retry }: { error: unknown; retry: () => void }) {
  return <LazyRouteError error={error} retry={retry} />;
}
