import { type TPaymentStatus } from "@/lib/payments";
import { Ban, CheckCircle2, Clock, Loader2, XCircle, type LucideIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";

/** Colour, icon and word travel together: completed green, pending and processing amber, failed red, cancelled grey. */
const LOOK: Record<TPaymentStatus, { variant: "ok" | "warning" | "critical" | "neutral"; Icon: LucideIcon }> = {
  completed: { variant: "ok", Icon: CheckCircle2 },
  pending: { variant: "warning", Icon: Clock },
  processing: { variant: "warning", Icon: Loader2 },
  failed: { variant: "critical", Icon: XCircle },
  cancelled: { variant: "neutral", Icon: Ban },
};

/** The red of `critical` on its soft background is under 4.5:1 for a badge's small text: the word is dark, the icon stays red. */
const CRITICAL_TEXT = "text-foreground [&_svg]:text-critical";

export function PaymentStatusBadge({ status, title }: { status: TPaymentStatus; title?: string }) {
  const t = useTranslations("payments");
  const { variant, Icon } = LOOK[status];
  return (
    <Badge variant={variant} data-status={status} title={title} className={variant === "critical" ? CRITICAL_TEXT : undefined}>
      <Icon aria-hidden />
      {t(`status.${status}`)}
    </Badge>
  );
}
