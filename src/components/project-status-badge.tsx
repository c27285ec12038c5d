import { Ban, CheckCircle2, MinusCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { Badge } from "./ui/badge";

type TProjectStatus = "active" | "suspended" | "inactive";

const LOOK = {
  active: { variant: "ok", Icon: CheckCircle2 },
  suspended: { variant: "critical", Icon: Ban },
  inactive: { variant: "neutral", Icon: MinusCircle },
} as const;

/** A project's status: colour, icon and word together, never colour alone. */
export function ProjectStatusBadge({ status }: { status: TProjectStatus }) {
  const t = useTranslations("projectStatus");
  const { variant, Icon } = LOOK[status];
  return (
    <Badge variant={variant} data-status={status}>
      <Icon aria-hidden />
      {t(status)}
    </Badge>
  );
}
