"use client";

import { RouteError } from "@/components/route-error";

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main>
      <RouteError error={error} retry={retry} />
    </main>
  );
}
