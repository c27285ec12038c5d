/** Support rules shared by the API and the UI (spec 8): priorities, SLA targets, status words. */
export const TICKET_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export const TICKET_STATUSES = ["open", "in_progress", "waiting", "resolved", "closed"] as const;
export const TICKET_CATEGORIES = ["technical", "billing", "feature_request", "bug_report", "other"] as const;
export const MESSAGE_AUTHOR_TYPES = ["user", "support", "system"] as const;
export type TTicketPriority = (typeof TICKET_PRIORITIES)[number];
export type TTicketStatus = (typeof TICKET_STATUSES)[number];
export type TTicketCategory = (typeof TICKET_CATEGORIES)[number];

/** First-response targets per priority, in hours. */
export const SLA_HOURS: Record<TTicketPriority, number> = { urgent: 1, high: 4, normal: 24, low: 72 };

export const PRIORITY_RANK: Record<TTicketPriority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/** A Pro team's ticket is at least `high`, whatever was asked. */
export function effectivePriority(requested: TTicketPriority, isPro: boolean): TTicketPriority {
  return isPro && PRIORITY_RANK[requested] < PRIORITY_RANK.high ? "high" : requested;
}

export interface TSla {
  target_hours: number;
  due_at: Date;
  /** `pending`: no first response yet and time left; `breached`: late (answered late, or still waiting); `met`. */
  state: "pending" | "met" | "breached";
  /** Minutes left before the target (negative once breached); null when answered. */
  minutes_left: number | null;
}

export function slaFor(ticket: { priority: TTicketPriority; createdAt: Date; firstResponseAt: Date | null }, now: Date): TSla {
  const target = SLA_HOURS[ticket.priority];
  const due = new Date(ticket.createdAt.getTime() + target * 3_600_000);
  if (ticket.firstResponseAt) {
    return { target_hours: target, due_at: due, state: ticket.firstResponseAt <= due ? "met" : "breached", minutes_left: null };
  }
  const left = Math.floor((due.getTime() - now.getTime()) / 60_000);
  return { target_hours: target, due_at: due, state: left >= 0 ? "pending" : "breached", minutes_left: left };
}

/** The audited actions staff take from a ticket (spec 19), the words `staff_action.action` holds. */
export const STAFF_ACTIONS = ["recheck_payment", "extend_pro", "lift_suspension", "grant_credit"] as const;
export type TStaffAction = (typeof STAFF_ACTIONS)[number];

/** Goodwill Pro days one `extendPro` gives: 1 to 30. */
export const EXTEND_PRO_MAX_DAYS = 30;
/** How long `liftSuspension` keeps the limit check away from a team. */
export const SUSPENSION_GRACE_HOURS = 48;
/** The default of SUPPORT_CREDIT_MAX: the most one `grantCredit` gives, in euros. */
export const SUPPORT_CREDIT_MAX_EUR_DEFAULT = 10;

/** A satisfaction score: 1 to 5; 4 and 5 count as satisfied in the stats. */
export const RATING_MIN = 1;
export const RATING_MAX = 5;
/** The stats' window for satisfaction, in days. */
export const RATING_WINDOW_DAYS = 30;
