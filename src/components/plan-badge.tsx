import { Sparkles } from "lucide-react";
import { useTranslations } from "next-intl";
import type { TPlanId } from "@/lib/plans";
import { Badge } from "./ui/badge";

export function PlanBadge({ plan, className }: { plan: TPlanId; className?: string }) {
  const t = useTranslations("plans");
  return plan === "pay_as_you_go" ? (
    <Badge variant="default" className={className}>
      <Sparkles aria-hidden />
      {t(plan)}
    </Badge>
  ) : (
    <Badge variant="secondary" className={className}>
      {t(plan)}
    </Badge>
  );
}
