import { Archive, ArrowDown, ArrowUp, CheckCircle2, CircleDashed, CircleDot, Flame, Hourglass, Minus, type LucideIcon } from "lucide-react";
import type { TTicketPriority, TTicketStatus } from "@/lib/support";

/**
 * The one place a ticket status or priority gets its look. Colour, icon and word always travel
 * together; `chart` is the status's colour in the stats chart, matching its badge.
 */
export const STATUS_LOOK: Record<TTicketStatus, { Icon: LucideIcon; badge: string; chart: string }> = {
  open: { Icon: CircleDot, badge: "border-sky-300 bg-sky-50 text-sky-700", chart: "#0284c7" },
  in_progress: { Icon: CircleDashed, badge: "border-indigo-300 bg-indigo-50 text-indigo-700", chart: "#4f46e5" },
  waiting: { Icon: Hourglass, badge: "border-violet-300 bg-violet-50 text-violet-700", chart: "#7c3aed" },
  resolved: { Icon: CheckCircle2, badge: "border-ok/30 bg-ok-soft text-ok", chart: "#15803d" },
  closed: { Icon: Archive, badge: "border-neutral/20 bg-neutral-soft text-neutral", chart: "#64748b" },
};

/** Priorities: the higher, the warmer (high in the warning colour, urgent in the critical one). */
export const PRIORITY_LOOK: Record<TTicketPriority, { Icon: LucideIcon; badge: string }> = {
  low: { Icon: ArrowDown, badge: "border-neutral/20 bg-neutral-soft text-neutral" },
  normal: { Icon: Minus, badge: "border-border bg-card text-foreground" },
  high: { Icon: ArrowUp, badge: "border-warning/40 bg-warning-soft text-warning" },
  urgent: { Icon: Flame, badge: "border-critical/40 bg-critical-soft text-critical" },
};
