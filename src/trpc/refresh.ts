import type { QueryClient, QueryFilters } from "@tanstack/react-query";

/**
 * Refetches the queries a change touched, so that what it wrote shows up. `invalidateQueries`
 * alone reuses a first load still in flight, which may have read before the change (a token
 * created while the list was loading never appeared); that load is cancelled and started again.
 * Only the loads a screen is watching are cancelled, as only those are started again: a one-off
 * read still in flight with no one watching (the staff's canned text being rendered for the reply
 * box when a live event arrived) is left to finish, instead of failing with nothing in its place.
 */
export async function refreshQueries(queryClient: QueryClient, ...filters: QueryFilters[]): Promise<void> {
  await Promise.all(filters.map((filter) => queryClient.cancelQueries({ ...filter, type: "active" })));
  await Promise.all(filters.map((filter) => queryClient.invalidateQueries(filter)));
}
