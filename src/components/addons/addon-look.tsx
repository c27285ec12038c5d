import { AlertTriangle, ArrowDownUp, Ban, CalendarX, CheckCircle2, Clock, Cpu, HardDrive, MemoryStick, type LucideIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import type { TAddonStatus, TAddonType } from "@/lib/addons";
import { Badge } from "@/components/ui/badge";

export const ADDON_ICONS: Record<TAddonType, LucideIcon> = {
  ram: MemoryStick,
  cpu: Cpu,
  traffic: ArrowDownUp,
  storage: HardDrive,
};

const STATUS_LOOK: Record<TAddonStatus, { variant: "ok" | "warning" | "critical" | "neutral"; Icon: LucideIcon }> = {
  active: { variant: "ok", Icon: CheckCircle2 },
  // Due and not covered by the balance: its grace days (spec 15), still counted in the limits.
  past_due: { variant: "critical", Icon: AlertTriangle },
  pending: { variant: "warning", Icon: Clock },
  expired: { variant: "neutral", Icon: CalendarX },
  cancelled: { variant: "neutral", Icon: Ban },
};

/** An add-on's status as icon + word (never colour alone). */
export function AddonStatusBadge({ status }: { status: TAddonStatus }) {
  const t = useTranslations("addons");
  const { variant, Icon } = STATUS_LOOK[status];
  return (
    <Badge variant={variant} data-status={status}>
      <Icon aria-hidden />
      {t(`status.${status}`)}
    </Badge>
  );
}
