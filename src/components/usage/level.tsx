import { CheckCircle2, OctagonAlert, TriangleAlert, XCircle, type LucideIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import type { TUsageLevel } from "@/lib/usage-levels";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";

/**
 * The one place a usage level gets its look: colour, icon and word always travel together
 * (never colour alone). The thresholds themselves live in `@/lib/usage-levels`.
 *
 * ok: green · warning (≥ 80 %): amber · critical (≥ 95 %): orange · exceeded (≥ 100 %): red.
 */
export const LEVEL_LOOK: Record<
  TUsageLevel,
  {
    Icon: LucideIcon;
    /** The badge: tinted background, border and text. */
    badge: string;
    /** A card or panel in that state: its border and background. */
    surface: string;
    /** The filled part of a meter bar. */
    bar: string;
    /** Text or an icon in the level's colour. */
    text: string;
  }
> = {
  ok: {
    Icon: CheckCircle2,
    badge: "border-ok/30 bg-ok-soft text-ok",
    surface: "",
    bar: "bg-ok",
    text: "text-ok",
  },
  warning: {
    Icon: TriangleAlert,
    badge: "border-warning/40 bg-warning-soft text-warning",
    surface: "border-warning/60 bg-warning-soft/50 ring-1 ring-warning/30",
    bar: "bg-warning",
    text: "text-warning",
  },
  critical: {
    Icon: OctagonAlert,
    badge: "border-orange-300 bg-orange-50 text-orange-700",
    surface: "border-orange-400 bg-orange-50/70 ring-1 ring-orange-300",
    bar: "bg-orange-600",
    text: "text-orange-700",
  },
  exceeded: {
    Icon: XCircle,
    badge: "border-critical/40 bg-critical-soft text-critical",
    surface: "border-critical/70 bg-critical-soft/70 ring-1 ring-critical/40",
    bar: "bg-critical",
    text: "text-critical",
  },
};

/** A usage level as a badge: icon + word in the level's colour ("OK", "Warning", "Critical", "Limit exceeded"). */
export function LevelBadge({ level, className }: { level: TUsageLevel; className?: string }) {
  const t = useTranslations("usageLevel");
  const { Icon, badge } = LEVEL_LOOK[level];
  return (
    <Badge variant="outline" data-level={level} className={cn(badge, className)}>
      <Icon aria-hidden />
      {t(level)}
    </Badge>
  );
}

/** Classes for a container (a card) in the level's state; nothing for `ok`. */
export function levelSurface(level: TUsageLevel): string {
  return LEVEL_LOOK[level].surface;
}
