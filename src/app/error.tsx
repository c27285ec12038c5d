"use client";

import { LazyRouteError } from "@/components/lazy-route-error";

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main>
      <LazyRouteError error={error} retry={retry} />
    </main>
  );
}
