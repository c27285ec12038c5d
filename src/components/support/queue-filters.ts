import { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES, type TTicketPriority, type TTicketStatus } from "@/lib/support";

type TCategory = (typeof TICKET_CATEGORIES)[number];

/**
 * The staff queue's filters as the page holds them (and as `?status=…&priority=…` keeps them).
 * `status`: "" is the API's default (everything but closed), "all" every status.
 * `assignee`: "" anyone, "me", "unassigned" or a staff member's id.
 */
export interface TQueueFilters {
  status: "" | "all" | TTicketStatus;
  priority: "" | TTicketPriority;
  category: "" | TCategory;
  assignee: string;
  team: string;
  query: string;
}

export const EMPTY_QUEUE_FILTERS: TQueueFilters = { status: "", priority: "", category: "", assignee: "", team: "", query: "" };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";
const oneOf = <T extends string>(value: string, allowed: readonly T[]): T | "" => ((allowed as readonly string[]).includes(value) ? (value as T) : "");

/** Filters from the address's query (anything unknown is dropped). */
export function parseQueueFilters(params: Record<string, string | string[] | undefined>): TQueueFilters {
  const status = one(params.status);
  return {
    status: status === "all" ? "all" : oneOf(status, TICKET_STATUSES),
    priority: oneOf(one(params.priority), TICKET_PRIORITIES),
    category: oneOf(one(params.category), TICKET_CATEGORIES),
    assignee: one(params.assignee).slice(0, 100),
    team: one(params.team).slice(0, 100),
    query: one(params.q).slice(0, 200),
  };
}

/** The address's query for these filters ("" when none is set). */
export function queueSearchString(filters: TQueueFilters): string {
  const params = new URLSearchParams();
  if (filters.status) params.set("status", filters.status);
  if (filters.priority) params.set("priority", filters.priority);
  if (filters.category) params.set("category", filters.category);
  if (filters.assignee) params.set("assignee", filters.assignee);
  if (filters.team.trim()) params.set("team", filters.team.trim());
  if (filters.query.trim()) params.set("q", filters.query.trim());
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The input of `support.queue` for these filters. */
export function queueInput(filters: TQueueFilters) {
  return {
    status: filters.status === "all" ? [...TICKET_STATUSES] : filters.status ? [filters.status] : undefined,
    priority: filters.priority ? [filters.priority] : undefined,
    category: filters.category ? [filters.category] : undefined,
    assignee: filters.assignee || undefined,
    team: filters.team.trim() || undefined,
    query: filters.query.trim() || undefined,
  };
}

export function hasQueueFilters(filters: TQueueFilters): boolean {
  return Boolean(filters.status || filters.priority || filters.category || filters.assignee || filters.team.trim());
}
