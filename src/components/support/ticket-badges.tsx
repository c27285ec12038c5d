import { AlarmClock, CheckCircle2, Clock, XCircle } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { formatDateTime } from "@/lib/format";
import type { TTicketPriority, TTicketStatus } from "@/lib/support";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { PRIORITY_LOOK, STATUS_LOOK } from "./ticket-look";
import type { TTicketSla } from "./types";

/** A ticket's status: icon and word in the status's colour ("Open", "In progress"…). */
export function TicketStatusBadge({ status, className }: { status: TTicketStatus; className?: string }) {
  const t = useTranslations("ticketStatus");
  const { Icon, badge } = STATUS_LOOK[status];
  return (
    <Badge variant="outline" data-testid="ticket-status" data-status={status} className={cn(badge, className)}>
      <Icon aria-hidden />
      {t(status)}
    </Badge>
  );
}

/** A ticket's priority: icon and word ("Low" … "Urgent"). */
export function TicketPriorityBadge({ priority, className }: { priority: TTicketPriority; className?: string }) {
  const t = useTranslations("ticketPriority");
  const { Icon, badge } = PRIORITY_LOOK[priority];
  return (
    <Badge variant="outline" data-testid="ticket-priority" data-priority={priority} className={cn(badge, className)}>
      <Icon aria-hidden />
      {t(priority)}
    </Badge>
  );
}

/** Minutes as "2 h 10 min", "3 h", "45 min" in the user's language. */
export function useFormatDuration() {
  const t = useTranslations("ticket");
  return (totalMinutes: number) => {
    const minutes = Math.max(0, Math.round(totalMinutes));
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    if (h === 0) return t("durationMinutes", { m });
    if (m === 0) return t("durationHours", { h });
    return t("durationHoursMinutes", { h, m });
  };
}

/**
 * The first-response SLA: time left ("2 h 10 min left", amber in the last quarter), the breach
 * ("Breached 3 h ago", red) or "Met" (green). `data-state` carries pending | met | breached.
 */
export function SlaBadge({ sla, firstResponseAt, className }: { sla: TTicketSla; firstResponseAt: Date | string | null; className?: string }) {
  const t = useTranslations("ticket");
  const locale = useLocale();
  const duration = useFormatDuration();
  const title = t("slaDue", { date: formatDateTime(sla.due_at, locale), hours: sla.target_hours });

  let look: string;
  let Icon = Clock;
  let text: string;
  if (sla.state === "met") {
    look = "border-ok/30 bg-ok-soft text-ok";
    Icon = CheckCircle2;
    text = t("slaMet");
  } else if (sla.state === "breached") {
    look = "border-critical/40 bg-critical-soft text-critical";
    Icon = XCircle;
    if (sla.minutes_left !== null) {
      text = t("slaBreachedAgo", { time: duration(-sla.minutes_left) });
    } else {
      const late = firstResponseAt ? (new Date(firstResponseAt).getTime() - new Date(sla.due_at).getTime()) / 60_000 : 0;
      text = t("slaBreachedLate", { time: duration(late) });
    }
  } else {
    const left = sla.minutes_left ?? 0;
    const isShort = left < sla.target_hours * 60 * 0.25;
    look = isShort ? "border-warning/40 bg-warning-soft text-warning" : "border-border bg-card text-foreground";
    Icon = isShort ? AlarmClock : Clock;
    text = t("slaLeft", { time: duration(left) });
  }
  return (
    <Badge variant="outline" data-testid="sla" data-state={sla.state} title={title} className={cn(look, className)}>
      <Icon aria-hidden />
      {text}
    </Badge>
  );
}
