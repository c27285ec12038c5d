import type { QueryClient, QueryFilters } from "@tanstack/react-query";

/**
 * Refetches the queries a change touched, so that what it wrote shows up. `invalidateQueries`
 * alone reuses a first load still in flight, which may have read before the change (a token
 * created while the list was loading never appeared); that load is cancelled and started again.
 */
export async function refreshQueries(queryClient: QueryClient, ...filters: QueryFilters[]): Promise<void> {
  await Promise.all(filters.map((filter) => queryClient.cancelQueries(filter)));
  await Promise.all(filters.map((filter) => queryClient.invalidateQueries(filter)));
}
